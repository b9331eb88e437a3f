/**
 * The password rules, shown to the user and checked as they type. Mirrors
 * `identity/passwords.py` `check_password_policy`; the server stays the authority.
 */
import { normaliseIdNumber } from './idNumber'
import { normalisePhone } from './phone'

/**
 * The backend's default `ONETAP_IDENTITY_PASSWORD_MIN_LENGTH`. A deployment that raises it
 * still refuses shorter passwords with `too_short`, which the form shows on the field.
 */
export const PASSWORD_MIN_LENGTH = 10
/** `MAX_PASSWORD_LENGTH` in passwords.py. */
export const PASSWORD_MAX_LENGTH = 128
const MIN_PHONE_DIGITS = 7
const NATIONAL_PHONE_DIGITS = 11

export type PasswordRule = 'too_short' | 'too_long' | 'contains_id_number' | 'contains_phone'

export interface PasswordContext {
  idNumber?: string | null
  phone?: string | null
}

/** Every rule the password breaks (empty when it is acceptable). */
export function passwordProblems(password: string, context: PasswordContext = {}): PasswordRule[] {
  const problems: PasswordRule[] = []
  // Python counts code points, not UTF-16 units.
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short')
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long')
  const folded = password.toUpperCase()
  const id = context.idNumber ? normaliseIdNumber(context.idNumber).toUpperCase() : ''
  if (id && folded.includes(id)) problems.push('contains_id_number')
  const phoneDigits = context.phone ? normalisePhone(context.phone) : ''
  if (phoneDigits.length >= MIN_PHONE_DIGITS) {
    const candidates = new Set([phoneDigits, phoneDigits.slice(-NATIONAL_PHONE_DIGITS)])
    const passwordDigits = password.replace(/[^0-9]/g, '')
    if ([...candidates].some((c) => password.includes(c) || passwordDigits.includes(c))) {
      problems.push('contains_phone')
    }
  }
  return problems
}
