import { useI18n } from 'vue-i18n'
import { fieldOfPath, type ItemField } from './catalogue'
import { useDeskMessages, type DeskFailure } from './messages'

/**
 * Where a refused save goes: a problem the API places (`InvalidInputError.field`, or each
 * of a `FormInvalidError`'s problems) beside its field with the place it names (e.g.
 * `form[2]`, language-neutral), anything else in the form's alert.
 */
export function useItemFailure() {
  const { t, te } = useI18n({ useScope: 'global' })
  const messages = useDeskMessages()

  function place(errors: Partial<Record<ItemField, string>>, path: string, reason: string): boolean {
    const field = fieldOfPath(path)
    if (!field) return false
    const name = t(`desk.catalogue.fields.${field}`)
    // A problem inside the JSON lists names its place (materials[1]); others have words.
    const key = `desk.catalogue.serverReasons.${reason}`
    errors[field] ??= !/[[.]/.test(path) && te(key) ? t(key, { field: name }) : t('desk.catalogue.inputErrors.server', { field: name, where: path })
    return true
  }

  return function itemFailure(error: DeskFailure): { errors: Partial<Record<ItemField, string>>; alert: string | null } {
    const errors: Partial<Record<ItemField, string>> = {}
    let placed = false
    if (error.__typename === 'InvalidInputError' && error.field) placed = place(errors, error.field, error.reason ?? '')
    if (error.__typename === 'FormInvalidError') {
      for (const problem of error.problems ?? []) placed = place(errors, problem.field, problem.reason) || placed
    }
    return { errors, alert: placed ? null : messages.failure(error) }
  }
}
