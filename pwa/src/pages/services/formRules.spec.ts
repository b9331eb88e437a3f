import { describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '@/auth/idNumber'
import {
  answersFromInputs,
  checkAnswer,
  checkAnswers,
  dateOrdinal,
  daysFromToday,
  inputsFromAnswers,
  MAX_TEXT,
  ordinalDate,
  parseNumber,
  type FormFieldSpec,
} from './formRules'
import { FORM, GOOD_ANSWERS, VALID_ID_NUMBER } from './testing'

const TODAY = new Date(2026, 10, 22)
const byKey = (key: string): FormFieldSpec => {
  const found = FORM.find((f) => f.key === key)
  if (!found) throw new Error(key)
  return found
}
const check = (key: string, value: Parameters<typeof checkAnswer>[1]) => checkAnswer(byKey(key), value, TODAY)

describe('the form checks mirror casework/forms.py', () => {
  it('accepts a complete, valid set of answers', () => {
    expect(checkAnswers(FORM, GOOD_ANSWERS, { today: TODAY })).toEqual({})
  })

  it('reports every missing required answer at once, and none while saving a draft', () => {
    expect(checkAnswers(FORM, {}, { today: TODAY })).toEqual({
      reason: 'required',
      copies: 'required',
      kind: 'required',
      phone: 'required',
      agree: 'required',
    })
    expect(checkAnswers(FORM, { copies: 9 }, { requireAll: false, today: TODAY })).toEqual({ copies: 'max' })
  })

  it('treats blanks as missing, and an unticked box as a missing confirmation', () => {
    expect(check('reason', '   ')).toBe('required')
    expect(check('name_pinyin', '  ')).toBeNull()
    expect(check('agree', false)).toBe('required')
    expect(check('agree', true)).toBeNull()
    expect(check('agree', 'yes')).toBe('type')
  })

  it('checks text lengths in characters, after trimming', () => {
    expect(check('reason', '太短')).toBe('too_short')
    expect(check('reason', '  四个字吧  ')).toBeNull()
    expect(check('reason', '字'.repeat(201))).toBe('too_long')
    // Beyond the server's ceiling whatever the field says; an emoji is one character.
    expect(check('name_pinyin', 'A'.repeat(MAX_TEXT + 1))).toBe('too_long')
    expect(check('reason', '😀😀😀😀')).toBeNull()
  })

  it('matches a pattern against the whole answer', () => {
    expect(check('name_pinyin', 'CHEN MINGHUI')).toBeNull()
    expect(check('name_pinyin', 'Chen')).toBe('pattern')
    expect(check('name_pinyin', 'CHEN1')).toBe('pattern')
    // A pattern JavaScript cannot read is left to the server.
    expect(checkAnswer({ ...byKey('name_pinyin'), pattern: '(?P<x>A)' }, 'B')).toBeNull()
  })

  it('checks numbers by type and range', () => {
    expect(check('copies', 3)).toBeNull()
    expect(check('copies', 0)).toBe('min')
    expect(check('copies', 6)).toBe('max')
    expect(check('copies', 'three')).toBe('type')
    expect(check('copies', Number.NaN)).toBe('type')
  })

  it('checks dates as YYYY-MM-DD real days, bounded in days from today', () => {
    expect(dateOrdinal('2026-01-01')).toBe(739617)
    expect(dateOrdinal('1970-01-01')).toBe(719163)
    expect(dateOrdinal('2000-02-29')).toBe(730179)
    expect(dateOrdinal('0001-01-01')).toBe(1)
    expect(dateOrdinal('2026-02-30')).toBeNull()
    expect(dateOrdinal('2026-2-3')).toBeNull()
    expect(ordinalDate(739617)).toBe('2026-01-01')
    // TODAY is 2026-11-22; the field takes today up to 90 days ahead.
    expect(check('move_date', '2026-11-22')).toBeNull()
    expect(check('move_date', '2027-02-20')).toBeNull()
    expect(check('move_date', '2026-11-21')).toBe('min')
    expect(check('move_date', '2027-02-21')).toBe('max')
    expect(check('move_date', '2026-13-01')).toBe('type')
    expect(daysFromToday(1, TODAY)).toBe('2026-11-23')
  })

  it('takes only a listed option', () => {
    expect(check('kind', 'renew')).toBeNull()
    expect(check('kind', 'other')).toBe('not_an_option')
  })

  it('takes an 11-digit mainland mobile number', () => {
    expect(check('phone', '13800138000')).toBeNull()
    expect(check('phone', '12800138000')).toBe('pattern')
    expect(check('phone', '1380013800')).toBe('pattern')
  })

  it('checks an ID number as identity does: format, birth date, check character', () => {
    expect(VALID_ID_NUMBER.slice(-1)).toBe(residentIdCheckChar(VALID_ID_NUMBER.slice(0, 17)))
    expect(check('id_number', VALID_ID_NUMBER)).toBeNull()
    expect(check('id_number', VALID_ID_NUMBER.toLowerCase())).toBeNull()
    expect(check('id_number', '1101051949123100')).toBe('format')
    expect(check('id_number', '110105194913310021')).toBe('birth_date')
    expect(check('id_number', '110105194912310021')).toBe('checksum')
  })
})

describe('answers and inputs', () => {
  it('sends known fields only, trimmed, without blanks, numbers as numbers', () => {
    const answers = answersFromInputs(FORM, {
      reason: '  工作调动  ',
      name_pinyin: '   ',
      copies: '２',
      kind: 'first',
      agree: true,
      stray: 'x',
    })
    expect(answers).toEqual({ reason: '工作调动', copies: 2, kind: 'first', agree: true })
    // A number that cannot be read goes as typed, so the server's `type` problem lands too.
    expect(answersFromInputs(FORM, { copies: '两份' })).toEqual({ copies: '两份' })
  })

  it('reads numbers as typed', () => {
    expect(parseNumber(' 3 ')).toBe(3)
    expect(parseNumber('2.5')).toBe(2.5)
    expect(parseNumber('-1')).toBe(-1)
    expect(parseNumber('1e3')).toBeNaN()
    expect(parseNumber('')).toBeNaN()
  })

  it('shows saved answers in the inputs', () => {
    expect(inputsFromAnswers(FORM, { reason: '事由', copies: 2, agree: true, kind: 'renew' })).toEqual({
      reason: '事由',
      name_pinyin: '',
      copies: '2',
      move_date: '',
      kind: 'renew',
      phone: '',
      id_number: '',
      agree: true,
    })
    expect(inputsFromAnswers(FORM, null).agree).toBe(false)
  })
})
