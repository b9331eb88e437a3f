/**
 * Mainland mobile numbers, as the server reads them (`core/crypto/blind_index.py`
 * `normalise_phone`, `identity/sms.py` `checked_phone`): digits only, without a +86 /
 * 0086 country code; 11 digits starting 13-19.
 */

/** Digits only, full-width folded, country code dropped. */
export function normalisePhone(raw: string): string {
  const text = raw.normalize('NFKC').trim()
  const digits = text.replace(/[^0-9]/g, '')
  if (digits.startsWith('0086')) return digits.slice(4)
  // A bare "86" is a country code only when more than a national number follows.
  if (digits.startsWith('86') && (text.startsWith('+') || digits.length > 11)) return digits.slice(2)
  return digits
}

/** True for an 11-digit mainland mobile number (after normalising). */
export function isMobilePhone(raw: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(normalisePhone(raw))
}

/** An identifier typed on the login form is a phone when it is not 18 characters. */
export function looksLikePhone(identifier: string): boolean {
  return isMobilePhone(identifier) && identifier.replace(/\s/g, '').length !== 18
}
