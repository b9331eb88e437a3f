/**
 * Messages of the enterprise and staff pages that the shared identity messages do not
 * cover: input problems on this area's fields (`enterprise.inputErrors.*`,
 * `enterprise.staff.inputErrors.*`), and refusals of "act for this enterprise".
 * Anything else falls back to `src/auth/messages.ts`, so every code still has words.
 */
import { useI18n } from 'vue-i18n'
import { isGraphQLRequestError } from '@/api/client'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/auth/password'
import { fieldError, type UserErrorView } from '@/auth/result'
import { joinList, providerKey, useIdentityMessages, type MessageOverrides } from '@/auth/messages'
import type { useForm } from '@/auth/useForm'

export type InputPrefix = 'enterprise.inputErrors' | 'enterprise.staff.inputErrors'

/** Fields of this area that follow a shared field's rules (and messages). */
const SHARED_FIELDS: Partial<Record<string, string>> = { agentIdNumber: 'idNumber', agentName: 'name' }

type Form<F extends string> = ReturnType<typeof useForm<F>>

export function useEnterpriseMessages() {
  const messages = useIdentityMessages()
  const { t, te } = useI18n({ useScope: 'global' })

  /** The message for `reason` on `field`: this area's wording, else the shared one. */
  function field(prefix: InputPrefix, name: string, reason: string): string {
    const key = `${prefix}.${name}.${reason}`
    if (te(key)) return t(key, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })
    return messages.field(SHARED_FIELDS[name] ?? name, reason)
  }

  /**
   * Show a typed error on `form`: an input problem on one of its fields beside that field
   * (in this area's words), anything else in the form's alert.
   */
  function showError<F extends string>(
    form: Form<F>,
    prefix: InputPrefix,
    error: UserErrorView,
    options: { title?: string | null; overrides?: MessageOverrides; aliases?: Partial<Record<string, F>> } = {},
  ): void {
    const onField = fieldError(error)
    if (onField) {
      const target = (options.aliases?.[onField.field] ?? onField.field) as F
      if (target in form.errors) {
        form.errors[target] = field(prefix, onField.field, onField.reason)
        return
      }
    }
    form.alert.value = {
      title: options.title ?? null,
      message: userError(error, options.overrides),
      tone: error.__typename === 'ProviderUnavailableError' || error.__typename === 'RateLimitedError' ? 'warning' : 'error',
    }
  }

  /** A typed error in words; outside systems this area talks to are named in its own words. */
  function userError(error: UserErrorView, overrides?: MessageOverrides): string {
    if (error.__typename === 'ProviderUnavailableError') {
      const key = `enterprise.providers.${providerKey(error.provider)}`
      if (te(key)) {
        return t(error.timedOut ? 'errors.providerTimedOut' : 'errors.providerUnavailable', { provider: t(key) })
      }
    }
    return messages.userError(error, overrides)
  }

  /** Failed registry checks about an enterprise, in words (its `name` is the enterprise's). */
  function enterpriseChecks(checks: readonly string[]): string {
    const names = [
      ...new Set(
        checks.map((check) =>
          te(`enterprise.checks.${check}`) ? t(`enterprise.checks.${check}`) : te(`checks.${check}`) ? t(`checks.${check}`) : t('checks.unknown'),
        ),
      ),
    ]
    return joinList(names.length ? names : [t('checks.unknown')], messages.tr.locale)
  }

  /** Why switching to acting for an enterprise (or back) was refused, in words. */
  function actingError(error: unknown): string {
    if (isGraphQLRequestError(error)) {
      if (error.code === 'AGENT_APPOINTMENT_INACTIVE') {
        const reason = error.errors[0]?.extensions?.reason
        const key = `enterprise.acting.inactive.${String(reason)}`
        return te(key) ? t(key) : messages.requestError(error)
      }
      if (error.code === 'FORBIDDEN') return t('enterprise.acting.forbidden')
    }
    return messages.requestError(error)
  }

  return { ...messages, userError, field, showError, actingError, enterpriseChecks }
}
