/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999), checked in the browser.
 *
 * Mirrors `identity/validators.py` (`parse_resident_id`, `check_declared_sex`) so the
 * registration form can explain a typo before anything is sent: the same normalisation
 * (trimmed, lowercase x → X), the same order of checks (format, then birth date, then
 * check character) and the same reason words the API returns in
 * `InvalidInputError.reason`. The server stays the authority; this is only early help.
 */

export type IdNumberReason = 'format' | 'birth_date' | 'checksum' | 'sex_mismatch'
export type Sex = 'M' | 'F'

export interface ResidentId {
  /** Normalised: trimmed, check character `x` upper-cased. */
  number: string
  /** GB/T 2260 code of the area of first registration (digits 1-6). */
  areaCode: string
  /** `YYYY-MM-DD`. */
  birthDate: string
  sex: Sex
}

export type IdNumberCheck = { ok: true; id: ResidentId } | { ok: false; reason: IdNumberReason }

// ISO 7064 MOD 11-2 as GB 11643 states it: weight i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'
// [0-9], not \d: the server refuses full-width digits, so the mirror does too.
const BODY = /^[0-9]{17}$/
const FULL = /^[0-9]{17}[0-9X]$/
// Nobody alive was born before this (validators.py: _EARLIEST_BIRTH).
const EARLIEST_BIRTH = 19000101

/** Trim and upper-case `x`, as the server does before checking. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().replaceAll('x', 'X')
}

/**
 * What the input box keeps while the user types: full-width digits and Ｘ (from a Chinese
 * IME) become ASCII and spaces go, so a number typed either way reads the same.
 */
export function cleanIdNumberInput(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[xＸｘ]/g, 'X')
    .replace(/\s+/g, '')
}

/** The GB 11643 check character (`0`-`9` or `X`) for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new Error('A resident ID number body is 17 digits.')
  let total = 0
  for (let i = 0; i < 17; i++) total += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[total % 11]!
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** `YYYYMMDD` as a number if it is a real calendar date, else null. */
function realDate(yyyymmdd: string): number | null {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return year * 10000 + month * 100 + day
}

function localDateNumber(today: Date): number {
  return today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate()
}

function birthDateProblem(yyyymmdd: string, today: Date): boolean {
  const value = realDate(yyyymmdd)
  return value === null || value > localDateNumber(today) || value < EARLIEST_BIRTH
}

/** Normalise and check a full resident ID number (`parse_resident_id`). */
export function parseResidentId(raw: string, today: Date = new Date()): IdNumberCheck {
  const number = normaliseIdNumber(raw)
  if (!FULL.test(number)) return { ok: false, reason: 'format' }
  // Date before check character, as the server does: the more specific answer first.
  if (birthDateProblem(number.slice(6, 14), today)) return { ok: false, reason: 'birth_date' }
  if (residentIdCheckChar(number.slice(0, 17)) !== number[17]) return { ok: false, reason: 'checksum' }
  // The 3-digit sequence (digits 15-17) is odd for men and even for women.
  const sex: Sex = Number(number[16]) % 2 === 1 ? 'M' : 'F'
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`
  return { ok: true, id: { number, areaCode: number.slice(0, 6), birthDate, sex } }
}

/** `sex_mismatch` when the declared sex contradicts the number (`check_declared_sex`). */
export function checkDeclaredSex(id: ResidentId, declared: string): IdNumberReason | null {
  return declared.trim().toUpperCase() === id.sex ? null : 'sex_mismatch'
}

/**
 * Live feedback while typing: a reason as soon as the input cannot become a valid number
 * (a letter in the digits, too long, an impossible birth date once its 8 digits are in),
 * `incomplete` while it still can, or the full result at 18 characters.
 */
export function checkIdNumberAsTyped(
  raw: string,
  today: Date = new Date(),
): IdNumberCheck | { ok: false; reason: 'incomplete' } {
  const number = normaliseIdNumber(raw)
  if (number.length >= 18) return parseResidentId(number, today)
  if (!/^[0-9]*$/.test(number)) return { ok: false, reason: 'format' }
  if (number.length >= 14 && birthDateProblem(number.slice(6, 14), today)) {
    return { ok: false, reason: 'birth_date' }
  }
  return { ok: false, reason: 'incomplete' }
}
