import { describe, expect, it, vi } from 'vitest'
import { GraphQLRequestError, NetworkError } from '@/api/client'
import { MeQuery } from '@/api/operations'
import { jsonResponse } from '@/test/helpers'
import { AuthClient, isInvalidTokenResponse, type AuthClientOptions } from './client'
import type { StepUpArguments, StepUpChallenge } from './stepUp'
import { memoryRefreshTokenStore } from './tokens'

/**
 * A fake API: access tokens in `valid` are accepted, others get a 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"`; refreshSession rotates the single
 * live refresh token (a spent one is refused with SESSION_INVALID, as the backend does).
 */
function fakeApi(options: { liveRefresh?: string; refreshDelayMs?: number } = {}) {
  const valid = new Set<string>()
  let liveRefresh = options.liveRefresh ?? 'R1'
  let generation = 1
  const calls = { refresh: 0, me: 0, authorizations: [] as Array<string | null> }
  let refreshFails: 'network' | null = null
  let meErrors: unknown[] | null = null

  const fetchImpl = vi.fn<typeof fetch>(async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> }
    const operation = /(?:query|mutation) (\w+)/.exec(body.query)?.[1]
    if (operation === 'RefreshSession') {
      calls.refresh++
      if (refreshFails === 'network') throw new TypeError('Failed to fetch')
      await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs ?? 5))
      if (body.variables.refreshToken !== liveRefresh) {
        return jsonResponse({
          data: { refreshSession: { __typename: 'IdentityError', code: 'SESSION_INVALID', message: 'ended' } },
        })
      }
      generation++
      const accessToken = `A${generation}`
      valid.add(accessToken)
      liveRefresh = `R${generation}`
      return jsonResponse({
        data: {
          refreshSession: {
            __typename: 'AuthSuccess',
            accessToken,
            expiresIn: 600,
            refreshToken: liveRefresh,
            sessionId: 'S1',
          },
        },
      })
    }
    const authorization = new Headers(init?.headers).get('authorization')
    calls.authorizations.push(authorization)
    if (authorization && !valid.has(authorization.replace(/^Bearer /, ''))) {
      return new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED' } }), {
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer realm="onetap", error="invalid_token"' },
      })
    }
    calls.me++
    if (meErrors) return jsonResponse({ data: null, errors: meErrors })
    return jsonResponse({ data: { me: null } })
  })

  return {
    fetchImpl,
    calls,
    valid,
    failRefresh: (how: 'network' | null) => {
      refreshFails = how
    },
    failMe: (errors: unknown[] | null) => {
      meErrors = errors
    },
    get liveRefresh() {
      return liveRefresh
    },
  }
}

function signedInClient(api: ReturnType<typeof fakeApi>, extra: AuthClientOptions = {}) {
  const store = memoryRefreshTokenStore()
  const client = new AuthClient({ fetchImpl: api.fetchImpl, refreshStore: store, ...extra })
  api.valid.add('A1')
  client.accept({ accessToken: 'A1', expiresIn: 600, refreshToken: 'R1' })
  return { client, store }
}

describe('AuthClient', () => {
  it('sends no Authorization header while signed out', async () => {
    const api = fakeApi()
    const client = new AuthClient({ fetchImpl: api.fetchImpl, refreshStore: memoryRefreshTokenStore() })
    await client.request(MeQuery, {})
    expect(api.calls.authorizations).toEqual([null])
  })

  it('attaches the access token as a bearer token', async () => {
    const api = fakeApi()
    const { client, store } = signedInClient(api)
    await client.request(MeQuery, {})
    expect(api.calls.authorizations).toEqual(['Bearer A1'])
    expect(store.read()).toBe('R1')
    expect(client.currentAccessToken()).toBe('A1')
  })

  it('on a 401 invalid_token, refreshes once and retries with the new token', async () => {
    const api = fakeApi()
    const { client, store } = signedInClient(api)
    api.valid.delete('A1') // the access token expired server-side
    await client.request(MeQuery, {})
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.authorizations).toEqual(['Bearer A1', 'Bearer A2'])
    expect(store.read()).toBe('R2')
  })

  it('two concurrent 401s cause exactly one refresh, and both requests succeed', async () => {
    const api = fakeApi({ refreshDelayMs: 20 })
    const { client, store } = signedInClient(api)
    api.valid.delete('A1')
    const [a, b] = await Promise.all([client.request(MeQuery, {}), client.request(MeQuery, {})])
    expect(a).toEqual({ me: null })
    expect(b).toEqual({ me: null })
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.authorizations.filter((h) => h === 'Bearer A2')).toHaveLength(2)
    expect(store.read()).toBe('R2')
  })

  it('a 401 arriving after another request already refreshed reuses the new token', async () => {
    const api = fakeApi()
    const { client } = signedInClient(api)
    api.valid.delete('A1')
    await client.request(MeQuery, {})
    await client.request(MeQuery, {})
    expect(api.calls.refresh).toBe(1)
  })

  it('serialises refreshes through the cross-tab lock', async () => {
    const api = fakeApi()
    const withLock = vi.fn((_name: string, task: () => Promise<unknown>) => task())
    const { client } = signedInClient(api, { withLock: withLock as AuthClientOptions['withLock'] })
    api.valid.delete('A1')
    await client.request(MeQuery, {})
    expect(withLock).toHaveBeenCalledTimes(1)
    expect(withLock.mock.calls[0]?.[0]).toBe('onetap:auth:refresh')
  })

  it('reads the refresh token from storage at refresh time (another tab may have rotated it)', async () => {
    const api = fakeApi({ liveRefresh: 'R9' })
    const { client, store } = signedInClient(api)
    store.write('R9') // written by another tab after its own refresh
    api.valid.delete('A1')
    await client.request(MeQuery, {})
    expect(api.calls.refresh).toBe(1)
    expect(client.currentAccessToken()).toBe('A2')
  })

  it('a refused refresh signs out locally and the request fails as UNAUTHENTICATED', async () => {
    const api = fakeApi({ liveRefresh: 'someone-else' })
    const { client, store } = signedInClient(api)
    const signedOut = vi.fn()
    client.onSignedOut(signedOut)
    api.valid.delete('A1')
    const error = await client.request(MeQuery, {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphQLRequestError)
    expect((error as GraphQLRequestError).code).toBe('UNAUTHENTICATED')
    expect(store.read()).toBeNull()
    expect(client.currentAccessToken()).toBeNull()
    expect(signedOut).toHaveBeenCalledWith('refresh_refused')
  })

  it('an unreachable server during refresh keeps the session (offline)', async () => {
    const api = fakeApi()
    const { client, store } = signedInClient(api)
    api.valid.delete('A1')
    api.failRefresh('network')
    const error = await client.request(MeQuery, {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(store.read()).toBe('R1')
  })

  it('renews an access token known to have expired before sending the request', async () => {
    const api = fakeApi()
    let now = 1_000_000
    const { client } = signedInClient(api, { now: () => now })
    now += 600_000 // ten minutes later
    await client.request(MeQuery, {})
    expect(api.calls.refresh).toBe(1)
    expect(api.calls.authorizations).toEqual(['Bearer A2'])
  })

  it('restores a session from the stored refresh token alone (after a reload)', async () => {
    const api = fakeApi()
    const client = new AuthClient({ fetchImpl: api.fetchImpl, refreshStore: memoryRefreshTokenStore('R1') })
    expect(client.hasSession()).toBe(true)
    await client.request(MeQuery, {})
    expect(api.calls.authorizations).toEqual(['Bearer A2'])
  })

  it('hands a step-up error to the step-up handler, then throws it', async () => {
    const api = fakeApi()
    const { client } = signedInClient(api)
    const seen: StepUpChallenge[] = []
    client.stepUpHandler = (challenge) => seen.push(challenge)
    api.failMe([
      {
        message: 'needs intermediate',
        extensions: {
          code: 'INSUFFICIENT_USER_AUTHENTICATION',
          requiredTier: 'intermediate',
          acrValues: 'urn:onetap:acr:intermediate',
          maxAge: 300,
        },
      },
    ])
    const error = await client.request(MeQuery, {}).catch((e: unknown) => e)
    expect((error as GraphQLRequestError).code).toBe('INSUFFICIENT_USER_AUTHENTICATION')
    expect(seen).toEqual([
      { requiredTier: 'intermediate', acrValues: 'urn:onetap:acr:intermediate', maxAge: 300, action: null },
    ])
    await client.request(MeQuery, {}, { stepUp: false }).catch(() => undefined)
    expect(seen).toHaveLength(1)
  })

  it('hands the caller\'s step-up arguments to the handler with the challenge', async () => {
    const api = fakeApi()
    const { client } = signedInClient(api)
    const seen: [StepUpChallenge, StepUpArguments | undefined][] = []
    client.stepUpHandler = (challenge, args) => seen.push([challenge, args])
    const advanced = {
      message: 'needs a face check',
      extensions: { code: 'INSUFFICIENT_USER_AUTHENTICATION', requiredTier: 'advanced', maxAge: 120, action: 'cases.pay' },
    }
    api.failMe([advanced])
    await client.request(MeQuery, {}, { stepUpArguments: { case: 7 } }).catch(() => undefined)
    api.failMe([advanced])
    await client.request(MeQuery, {}).catch(() => undefined)
    const challenge = { requiredTier: 'advanced', acrValues: null, maxAge: 120, action: 'cases.pay' }
    expect(seen).toEqual([
      [challenge, { case: 7 }],
      [challenge, undefined],
    ])
  })

  it('recognises the refused-token challenge', () => {
    const refused = new Response('{}', { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } })
    expect(isInvalidTokenResponse(refused)).toBe(true)
    const other = new Response('{}', { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_request"' } })
    expect(isInvalidTokenResponse(other)).toBe(false)
    expect(isInvalidTokenResponse(new Response('{}', { status: 403 }))).toBe(false)
  })
})
