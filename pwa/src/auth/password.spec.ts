import { describe, expect, it } from 'vitest'
import { PASSWORD_MIN_LENGTH, passwordProblems } from './password'
import { isMobilePhone, normalisePhone } from './phone'

describe('password rules (mirror identity/passwords.py)', () => {
  const context = { idNumber: '11010519491231002x', phone: '138 0013 8000' }

  it('accepts a long enough password without the ID number or phone', () => {
    expect(passwordProblems('correct horse battery', context)).toEqual([])
  })

  it('needs the minimum length, counted in characters', () => {
    expect(passwordProblems('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toEqual(['too_short'])
    expect(passwordProblems('密'.repeat(PASSWORD_MIN_LENGTH))).toEqual([])
    expect(passwordProblems('😀'.repeat(PASSWORD_MIN_LENGTH))).toEqual([])
    expect(passwordProblems('a'.repeat(129))).toEqual(['too_long'])
  })

  it('refuses the ID number in any case, and the phone even with separators', () => {
    expect(passwordProblems('my11010519491231002Xpw', context)).toContain('contains_id_number')
    expect(passwordProblems('my11010519491231002xpw', context)).toContain('contains_id_number')
    expect(passwordProblems('pass13800138000word', context)).toContain('contains_phone')
    expect(passwordProblems('pw-138-0013-8000', context)).toContain('contains_phone')
  })
})

describe('phone numbers', () => {
  it('normalises like the server', () => {
    expect(normalisePhone('+86 138 0013 8000')).toBe('13800138000')
    expect(normalisePhone('0086-13800138000')).toBe('13800138000')
    expect(normalisePhone('１３８００１３８０００')).toBe('13800138000')
  })

  it('accepts mainland mobile numbers only', () => {
    expect(isMobilePhone('13800138000')).toBe(true)
    expect(isMobilePhone('+8613800138000')).toBe(true)
    expect(isMobilePhone('12800138000')).toBe(false)
    expect(isMobilePhone('1380013800')).toBe(false)
  })
})
