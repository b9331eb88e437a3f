// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { GraphQLRequestError, NetworkError } from '@/api/client'
import { createAppI18n, type AppLocale } from '@/i18n'
import { readBackendSchema, schemaDescriptions } from '@/test/schema'
import {
  checksText,
  fieldMessage,
  formatWait,
  providerKey,
  requestErrorMessage,
  translatorFrom,
  userErrorMessage,
  type Translator,
} from './messages'

function translator(locale: AppLocale): Translator {
  return translatorFrom(createAppI18n(locale).global as never)
}
const LOCALES = ['zh-CN', 'en'] as const

const sdl = readBackendSchema()
const descriptions = schemaDescriptions(sdl).join('\n')

/** Enum values (SmsPurpose.CHANGE_PHONE, FaceCheckPurpose.STEP_UP...): named in docs, but not error codes. */
const ENUM_VALUES = new Set([...sdl.matchAll(/^enum \w+ \{([^}]*)\}/gm)].flatMap((m) => (m[1] ?? '').trim().split(/\s+/)))
/** Error codes the schema's docs name (e.g. IdentityError lists LOGIN_FAILED, CODE_INVALID, ...). */
const SCHEMA_CODES = [
  ...new Set([...descriptions.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)].map((m) => m[0])),
].filter((code) => !ENUM_VALUES.has(code))

/**
 * Codes that reach the PWA without being listed in the schema docs: the typed errors'
 * own codes (identity/errors.py), access-control refusals (identity/authz.py and the
 * enterprise checks) and request-level codes (core/graphql/errors.py), plus the
 * UNAUTHENTICATED the client makes of an HTTP 401.
 */
const KNOWN_CODES = [
  'IDENTITY_ERROR', 'INVALID_INPUT', 'RATE_LIMITED', 'ACCOUNT_LOCKED', 'REGISTRY_MISMATCH',
  'VERIFICATION_FAILED', 'PROVIDER_UNAVAILABLE', 'LOGIN_FAILED', 'CODE_INVALID', 'ALREADY_EXISTS',
  'NOT_FOUND', 'SESSION_INVALID', 'STEP_UP_INVALID', 'NOT_ALLOWED',
  'UNAUTHENTICATED', 'FORBIDDEN', 'INSUFFICIENT_USER_AUTHENTICATION', 'AGENT_OUT_OF_SCOPE',
  'AGENT_APPOINTMENT_INACTIVE', 'NOT_ACTING_FOR_ENTERPRISE',
  'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'QUERY_TOO_LARGE', 'INVALID_CURSOR', 'BAD_REQUEST', 'INTERNAL',
]

/** Field → reasons the API answers with today (identity/accounts.py, sms.py, validators.py, passwords.py). */
const INPUT_REASONS: Record<string, string[]> = {
  name: ['format'],
  idNumber: ['format', 'birth_date', 'checksum', 'sex_mismatch'],
  sex: ['sex_mismatch'],
  ethnicity: ['unknown'],
  phone: ['format'],
  password: ['too_short', 'too_long', 'contains_id_number', 'contains_phone'],
}

/** identity/providers/base.py: PERSON_CHECKS, ENTERPRISE_CHECKS, ACCOUNT_CHECKS, plus tax_account. */
const CHECKS = ['id_number', 'name', 'sex', 'ethnicity', 'credit_code', 'registration_number', 'legal_representative', 'account', 'phone', 'tax_account']
/** identity/graphql/accounts.py _TIER_GUIDE. */
const TIER_ALLOWS = ['browse', 'ask', 'apply_basic', 'track_cases', 'bind_enterprise', 'apply_intermediate', 'change_phone', 'e_licenses', 'sensitive_actions', 'reveal_id_number']
const TIER_METHODS = ['register', 'face', 'counter', 'bank_card', 'alipay', 'housing_fund', 'face_per_transaction']
/** identity/evidence.py Method. */
const EVIDENCE_METHODS = ['population_registry', 'business_registry', 'counter', 'bank_card', 'alipay', 'housing_fund', 'face', 'tax_account', 'enterprise_certificate']
/** identity/roles.py Role. */
const STAFF_ROLES = ['window_clerk', 'approver', 'department_admin', 'supervisor', 'call_centre_agent', 'platform_admin']
/** amr values sessions carry (accounts.py, passkeys.py). */
const AMR = ['pwd', 'sms', 'hwk', 'user']

describe('every error code and reason has a message in both languages', () => {
  it('finds the codes listed in the schema docs', () => {
    expect(SCHEMA_CODES).toEqual(expect.arrayContaining(['LOGIN_FAILED', 'CODE_INVALID', 'STEP_UP_INVALID']))
  })

  for (const locale of LOCALES) {
    const tr = translator(locale)

    it(`${locale}: every code named in the schema docs, and every known code`, () => {
      const missing = [...new Set([...SCHEMA_CODES, ...KNOWN_CODES])].filter((code) => !tr.te(`errors.code.${code}`))
      expect(missing).toEqual([])
    })

    it(`${locale}: the input reasons the schema docs give as examples`, () => {
      const doc = /A stable word, e\.g\. ([a-z_, ]+)/.exec(descriptions)?.[1] ?? ''
      const reasons = doc.split(',').map((s) => s.trim()).filter(Boolean)
      expect(reasons.length).toBeGreaterThan(0)
      expect(reasons.filter((reason) => !tr.te(`inputErrors.any.${reason}`))).toEqual([])
    })

    it(`${locale}: every field × reason the API answers with has its own message`, () => {
      const missing = Object.entries(INPUT_REASONS).flatMap(([field, reasons]) =>
        reasons.filter((r) => !tr.te(`inputErrors.${field}.${r}`)).map((r) => `${field}.${r}`),
      )
      expect(missing).toEqual([])
    })

    it(`${locale}: tiers, tier guide keys, evidence methods, checks, roles, sign-in methods`, () => {
      const tiers = /enum Tier \{([^}]*)\}/.exec(sdl)?.[1]?.trim().split(/\s+/) ?? []
      expect(tiers).toEqual(['ANONYMOUS', 'BASIC', 'INTERMEDIATE', 'ADVANCED'])
      const keys = [
        ...tiers.map((x) => `tier.name.${x}`),
        ...TIER_ALLOWS.map((x) => `tier.allows.${x}`),
        ...TIER_METHODS.map((x) => `tier.method.${x}`),
        ...EVIDENCE_METHODS.map((x) => `evidence.method.${x}`),
        ...CHECKS.map((x) => `checks.${x}`),
        ...STAFF_ROLES.map((x) => `staffRole.${x}`),
        ...AMR.map((x) => `amr.${x}`),
        ...Object.keys(INPUT_REASONS).map((x) => `fields.${x}`),
        `providers.${providerKey('population registry')}`,
        `providers.${providerKey('SMS')}`,
      ]
      expect(keys.filter((key) => !tr.te(key))).toEqual([])
    })

    it(`${locale}: messages never show the raw code`, () => {
      for (const code of KNOWN_CODES) {
        const message = requestErrorMessage(tr, new GraphQLRequestError([{ message: 'x', extensions: { code } }]))
        expect(message, code).not.toContain(code)
      }
    })
  }
})

describe('messages for typed errors', () => {
  const zh = translator('zh-CN')
  const en = translator('en')

  it('a registry mismatch names the failed checks in plain words and says nothing changed', () => {
    const error = {
      __typename: 'VerificationFailedError' as const,
      code: 'REGISTRY_MISMATCH',
      message: 'The population registry did not confirm: name, sex.',
      failedChecks: ['name', 'sex'],
    }
    expect(userErrorMessage(zh, error)).toBe('公安人口库核验未通过：姓名和性别不一致。本次未作任何更改。')
    expect(userErrorMessage(en, error)).toBe('The population registry did not confirm your name and sex. Nothing was changed.')
  })

  it('a provider failure names the provider and says nothing was changed', () => {
    const timedOut = { __typename: 'ProviderUnavailableError' as const, code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'population registry', timedOut: true }
    expect(userErrorMessage(zh, timedOut)).toBe('公安人口库没有及时响应，本次未作任何更改，请稍后再试。')
    const failed = { ...timedOut, provider: 'SMS', timedOut: false }
    expect(userErrorMessage(en, failed)).toBe('The SMS service had a problem. Nothing was changed; please try again later.')
    const unknown = { ...timedOut, provider: 'Some Vendor' }
    expect(userErrorMessage(en, unknown)).toContain('An outside verification service')
  })

  it('a rate limit or lockout says how long to wait, rounded up', () => {
    const locked = { __typename: 'RateLimitedError' as const, code: 'ACCOUNT_LOCKED', message: 'x', retryAfterSeconds: 90 }
    expect(userErrorMessage(zh, locked)).toContain('2 分钟')
    expect(userErrorMessage(en, locked)).toContain('Try again in 2 minutes')
    expect(formatWait(en, 1)).toBe('1 second')
    expect(formatWait(en, 59)).toBe('59 seconds')
    expect(formatWait(zh, 3601)).toBe('2 小时')
  })

  it('an input error uses the field-specific message, then the generic one, then a fallback', () => {
    expect(fieldMessage(zh, 'idNumber', 'checksum')).toBe('身份证号最后一位（校验位）不对，请逐位核对。')
    expect(fieldMessage(en, 'password', 'too_short')).toBe('The password needs at least 10 characters.')
    expect(fieldMessage(en, 'newPassword', 'contains_phone')).toBe('The password must not contain your phone number.')
    expect(fieldMessage(zh, 'phone', 'required')).toBe('请填写手机号。')
    expect(fieldMessage(en, 'creditCode', 'wobbly')).toBe('This field: please check what you entered.')
  })

  it('an identity error uses its code, with page-specific wording when given', () => {
    const error = { __typename: 'IdentityError' as const, code: 'LOGIN_FAILED', message: 'x' }
    expect(userErrorMessage(zh, error)).toBe('身份证号/手机号或密码不正确。')
    expect(userErrorMessage(zh, error, { LOGIN_FAILED: 'login.smsNoAccount' })).toBe('这个手机号还没有注册账号，请先注册。')
    const other = { __typename: 'IdentityError' as const, code: 'SOMETHING_NEW', message: 'x' }
    expect(userErrorMessage(en, other)).toBe('That did not work. Please try again later.')
  })

  it('unknown checks are still words, never codes', () => {
    expect(checksText(en, ['liveness_score'])).toBe('other details')
  })

  it('request errors: network, known code, unknown code', () => {
    expect(requestErrorMessage(en, new NetworkError('x'))).toContain('Network error')
    expect(requestErrorMessage(zh, new GraphQLRequestError([{ message: 'x', extensions: { code: 'FORBIDDEN' } }]))).toBe('您没有权限进行这项操作。')
    expect(requestErrorMessage(en, new Error('x'))).toBe('Something went wrong. Please try again later.')
  })
})
