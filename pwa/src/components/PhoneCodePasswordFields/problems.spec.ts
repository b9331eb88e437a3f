import { describe, expect, it } from 'vitest'
import { phoneCodePasswordProblems } from './problems'

const OK = { phone: '13800138000', smsCode: '123456', password: 'Tr0ub4dor&3x', idNumber: '' }

describe('phoneCodePasswordProblems', () => {
  it('finds nothing wrong with good values', () => {
    expect(phoneCodePasswordProblems(OK)).toEqual({ phone: null, smsCode: null, password: null })
  })

  it('asks for every empty field', () => {
    expect(phoneCodePasswordProblems({ phone: ' ', smsCode: '', password: '', idNumber: '' })).toEqual({
      phone: 'required',
      smsCode: 'required',
      password: 'required',
    })
  })

  it('rejects a malformed phone and code and names the first password rule broken', () => {
    const problems = phoneCodePasswordProblems({ ...OK, phone: '123', smsCode: '12a', password: 'short' })
    expect(problems.phone).toBe('format')
    expect(problems.smsCode).toBe('format')
    expect(problems.password).not.toBeNull()
  })
})
