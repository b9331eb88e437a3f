import { describe, expect, it } from 'vitest'
import {
  checkDeclaredSex,
  checkIdNumberAsTyped,
  cleanIdNumberInput,
  normaliseIdNumber,
  parseResidentId,
  residentIdCheckChar,
} from './idNumber'

const TODAY = new Date(2026, 10, 22) // 22 Nov 2026, local time

function ok(raw: string) {
  const result = parseResidentId(raw, TODAY)
  if (!result.ok) throw new Error(`expected ${raw} to be valid, got ${result.reason}`)
  return result.id
}

function reason(raw: string) {
  const result = parseResidentId(raw, TODAY)
  return result.ok ? 'ok' : result.reason
}

describe('GB 11643 resident ID numbers (mirrors identity/validators.py)', () => {
  it('accepts the samples in REFERENCES.md and reads birth date and sex', () => {
    expect(ok('11010519491231002X')).toEqual({
      number: '11010519491231002X',
      areaCode: '110105',
      birthDate: '1949-12-31',
      sex: 'F',
    })
    expect(ok('360426199101010071')).toMatchObject({ birthDate: '1991-01-01', sex: 'M' })
  })

  it('accepts the sandbox registry people used by the demo', () => {
    for (const number of ['350102197803157299', '35020319850722916X', '350583196911082955', '350104199201303860']) {
      expect(reason(number), number).toBe('ok')
    }
  })

  it('accepts a lowercase x and normalises it, trimming spaces', () => {
    expect(ok('  11010519491231002x ').number).toBe('11010519491231002X')
    expect(normaliseIdNumber(' 11010519491231002x')).toBe('11010519491231002X')
  })

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X')
    expect(residentIdCheckChar('36042619910101007')).toBe('1')
    expect(() => residentIdCheckChar('1101051949123100')).toThrow()
  })

  it('refuses the wrong format', () => {
    expect(reason('')).toBe('format')
    expect(reason('11010519491231002')).toBe('format') // 17 characters
    expect(reason('11010519491231002X1')).toBe('format') // 19
    expect(reason('1101051949123100XX')).toBe('format') // X only last
    expect(reason('11010519491231002Y')).toBe('format')
    expect(reason('１１０１０５１９４９１２３１００２X')).toBe('format') // full-width digits, as the server
  })

  it('refuses impossible or out-of-range birth dates before looking at the check character', () => {
    expect(reason('110105194902300021')).toBe('birth_date') // 30 February
    expect(reason('110105190002290011')).toBe('birth_date') // 1900 was not a leap year
    expect(reason('110105189912310011')).toBe('birth_date') // before 1900
    expect(reason('110105202711220011')).toBe('birth_date') // in the future
    expect(reason('110105194913010011')).toBe('birth_date') // month 13
  })

  it('accepts 29 February of a leap year', () => {
    const body = '11010520000229001'
    expect(reason(body + residentIdCheckChar(body))).toBe('ok')
  })

  it('refuses a wrong check character', () => {
    expect(reason('110105194912310021')).toBe('checksum')
    expect(reason('360426199101010072')).toBe('checksum')
  })

  it('checks the declared sex against the sequence digit (odd = male, even = female)', () => {
    const woman = ok('11010519491231002X')
    expect(checkDeclaredSex(woman, 'F')).toBeNull()
    expect(checkDeclaredSex(woman, ' f ')).toBeNull()
    expect(checkDeclaredSex(woman, 'M')).toBe('sex_mismatch')
    const man = ok('360426199101010071')
    expect(checkDeclaredSex(man, 'M')).toBeNull()
    expect(checkDeclaredSex(man, 'F')).toBe('sex_mismatch')
  })
})

describe('checking as the user types', () => {
  it('is incomplete while the digits so far can still make a valid number', () => {
    expect(checkIdNumberAsTyped('', TODAY)).toEqual({ ok: false, reason: 'incomplete' })
    expect(checkIdNumberAsTyped('110105', TODAY)).toEqual({ ok: false, reason: 'incomplete' })
    expect(checkIdNumberAsTyped('11010519491231', TODAY)).toEqual({ ok: false, reason: 'incomplete' })
  })

  it('reports a letter among the digits at once', () => {
    expect(checkIdNumberAsTyped('1101A5', TODAY)).toEqual({ ok: false, reason: 'format' })
  })

  it('reports an impossible birth date as soon as its eight digits are in', () => {
    expect(checkIdNumberAsTyped('11010519490230', TODAY)).toEqual({ ok: false, reason: 'birth_date' })
  })

  it('gives the full verdict at 18 characters', () => {
    expect(checkIdNumberAsTyped('11010519491231002x', TODAY)).toMatchObject({ ok: true })
    expect(checkIdNumberAsTyped('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'checksum' })
  })

  it('cleans what an IME types: full-width digits and Ｘ, spaces', () => {
    expect(cleanIdNumberInput('１１０１０５ 1949 1231 002ｘ')).toBe('11010519491231002X')
  })
})
