/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015), checked in the browser.
 *
 * Mirrors `parse_credit_code` in `identity/validators.py` so the binding form can explain a
 * typo before anything is sent: the same normalisation (trimmed, upper-cased; full-width
 * forms folded as the server's NFKC does), the same order of checks (format, then the
 * GB 32100 check character, then the GB 11714 organisation code inside it) and the same
 * reason words the API returns in `InvalidInputError.reason`. The server stays the
 * authority; this is only early help.
 */

export type CreditCodeReason = 'format' | 'checksum' | 'organisation_code'

export interface CreditCode {
  /** Normalised: trimmed, upper-case. */
  code: string
  /** Character 1: the registering authority (e.g. 9 = market regulation). */
  registrationAuthority: string
  /** Character 2: the kind of organisation within that authority. */
  organisationType: string
  /** Characters 3-8: GB/T 2260 code of the registering authority's area. */
  areaCode: string
  /** Characters 9-17: the GB 11714 organisation code, including its own check character. */
  organisationCode: string
}

export type CreditCodeCheck = { ok: true; code: CreditCode } | { ok: false; reason: CreditCodeReason }

// The 31 characters GB 32100 allows: digits and capitals except I, O, S, V, Z. A
// character's value is its index here.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
// Weight i is 3^(i-1) mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/
const FULL = /^[0-9A-HJ-NPQRTUWXY]{18}$/
const PARTIAL = /^[0-9A-HJ-NPQRTUWXY]*$/

// GB 11714 organisation code: its own alphabet is the full 0-9A-Z, so letter values
// differ from the credit-code ones after H.
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const

/** Full-width letters and digits (from a Chinese IME) as ASCII, as the server's NFKC folds them. */
function foldWidth(raw: string): string {
  return raw.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** Trim and upper-case, as the server does (after folding full-width forms, like its NFKC). */
export function normaliseCreditCode(raw: string): string {
  return foldWidth(raw).trim().toUpperCase()
}

/**
 * What the input box keeps while the user types: full-width forms folded, upper-case, and
 * spaces and dashes (as codes are often printed in groups) removed.
 */
export function cleanCreditCodeInput(raw: string): string {
  return normaliseCreditCode(raw).replace(/[\s\-\u2010-\u2015\u3000]/g, '')
}

/** The GB 32100 check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new Error('A credit code body is 17 characters without I, O, S, V, Z.')
  let total = 0
  for (let i = 0; i < 17; i++) total += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!
  return CHARSET[(31 - (total % 31)) % 31]!
}

/** The GB 11714 check character for the first 8 characters of an organisation code. */
export function organisationCodeCheckChar(first8: string): string {
  let total = 0
  for (let i = 0; i < 8; i++) total += ORG_ALPHABET.indexOf(first8[i]!) * ORG_WEIGHTS[i]!
  const remainder = 11 - (total % 11)
  if (remainder === 10) return 'X'
  if (remainder === 11) return '0'
  return String(remainder)
}

/** Normalise and check a unified social credit code, including its organisation code. */
export function parseCreditCode(raw: string): CreditCodeCheck {
  const code = normaliseCreditCode(raw)
  if (!FULL.test(code)) return { ok: false, reason: 'format' }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, reason: 'checksum' }
  // The embedded organisation code carries its own check character: a code whose outer
  // check passes but inner one fails was made up or mistyped in a way the outer sum missed.
  const organisationCode = code.slice(8, 17)
  if (organisationCodeCheckChar(organisationCode.slice(0, 8)) !== organisationCode[8]) {
    return { ok: false, reason: 'organisation_code' }
  }
  return {
    ok: true,
    code: {
      code,
      registrationAuthority: code[0]!,
      organisationType: code[1]!,
      areaCode: code.slice(2, 8),
      organisationCode,
    },
  }
}

/**
 * Live feedback while typing: `format` as soon as the input cannot become a valid code (a
 * character GB 32100 does not use, or too long), `incomplete` while it still can, or the
 * full result at 18 characters.
 */
export function checkCreditCodeAsTyped(raw: string): CreditCodeCheck | { ok: false; reason: 'incomplete' } {
  const code = normaliseCreditCode(raw)
  if (code.length >= 18) return parseCreditCode(code)
  if (!PARTIAL.test(code)) return { ok: false, reason: 'format' }
  return { ok: false, reason: 'incomplete' }
}
