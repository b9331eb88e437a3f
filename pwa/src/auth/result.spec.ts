// @vitest-environment node
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { LoginWithPasswordMutation, LogoutMutation } from '@/api/generated/graphql'
import { readBackendSchema } from '@/test/schema'
import { fieldError, isErrorMember, settle } from './result'

type LoginResult = LoginWithPasswordMutation['loginWithPassword']
/** Widens a literal back to the whole union, as a real response is typed. */
const asLogin = (result: LoginResult): LoginResult => result

describe('settle(): union result → data or typed error', () => {
  it('returns the success member as data', () => {
    const result = asLogin({
      __typename: 'AuthSuccess',
      accessToken: 'a',
      expiresIn: 600,
      refreshToken: 'r',
      sessionId: 's',
    })
    const settled = settle(result)
    expect(settled.ok).toBe(true)
    if (!settled.ok) throw new Error('unreachable')
    expectTypeOf(settled.data.__typename).toEqualTypeOf<'AuthSuccess'>()
    expect(settled.data.accessToken).toBe('a')
  })

  it('returns any ...Error member as a typed error', () => {
    const result = asLogin({
      __typename: 'RateLimitedError',
      code: 'ACCOUNT_LOCKED',
      message: 'locked',
      retryAfterSeconds: 90,
    })
    const settled = settle(result)
    expect(settled.ok).toBe(false)
    if (settled.ok) throw new Error('unreachable')
    expectTypeOf(settled.error.__typename).toEqualTypeOf<
      'IdentityError' | 'InvalidInputError' | 'ProviderUnavailableError' | 'RateLimitedError' | 'VerificationFailedError'
    >()
    if (settled.error.__typename !== 'RateLimitedError') throw new Error('narrowing')
    expect(settled.error.retryAfterSeconds).toBe(90)
  })

  it('works for Done results too', () => {
    const done: LogoutMutation['logout'] = { __typename: 'Done', ok: true }
    expect(settle(done)).toEqual({ ok: true, data: done })
    const failed: LogoutMutation['logout'] = { __typename: 'IdentityError', code: 'NOT_FOUND', message: 'x' }
    expect(settle(failed)).toEqual({ ok: false, error: failed })
    expect(isErrorMember(failed)).toBe(true)
  })

  it('finds the field and reason of an InvalidInputError only', () => {
    expect(
      fieldError({ __typename: 'InvalidInputError', field: 'idNumber', reason: 'checksum' }),
    ).toEqual({ field: 'idNumber', reason: 'checksum' })
    expect(fieldError({ __typename: 'IdentityError' })).toBeNull()
  })
})

describe('the naming convention settle() relies on holds in the exported schema', () => {
  const sdl = readBackendSchema()
  const implementers = [...sdl.matchAll(/^type (\w+) implements ([\w &]+) \{/gm)]
    .filter((m) => (m[2] ?? '').split('&').map((s) => s.trim()).includes('UserError'))
    .map((m) => m[1] ?? '')
  const unionMembers = [...sdl.matchAll(/^union \w+ = (.+)$/gm)].flatMap((m) =>
    (m[1] ?? '').split('|').map((s) => s.trim()),
  )

  it('finds the typed errors', () => {
    expect(implementers).toEqual(expect.arrayContaining(['InvalidInputError', 'RateLimitedError', 'IdentityError']))
  })

  it('every UserError type is named ...Error', () => {
    expect(implementers.filter((name) => !name.endsWith('Error'))).toEqual([])
  })

  it('no union member that is not a UserError is named ...Error', () => {
    const impostors = unionMembers.filter((name) => name.endsWith('Error') && !implementers.includes(name))
    expect(impostors).toEqual([])
  })
})
