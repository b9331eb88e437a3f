/**
 * An item's application form in the browser: the values the inputs hold, the answers
 * sent to the API, and the checks that mirror the server's (`casework/forms.py`
 * `check_answers`) so a mistake shows beside its field before anything is sent.
 *
 * The same order of checks and the same reason words as the server, so a problem found
 * here reads exactly like the one `FormInvalidError` would list:
 *
 *   blank (or an unticked box)          → `required` when the field is required, else fine
 *   BOOLEAN                             → `type` unless true/false
 *   NUMBER                              → `type`, then `min` / `max`
 *   text longer than 2000 characters    → `too_long`
 *   DATE (YYYY-MM-DD)                   → `type`, then `min` / `max` (days from today, as the server's)
 *   SELECT                              → `not_an_option`
 *   PHONE                               → `pattern` unless an 11-digit mainland mobile
 *   ID_NUMBER                           → `format` / `birth_date` / `checksum` (auth/idNumber.ts)
 *   then minLength, maxLength, pattern  → `too_short` / `too_long` / `pattern`
 *
 * Lengths count characters (code points), as Python's `len` does. The server stays the
 * authority: a pattern JavaScript cannot read is left to it.
 */
import type { FormFieldType } from '@/api/generated/graphql'
import { parseResidentId } from '@/auth/idNumber'

export interface FormOptionSpec {
  value: string
  label: string
  labelEn: string
}

/** One field of an item's form, as the API describes it. */
export interface FormFieldSpec {
  key: string
  label: string
  labelEn: string
  type: FormFieldType
  required: boolean
  minLength: number | null
  maxLength: number | null
  pattern: string | null
  min: number | null
  max: number | null
  options: readonly FormOptionSpec[]
  help: string | null
  helpEn: string | null
}

/** An answer as sent to the API. */
export type AnswerValue = string | number | boolean
export type Answers = Record<string, AnswerValue>

/** What an input holds: text for every typed field, a tick for a yes/no field. */
export type InputValue = string | boolean
export type Inputs = Record<string, InputValue>

export type FieldReason =
  | 'required'
  | 'type'
  | 'too_short'
  | 'too_long'
  | 'pattern'
  | 'min'
  | 'max'
  | 'not_an_option'
  | 'format'
  | 'birth_date'
  | 'checksum'

/** The server's ceiling on any text answer (forms.py `_MAX_TEXT`). */
export const MAX_TEXT = 2000
const PHONE = /^1[3-9][0-9]{9}$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** Python's `date(1970, 1, 1).toordinal()`: day numbers count from 0001-01-01 as day 1. */
const UNIX_EPOCH_ORDINAL = 719_163
const DAY_MS = 86_400_000

function length(text: string): number {
  return [...text].length
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

/** Python's `date.toordinal()` of an ISO date, or null if it is not a real date. */
export function dateOrdinal(iso: string): number | null {
  const match = ISO_DATE.exec(iso)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return Math.round(date.getTime() / DAY_MS) + UNIX_EPOCH_ORDINAL
}

/** The ISO date of a Python day number. */
export function ordinalDate(ordinal: number): string {
  const date = new Date((ordinal - UNIX_EPOCH_ORDINAL) * DAY_MS)
  return date.toISOString().slice(0, 10)
}

/** Today's day number on this device's calendar (in China, the server's calendar too). */
function todayOrdinal(today: Date): number {
  const iso = `${String(today.getFullYear()).padStart(4, '0')}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`
  return dateOrdinal(iso) ?? 0
}

/**
 * The ISO date `days` after today: a DATE field's `min`/`max` are days from today
 * (`min: 0` — not in the past), so an item's form stays true as time passes.
 */
export function daysFromToday(days: number, today: Date = new Date()): string {
  return ordinalDate(todayOrdinal(today) + days)
}

function patternMatches(pattern: string, text: string): boolean | null {
  try {
    return new RegExp(`^(?:${pattern})$`).test(text)
  } catch {
    return null
  }
}

function checkPresent(field: FormFieldSpec, value: AnswerValue, today: Date): FieldReason | null {
  if (field.type === 'BOOLEAN') return typeof value === 'boolean' ? null : 'type'
  if (field.type === 'NUMBER') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'type'
    if (field.min !== null && value < field.min) return 'min'
    if (field.max !== null && value > field.max) return 'max'
    return null
  }
  if (typeof value !== 'string') return 'type'
  const text = value.trim()
  if (length(text) > MAX_TEXT) return 'too_long'
  if (field.type === 'DATE') {
    const ordinal = dateOrdinal(text)
    if (ordinal === null) return 'type'
    const offset = ordinal - todayOrdinal(today)
    if (field.min !== null && offset < field.min) return 'min'
    if (field.max !== null && offset > field.max) return 'max'
    return null
  }
  if (field.type === 'SELECT') {
    return field.options.some((option) => option.value === text) ? null : 'not_an_option'
  }
  if (field.type === 'PHONE' && !PHONE.test(text)) return 'pattern'
  if (field.type === 'ID_NUMBER') {
    const id = parseResidentId(text, today)
    if (!id.ok) return id.reason === 'sex_mismatch' ? 'format' : id.reason
  }
  if (field.minLength !== null && length(text) < field.minLength) return 'too_short'
  if (field.maxLength !== null && length(text) > field.maxLength) return 'too_long'
  if (field.pattern !== null && patternMatches(field.pattern, text) === false) return 'pattern'
  return null
}

/** The problem with one answer, or null (`value` undefined when not answered). */
export function checkAnswer(field: FormFieldSpec, value: AnswerValue | undefined, today: Date = new Date()): FieldReason | null {
  if (value === undefined || isBlank(value) || (field.type === 'BOOLEAN' && value === false)) {
    return field.required ? 'required' : null
  }
  return checkPresent(field, value, today)
}

/**
 * Every problem of `answers`, by field key. `requireAll` false checks only what is given
 * (as saving a draft does); true also reports missing required answers (as submitting).
 */
export function checkAnswers(
  fields: readonly FormFieldSpec[],
  answers: Answers,
  options: { requireAll?: boolean; today?: Date } = {},
): Record<string, FieldReason> {
  const { requireAll = true, today = new Date() } = options
  const problems: Record<string, FieldReason> = {}
  for (const field of fields) {
    const reason = checkAnswer(field, answers[field.key], today)
    if (reason === null) continue
    if (reason === 'required' && !requireAll) continue
    problems[field.key] = reason
  }
  return problems
}

/** A number as typed (full-width digits allowed); NaN when it is not one. */
export function parseNumber(raw: string): number {
  const text = raw.normalize('NFKC').replace(/\s+/g, '')
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number.NaN
  return Number(text)
}

/**
 * The answers to send for what the inputs hold: known fields only, texts trimmed, blanks
 * left out (as the server stores them), numbers as numbers. A number that cannot be read
 * is sent as typed, so the server's `type` problem lands on the field too.
 */
export function answersFromInputs(fields: readonly FormFieldSpec[], inputs: Inputs): Answers {
  const answers: Answers = {}
  for (const field of fields) {
    const raw = inputs[field.key]
    if (raw === undefined) continue
    if (field.type === 'BOOLEAN') {
      if (typeof raw === 'boolean') answers[field.key] = raw
      continue
    }
    if (typeof raw !== 'string' || raw.trim() === '') continue
    if (field.type === 'NUMBER') {
      const value = parseNumber(raw)
      answers[field.key] = Number.isNaN(value) ? raw.trim() : value
      continue
    }
    answers[field.key] = raw.trim()
  }
  return answers
}

/** What the inputs show for saved answers (the case's `answers` JSON). */
export function inputsFromAnswers(fields: readonly FormFieldSpec[], saved: unknown): Inputs {
  const source = typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {}
  const inputs: Inputs = {}
  for (const field of fields) {
    const value = source[field.key]
    if (field.type === 'BOOLEAN') {
      inputs[field.key] = value === true
    } else if (typeof value === 'number') {
      inputs[field.key] = String(value)
    } else {
      inputs[field.key] = typeof value === 'string' ? value : ''
    }
  }
  return inputs
}
