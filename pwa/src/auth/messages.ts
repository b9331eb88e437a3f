/**
 * Every identity failure in the user's language: typed errors from mutation results
 * (`UserErrorView`), request errors (`extensions.code`), input reasons per field, failed
 * registry checks, providers and waiting times. The server's English `message` is never
 * shown: it is a developer's description, and the user reads zh-CN or English.
 */
import { useI18n } from 'vue-i18n'
import { isGraphQLRequestError, isNetworkError } from '@/api/client'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password'
import type { UserErrorView } from './result'

export interface Translator {
  t: (key: string, params?: Record<string, unknown> | number, plural?: number) => string
  te: (key: string) => boolean
  locale: string
}

/** Code-specific wording a page wants instead of the general one (code → message key). */
export type MessageOverrides = Partial<Record<string, string>>

function pick(tr: Translator, key: string, fallback: string): string {
  return tr.te(key) ? key : fallback
}

/** `population registry` / `SMS` / `face` → the `providers.*` key for it. */
export function providerKey(provider: string): string {
  return provider
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
}

export function providerName(tr: Translator, provider: string): string {
  return tr.t(pick(tr, `providers.${providerKey(provider)}`, 'providers.unknown'))
}

/** A list in the language's own way: 姓名、性别 / name and sex. */
export function joinList(items: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items)
  } catch {
    return items.join(locale.startsWith('zh') ? '、' : ', ')
  }
}

export function checksText(tr: Translator, checks: readonly string[]): string {
  const names = [...new Set(checks.map((c) => tr.t(pick(tr, `checks.${c}`, 'checks.unknown'))))]
  return joinList(names.length ? names : [tr.t('checks.unknown')], tr.locale)
}

/** A waiting time, rounded up to a unit people think in. */
export function formatWait(tr: Translator, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return tr.t('duration.seconds', { n: s }, s)
  if (s < 3600) {
    const m = Math.ceil(s / 60)
    return tr.t('duration.minutes', { n: m }, m)
  }
  const h = Math.ceil(s / 3600)
  return tr.t('duration.hours', { n: h }, h)
}

export function fieldLabel(tr: Translator, field: string): string {
  return tr.t(pick(tr, `fields.${field}`, 'fields.unknown'))
}

/** The message for an input problem on `field` (an `InvalidInputError` or a local check). */
export function fieldMessage(tr: Translator, field: string, reason: string): string {
  const params = { field: fieldLabel(tr, field), min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }
  // newPassword follows the password rules.
  const ruleField = field === 'newPassword' ? 'password' : field
  if (tr.te(`inputErrors.${ruleField}.${reason}`)) return tr.t(`inputErrors.${ruleField}.${reason}`, params)
  if (tr.te(`inputErrors.any.${reason}`)) return tr.t(`inputErrors.any.${reason}`, params)
  return tr.t('inputErrors.fallback', params)
}

/** The message for a typed error of a mutation result. */
export function userErrorMessage(
  tr: Translator,
  error: UserErrorView,
  overrides: MessageOverrides = {},
): string {
  const override = overrides[error.code]
  if (override && tr.te(override)) return tr.t(override)
  switch (error.__typename) {
    case 'InvalidInputError':
      return fieldMessage(tr, error.field, error.reason)
    case 'RateLimitedError':
      return tr.t(pick(tr, `errors.code.${error.code}`, 'errors.code.RATE_LIMITED'), {
        wait: formatWait(tr, error.retryAfterSeconds),
      })
    case 'VerificationFailedError':
      return tr.t(pick(tr, `errors.code.${error.code}`, 'errors.code.VERIFICATION_FAILED'), {
        checks: checksText(tr, error.failedChecks),
      })
    case 'ProviderUnavailableError':
      return tr.t(error.timedOut ? 'errors.providerTimedOut' : 'errors.providerUnavailable', {
        provider: providerName(tr, error.provider),
      })
    default:
      return tr.t(pick(tr, `errors.code.${error.code}`, 'errors.code.IDENTITY_ERROR'))
  }
}

/** The message for a thrown request error (GraphQL `extensions.code`, network, other). */
export function requestErrorMessage(tr: Translator, error: unknown): string {
  if (isNetworkError(error)) return tr.t('errors.network')
  if (isGraphQLRequestError(error)) {
    const key = `errors.code.${error.code}`
    return tr.te(key) ? tr.t(key) : tr.t('errors.server', { code: error.code })
  }
  return tr.t('errors.unknown')
}

interface Composer {
  t: (...args: never[]) => string
  te: (key: string) => boolean
  locale: { value: string }
}

/** A `Translator` over a vue-i18n composer (the global one, or a test's). */
export function translatorFrom(composer: Composer): Translator {
  const t = composer.t as unknown as (key: string, ...rest: unknown[]) => string
  return {
    t: (key, params, plural) =>
      plural === undefined ? t(key, params ?? {}) : t(key, plural, { named: params ?? {} }),
    te: (key) => composer.te(key),
    get locale() {
      return composer.locale.value
    },
  }
}

/** The translator of the app's global i18n, for components. */
export function useTranslator(): Translator {
  return translatorFrom(useI18n({ useScope: 'global' }) as unknown as Composer)
}

/** Messages for identity failures, in the current language. */
export function useIdentityMessages() {
  const tr = useTranslator()
  return {
    tr,
    userError: (error: UserErrorView, overrides?: MessageOverrides) => userErrorMessage(tr, error, overrides),
    requestError: (error: unknown) => requestErrorMessage(tr, error),
    field: (field: string, reason: string) => fieldMessage(tr, field, reason),
    checks: (checks: readonly string[]) => checksText(tr, checks),
    wait: (seconds: number) => formatWait(tr, seconds),
    provider: (provider: string) => providerName(tr, provider),
  }
}
