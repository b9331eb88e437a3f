/**
 * Messages of the services area: form problems beside their field, material rejections,
 * casework error codes, and this area's own inputs (reasons, complaints, ratings), in the
 * user's language. The API's English `message` is never shown. Anything not covered here
 * falls back to the shared identity messages (`src/auth/messages.ts`), so every access
 * code (FORBIDDEN, AGENT_OUT_OF_SCOPE, ...) still has words.
 */
import { useI18n } from 'vue-i18n'
import { isGraphQLRequestError } from '@/api/client'
import { useIdentityMessages } from '@/auth/messages'
import type { UserErrorView } from '@/auth/result'
import { useLocale } from '@/composables/useLocale'
import { formatBytes, typeNames } from './format'
import { daysFromToday, type FormFieldSpec } from './formRules'
import type { CaseworkErrorView, MaterialReason } from './upload'

export interface SlotView {
  key: string
  name: string
  nameEn: string
  acceptedTypes: readonly string[]
  maxFiles: number
  maxBytes: number
}

export function useServicesMessages() {
  const identity = useIdentityMessages()
  const { t, te } = useI18n({ useScope: 'global' })
  const { locale } = useLocale()

  /** The Chinese or English text of a bilingual pair (the Chinese one when English is empty). */
  function pick(zh: string | null | undefined, en: string | null | undefined): string {
    return locale.value === 'en' && en ? en : (zh ?? '')
  }

  function label(field: Pick<FormFieldSpec, 'label' | 'labelEn'>): string {
    return pick(field.label, field.labelEn)
  }

  /** A form problem (a local check's or `FormInvalidError`'s reason) on `field`. */
  function fieldProblem(field: FormFieldSpec, reason: string): string {
    const params = {
      label: label(field),
      minLength: field.minLength ?? 0,
      maxLength: field.maxLength ?? 2000,
      min: field.type === 'DATE' && field.min !== null ? daysFromToday(field.min) : (field.min ?? ''),
      max: field.type === 'DATE' && field.max !== null ? daysFromToday(field.max) : (field.max ?? ''),
    }
    let key = `services.fieldErrors.${reason}`
    if (reason === 'required' && field.type === 'SELECT') key = 'services.fieldErrors.requiredSelect'
    else if (reason === 'required' && field.type === 'BOOLEAN') key = 'services.fieldErrors.requiredBoolean'
    else if (reason === 'type' && field.type === 'NUMBER') key = 'services.fieldErrors.typeNumber'
    else if (reason === 'type' && field.type === 'DATE') key = 'services.fieldErrors.typeDate'
    else if (reason === 'min' && field.type === 'DATE') key = 'services.fieldErrors.minDate'
    else if (reason === 'pattern' && field.type === 'PHONE') key = 'services.fieldErrors.patternPhone'
    return te(key) ? t(key, params) : t('services.fieldErrors.fallback', params)
  }

  /** Why a material was refused (MaterialRejectedError.reason, a local check, or missing). */
  function materialReason(reason: MaterialReason, slot?: SlotView): string {
    const params = {
      name: slot ? pick(slot.name, slot.nameEn) : '',
      types: slot ? typeNames(slot.acceptedTypes) : '',
      size: slot ? formatBytes(slot.maxBytes) : '',
      n: slot?.maxFiles ?? 1,
    }
    const key = `services.material.reasons.${reason}`
    return te(key) ? t(key, params) : t('services.material.reasons.unknown', params)
  }

  /** A code's words: this area's, else the shared ones, else a general failure. */
  function code(value: string): string {
    if (te(`services.errors.${value}`)) return t(`services.errors.${value}`)
    if (te(`errors.code.${value}`)) return t(`errors.code.${value}`)
    return t('services.errors.CASEWORK_ERROR')
  }

  /** An input problem on one of this area's own inputs (reason, text, score, address...). */
  function input(field: string, reason: string): string {
    const key = `services.inputErrors.${field}.${reason}`
    return te(key) ? t(key) : identity.field(field, reason)
  }

  /** A typed error of a casework mutation result. */
  function userError(error: CaseworkErrorView): string {
    switch (error.__typename) {
      case 'InvalidInputError':
        return input(error.field, error.reason)
      case 'MaterialRejectedError':
        return materialReason(error.reason)
      case 'FormInvalidError':
        return code('FORM_INVALID')
      case 'CaseworkError':
        return code(error.code)
      default:
        return identity.userError(error as UserErrorView)
    }
  }

  /** A thrown request error (GraphQL `extensions.code`, network, other). */
  function requestError(error: unknown): string {
    if (isGraphQLRequestError(error) && te(`services.errors.${error.code}`)) return t(`services.errors.${error.code}`)
    return identity.requestError(error)
  }

  return { pick, label, fieldProblem, materialReason, code, input, userError, requestError, identity }
}
