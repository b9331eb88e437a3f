import { describe, expect, it } from 'vitest'
import {
  checkCreditCodeAsTyped,
  cleanCreditCodeInput,
  creditCodeCheckChar,
  organisationCodeCheckChar,
  parseCreditCode,
} from './creditCode'

// The samples of ../shared/design/REFERENCES.md and the sandbox business registry.
const VALID = [
  '91110000600037341L',
  '91310115MA1K3BTP2B',
  '121200004013590816',
  '91350102MA2XK8N32U',
  '91350203260154831Y',
  '913505831567204933',
]

// Random codes judged by identity/validators.py (`parse_credit_code`): the mirror must agree.
const BACKEND_VERDICTS = {
  ok: ['5AG487JXA1LR1PMR44', 'TJT4JDLN4KPT8R546X', '7M3NB1ABFY7GPGFP0D', '8A7N8Y4HYUX4UDXR0U', 'KCP5QBPW1BT2485K15', 'UC9H9YM45CRNWBXN3W', 'XDRB3L8BEBHU8RNM4C', 'FGAK5CE230AJQNUK7U'],
  checksum: ['T6G7L9F0M2EL8DHXT8', 'AQ7G902JQ3C3U9C2YM', '066XX1FCNCD2JL6QM2', '9A0YDQX347N301ERFH', 'RJ9W065CUKLJ3146EQ', '5PLYH6MYCWFK2D133Y', '87PNC8DTWKF9G5XP2F', 'HLUKK286XX6P028DE1'],
  organisation_code: ['EUHUXQEEGUJ65RGFLM', '53E942HRWNL1KCYELB', 'L5K0TG2116W7K0QEAD', '6EG6PQ4DLC3CD608UE', 'KAT9C2226JL70KBBK1', 'YJFTJ4UC5L49X7TK7E', '59BGJ42B4WEAMPNGJ2', 'J1X0FXBN9Y10KL2F2K'],
} as const

describe('parseCreditCode (GB 32100)', () => {
  it.each(VALID)('accepts %s and splits it into its parts', (code) => {
    const result = parseCreditCode(code)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.code.code).toBe(code)
    expect(result.code.registrationAuthority).toBe(code[0])
    expect(result.code.organisationType).toBe(code[1])
    expect(result.code.areaCode).toBe(code.slice(2, 8))
    expect(result.code.organisationCode).toBe(code.slice(8, 17))
  })

  it('normalises as the server does: trimmed, upper-case, full-width folded', () => {
    const parsed = parseCreditCode('  91310115ma1k3btp2b ')
    expect(parsed.ok && parsed.code.code).toBe('91310115MA1K3BTP2B')
    const fullWidth = parseCreditCode('９１３１０１１５ＭＡ１Ｋ３ＢＴＰ２Ｂ')
    expect(fullWidth.ok && fullWidth.code.code).toBe('91310115MA1K3BTP2B')
  })

  it.each([
    ['too short', '91310115MA1K3BTP2'],
    ['too long', '91310115MA1K3BTP2BB'],
    ['a letter GB 32100 does not use (I)', '91310115MI1K3BTP2B'],
    ['O', '9131011OMA1K3BTP2B'],
    ['S, V, Z', '91310115MS1K3BTPVZ'],
    ['punctuation', '91310115-A1K3BTP2B'],
    ['empty', ''],
  ])('refuses the format: %s', (_why, code) => {
    expect(parseCreditCode(code)).toEqual({ ok: false, reason: 'format' })
  })

  it('refuses a wrong check character', () => {
    expect(parseCreditCode('91310115MA1K3BTP2C')).toEqual({ ok: false, reason: 'checksum' })
    expect(parseCreditCode('91110000600037341X')).toEqual({ ok: false, reason: 'checksum' })
  })

  it('refuses an organisation code whose own check character is wrong, even when the outer one is right', () => {
    // 600037341 is a valid GB 11714 organisation code; 600037342 is not.
    const body = '911100006000373420'.slice(0, 17)
    const code = body + creditCodeCheckChar(body)
    expect(parseCreditCode(code)).toEqual({ ok: false, reason: 'organisation_code' })
  })

  it('agrees with identity/validators.py on random codes', () => {
    for (const [reason, codes] of Object.entries(BACKEND_VERDICTS)) {
      for (const code of codes) {
        const result = parseCreditCode(code)
        expect(result.ok ? 'ok' : result.reason, code).toBe(reason)
      }
    }
  })

  it('computes the check characters', () => {
    expect(creditCodeCheckChar('91110000600037341')).toBe('L')
    expect(creditCodeCheckChar('12120000401359081')).toBe('6')
    expect(organisationCodeCheckChar('60003734')).toBe('1')
    expect(organisationCodeCheckChar('40135908')).toBe('1')
    expect(() => creditCodeCheckChar('9111000060003734I')).toThrow()
  })
})

describe('checkCreditCodeAsTyped', () => {
  it('waits while the code can still become valid', () => {
    expect(checkCreditCodeAsTyped('')).toEqual({ ok: false, reason: 'incomplete' })
    expect(checkCreditCodeAsTyped('91350102')).toEqual({ ok: false, reason: 'incomplete' })
    expect(checkCreditCodeAsTyped('91350102ma')).toEqual({ ok: false, reason: 'incomplete' })
  })

  it('says format at once when a character cannot be part of a code', () => {
    expect(checkCreditCodeAsTyped('9135010I')).toEqual({ ok: false, reason: 'format' })
    expect(checkCreditCodeAsTyped('913501中')).toEqual({ ok: false, reason: 'format' })
  })

  it('checks fully at 18 characters', () => {
    expect(checkCreditCodeAsTyped('91350102MA2XK8N32U').ok).toBe(true)
    expect(checkCreditCodeAsTyped('91350102MA2XK8N32A')).toEqual({ ok: false, reason: 'checksum' })
    expect(checkCreditCodeAsTyped('91350102MA2XK8N32UU')).toEqual({ ok: false, reason: 'format' })
  })
})

describe('cleanCreditCodeInput', () => {
  it('keeps what the input box should hold', () => {
    expect(cleanCreditCodeInput('9135 0102 ma2x-k8n3 2u')).toBe('91350102MA2XK8N32U')
    expect(cleanCreditCodeInput('９１３５ｍａ')).toBe('9135MA')
  })
})
