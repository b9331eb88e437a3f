/** An application's answers as label → text, in the order of the item's form. */

export interface FormFieldView {
  key: string
  label: string
  labelEn: string
  type: string
  options: ReadonlyArray<{ value: string; label: string; labelEn: string }>
}

export interface AnswerRow {
  key: string
  label: string
  text: string
}

type Words = { yes: string; no: string; none: string; english: boolean }

function optionText(field: FormFieldView, value: unknown, words: Words): string {
  const option = field.options.find((o) => o.value === String(value))
  if (!option) return String(value)
  return words.english && option.labelEn ? option.labelEn : option.label
}

function valueText(field: FormFieldView | null, value: unknown, words: Words): string {
  if (value === null || value === undefined || value === '') return words.none
  if (typeof value === 'boolean') return value ? words.yes : words.no
  if (field?.type === 'SELECT') return optionText(field, value, words)
  if (Array.isArray(value)) return value.map((v) => (field ? valueText(field, v, words) : String(v))).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Every field of the form with its answer (unanswered optional ones shown as "—"), then
 * answers the form no longer names (an older version's key) under their key, so nothing
 * the applicant gave is hidden from the clerk.
 */
export function answerRows(form: readonly FormFieldView[], answers: unknown, words: Words): AnswerRow[] {
  const given = answers && typeof answers === 'object' && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {}
  const rows = form.map((field) => ({
    key: field.key,
    label: words.english && field.labelEn ? field.labelEn : field.label,
    text: valueText(field, given[field.key], words),
  }))
  const known = new Set(form.map((f) => f.key))
  for (const [key, value] of Object.entries(given)) {
    if (!known.has(key)) rows.push({ key, label: key, text: valueText(null, value, words) })
  }
  return rows
}
