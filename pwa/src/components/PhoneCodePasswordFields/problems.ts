import { passwordProblems } from '@/auth/password'
import { isMobilePhone } from '@/auth/phone'

/**
 * What is wrong with the fields of `PhoneCodePasswordFields` as typed, before submitting:
 * a reason per field (`required`, `format`, or the first password rule broken), or null.
 */
export function phoneCodePasswordProblems(values: { phone: string; smsCode: string; password: string; idNumber: string }): {
  phone: string | null
  smsCode: string | null
  password: string | null
} {
  const { phone, smsCode, password, idNumber } = values
  return {
    phone: !phone.trim() ? 'required' : !isMobilePhone(phone) ? 'format' : null,
    smsCode: /^[0-9]{6}$/.test(smsCode) ? null : smsCode ? 'format' : 'required',
    password: !password ? 'required' : (passwordProblems(password, { idNumber, phone })[0] ?? null),
  }
}
