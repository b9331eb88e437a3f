/**
 * Messages of the e-licenses area in the user's language: statuses, refusals, the
 * `LicenseError` codes and input problems of this area's forms. The API's English
 * `message` is never shown; anything not covered here falls back to the shared identity
 * messages (`src/auth/messages.ts`), so every access code (FORBIDDEN, ...) still has words.
 *
 * The area's strings live next to its pages (messages.zh-CN.ts / messages.en.ts) and are
 * merged into the app's i18n under `licenses.*` the first time a component asks for them.
 * If `src/i18n` ever lists them itself, the merge finds them there and does nothing.
 */
import { useI18n } from 'vue-i18n'
import { isGraphQLRequestError } from '@/api/client'
import { useIdentityMessages } from '@/auth/messages'
import { useLocale } from '@/composables/useLocale'
import { formatMoment } from '@/pages/services/format'
import licensesEn from './messages.en'
import licensesZhCN from './messages.zh-CN'

export const LICENSE_MESSAGES = { 'zh-CN': licensesZhCN, en: licensesEn } as const

/** The part of a vue-i18n composer the merge needs (typed loosely: the schema does not list `licenses`). */
interface Mergeable {
  te: (key: string, locale?: string) => boolean
  mergeLocaleMessage: (locale: string, message: Record<string, unknown>) => void
}

/** Add the area's strings to an i18n composer unless it already has them. */
export function ensureLicenseMessages(composer: Mergeable): void {
  for (const [locale, messages] of Object.entries(LICENSE_MESSAGES)) {
    if (!composer.te('licenses.status.VALID', locale)) composer.mergeLocaleMessage(locale, { licenses: messages })
  }
}

/** A typed error of a license mutation result (`LicenseError` or `InvalidInputError`). */
export interface LicenseFailure {
  __typename: string
  code: string
  field?: string | null
  reason?: string | null
}

const SHANGHAI = 'Asia/Shanghai'

/** A moment's calendar day in Fujian, in the reader's language (2027年11月22日 / November 22, 2027). */
export function formatLicenseDate(at: string | null | undefined, locale: string): string {
  if (!at) return ''
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return at
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: SHANGHAI }).format(date)
}

export function useLicenseMessages() {
  const composer = useI18n({ useScope: 'global' })
  ensureLicenseMessages(composer as unknown as Mergeable)
  const { t, te } = composer
  const identity = useIdentityMessages()
  const { locale } = useLocale()

  /** The Chinese or English text of a bilingual pair (the Chinese one when English is empty). */
  function pick(zh: string | null | undefined, en: string | null | undefined): string {
    return locale.value === 'en' && en ? en : (zh ?? '')
  }

  function name(license: { name: string; nameEn: string }): string {
    return pick(license.name, license.nameEn)
  }

  function department(license: { departmentName: string; departmentNameEn?: string | null }): string {
    return pick(license.departmentName, license.departmentNameEn)
  }

  function status(value: string): string {
    return te(`licenses.status.${value}`) ? t(`licenses.status.${value}`) : value
  }

  /** Why a department's read was refused (CONSENT_REQUIRED / _EXPIRED / _WITHDRAWN). */
  function refusal(code: string | null | undefined): string {
    return code && te(`licenses.refusal.${code}`) ? t(`licenses.refusal.${code}`) : t('licenses.refusal.unknown')
  }

  /** A code's words: this area's, else the shared ones, else a general failure. */
  function code(value: string): string {
    if (te(`licenses.errors.${value}`)) return t(`licenses.errors.${value}`)
    if (te(`errors.code.${value}`)) return t(`errors.code.${value}`)
    return t('licenses.errors.generic')
  }

  /** An input problem on one of this area's inputs. */
  function input(field: string, reason: string): string {
    const key = `licenses.inputErrors.${field}.${reason}`
    if (te(key)) return t(key)
    if (te(`inputErrors.any.${reason}`)) return identity.field(field, reason)
    return t('licenses.inputErrors.fallback')
  }

  /** A typed error of a license mutation, in words. */
  function failure(error: LicenseFailure): string {
    if (error.__typename === 'InvalidInputError' && error.field) return input(error.field, error.reason ?? '')
    return code(error.code)
  }

  /** A thrown request error: the area's words for its codes, else the shared ones. */
  function requestError(error: unknown): string {
    if (isGraphQLRequestError(error) && te(`licenses.errors.${error.code}`)) return t(`licenses.errors.${error.code}`)
    return identity.requestError(error)
  }

  function date(at: string | null | undefined): string {
    return formatLicenseDate(at, locale.value)
  }

  function moment(at: string | null | undefined): string {
    return formatMoment(at, locale.value)
  }

  /** "Valid until <day>" or "no expiry". */
  function validity(validUntil: string | null | undefined): string {
    return validUntil ? t('licenses.wallet.validUntil', { date: date(validUntil) }) : t('licenses.wallet.noExpiry')
  }

  return { t, te, locale, pick, name, department, status, refusal, code, input, failure, requestError, date, moment, validity, identity }
}
