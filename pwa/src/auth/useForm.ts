import { nextTick, reactive, ref } from 'vue'
import { fieldError, type UserErrorView } from './result'
import { useIdentityMessages, type MessageOverrides } from './messages'

/**
 * Field errors and the form-level alert of one identity form. `showError` puts an
 * `InvalidInputError` on its field (the API names fields in camelCase; `fieldAliases`
 * maps them to this form's fields) and anything else in the alert. After a failed submit
 * the first field in error gets the focus, so keyboard and screen-reader users land on it.
 */
export function useForm<F extends string>(fields: readonly F[], fieldAliases: Partial<Record<string, F>> = {}) {
  const messages = useIdentityMessages()
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, null]))) as Record<F, string | null>
  const alert = ref<{ title: string | null; message: string; tone: 'error' | 'warning' } | null>(null)
  const busy = ref(false)

  function clear(): void {
    for (const f of fields) errors[f] = null
    alert.value = null
  }

  function setField(field: F, reason: string | null, apiField: string = field): void {
    errors[field] = reason === null ? null : messages.field(apiField, reason)
  }

  function formField(apiField: string): F | null {
    const mapped = fieldAliases[apiField] ?? apiField
    return (fields as readonly string[]).includes(mapped) ? (mapped as F) : null
  }

  /** Show a typed error where it belongs. */
  function showError(error: UserErrorView, options: { title?: string | null; overrides?: MessageOverrides } = {}): void {
    const onField = fieldError(error)
    const target = onField ? formField(onField.field) : null
    if (onField && target) {
      errors[target] = messages.field(onField.field, onField.reason)
      return
    }
    alert.value = {
      title: options.title ?? null,
      message: messages.userError(error, options.overrides),
      tone: error.__typename === 'ProviderUnavailableError' || error.__typename === 'RateLimitedError' ? 'warning' : 'error',
    }
  }

  function showRequestError(error: unknown): void {
    alert.value = { title: null, message: messages.requestError(error), tone: 'error' }
  }

  function hasErrors(): boolean {
    return fields.some((f) => errors[f] !== null)
  }

  /** Focus the first field in error (by element id `<idPrefix>-<field>`). */
  async function focusFirstError(idPrefix: string): Promise<void> {
    await nextTick()
    const first = fields.find((f) => errors[f] !== null)
    if (first) document.getElementById(`${idPrefix}-${first}`)?.focus()
  }

  return { errors, alert, busy, clear, setField, showError, showRequestError, hasErrors, focusFirstError, messages }
}
