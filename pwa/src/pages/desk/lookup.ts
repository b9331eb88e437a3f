/** The 12345 lookup form's local checks (the API checks again and logs every lookup). */
import type { LookupKind, LookupPurpose } from '@/api/generated/graphql'
import { cleanIdNumberInput, parseResidentId } from '@/auth/idNumber'
import { isMobilePhone, normalisePhone } from '@/auth/phone'
import { normaliseCaseNumber } from './format'

export const LOOKUP_KINDS: readonly LookupKind[] = ['CASE_NUMBER', 'PHONE', 'ID_NUMBER']
export const LOOKUP_PURPOSES: readonly LookupPurpose[] = [
  'CALLER_ENQUIRY',
  'COMPLAINT_FOLLOW_UP',
  'URGING',
  'SUPERVISION',
  'OTHER',
]
/** The API refuses a shorter purpose text (INVALID_INPUT on purposeText). */
export const PURPOSE_TEXT_MIN = 4

export type LookupProblem = 'valueRequired' | LookupKind | 'purposeRequired' | 'purposeTextShort'

export interface LookupInput {
  kind: LookupKind
  value: string
  purpose: LookupPurpose | ''
  purposeText: string
}

export type CheckedLookup =
  | { ok: true; value: string; purpose: LookupPurpose; purposeText: string }
  | { ok: false; problems: Partial<Record<'value' | 'purpose' | 'purposeText', LookupProblem>> }

/** The value as the API reads it, or null when it cannot be one of `kind`. */
export function normaliseLookupValue(kind: LookupKind, raw: string): string | null {
  const text = raw.normalize('NFKC').trim()
  if (kind === 'CASE_NUMBER') return normaliseCaseNumber(text)
  if (kind === 'PHONE') return isMobilePhone(text) ? normalisePhone(text) : null
  const id = cleanIdNumberInput(text)
  return parseResidentId(id).ok ? id : null
}

/** Counts characters as people do (a Chinese character is one), for the ≥ 4 rule. */
function length(text: string): number {
  return [...text].length
}

export function checkLookup(input: LookupInput): CheckedLookup {
  const problems: Partial<Record<'value' | 'purpose' | 'purposeText', LookupProblem>> = {}
  let value: string | null = null
  if (!input.value.trim()) problems.value = 'valueRequired'
  else {
    value = normaliseLookupValue(input.kind, input.value)
    if (value === null) problems.value = input.kind
  }
  if (!input.purpose) problems.purpose = 'purposeRequired'
  const purposeText = input.purposeText.trim()
  if (length(purposeText) < PURPOSE_TEXT_MIN) problems.purposeText = 'purposeTextShort'
  if (Object.keys(problems).length > 0 || value === null || !input.purpose) return { ok: false, problems }
  return { ok: true, value, purpose: input.purpose, purposeText }
}
