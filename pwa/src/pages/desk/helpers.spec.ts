// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { answerRows } from './answers'
import { checkItem, emptyItem, feeText, fieldOfPath, itemModel } from './catalogue'
import { daysBetween, dueMarker, formatBytes, formatCalendarDate, groupCaseNumber, normaliseCaseNumber, todayInChina } from './format'
import { checkLookup, normaliseLookupValue } from './lookup'
import { deskAbilities, hasDeskTasks } from './roles'
import { ITEM } from './testing'

describe('case numbers', () => {
  it('accept the grouped or the compact form, spaces and a lower-case x', () => {
    expect(normaliseCaseNumber('350100-20261122-000123-7')).toBe('350100202611220001237')
    expect(normaliseCaseNumber(' 350100 20261122 000123 x ')).toBe('35010020261122000123X')
    expect(normaliseCaseNumber('35010020261122000123')).toBeNull()
    expect(normaliseCaseNumber('3501002026112200012AB')).toBeNull()
  })

  it('are read in groups', () => {
    expect(groupCaseNumber('35010020261122000123X')).toBe('350100-20261122-000123-X')
    expect(groupCaseNumber('350100-20261122-000123-7')).toBe('350100-20261122-000123-7')
    expect(groupCaseNumber('not a number')).toBe('not a number')
    expect(groupCaseNumber(null)).toBe('')
  })
})

describe('deadlines', () => {
  it("counts today in China's time zone", () => {
    expect(todayInChina(new Date('2026-11-22T15:59:00Z'))).toBe('2026-11-22')
    expect(todayInChina(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23')
  })

  it('marks overdue (the server says so) and due soon (at most two calendar days, or the due-soon queue)', () => {
    const today = '2026-11-22'
    expect(dueMarker({ overdue: true, dueOn: '2026-11-20' }, { today })).toBe('overdue')
    expect(dueMarker({ overdue: false, dueOn: '2026-11-22' }, { today })).toBe('due-soon')
    expect(dueMarker({ overdue: false, dueOn: '2026-11-24' }, { today })).toBe('due-soon')
    expect(dueMarker({ overdue: false, dueOn: '2026-11-25' }, { today })).toBeNull()
    expect(dueMarker({ overdue: false, dueOn: '2026-11-30' }, { today, inDueSoonQueue: true })).toBe('due-soon')
    // A past date the server does not call overdue (decided in time): no marker.
    expect(dueMarker({ overdue: false, dueOn: '2026-11-01' }, { today })).toBeNull()
    expect(dueMarker({ overdue: false, dueOn: null }, { today, inDueSoonQueue: true })).toBeNull()
    expect(daysBetween('2026-12-31', '2027-01-02')).toBe(2)
  })

  it('formats dates and sizes in the language', () => {
    expect(formatCalendarDate('2026-11-22', 'zh-CN')).toBe('2026年11月22日')
    expect(formatCalendarDate('2026-11-22', 'en')).toBe('Nov 22, 2026')
    expect(formatBytes(512, 'en')).toBe('512 byte')
    expect(formatBytes(204800, 'en')).toBe('200 kB')
  })
})

describe('the lookup form', () => {
  it('normalises each kind as the API reads it', () => {
    expect(normaliseLookupValue('CASE_NUMBER', '３５０１００-20261122-000123-7')).toBe('350100202611220001237')
    expect(normaliseLookupValue('PHONE', '+86 138 1234 5678')).toBe('13812345678')
    expect(normaliseLookupValue('PHONE', '1234')).toBeNull()
    expect(normaliseLookupValue('ID_NUMBER', '11010519491231002x')).toBe('11010519491231002X')
    expect(normaliseLookupValue('ID_NUMBER', '110105194912310021')).toBeNull()
  })

  it('needs a purpose and four characters of explanation (a Chinese character counts as one)', () => {
    const base = { kind: 'CASE_NUMBER' as const, value: '350100-20261122-000123-7' }
    expect(checkLookup({ ...base, purpose: '', purposeText: '来电询问' })).toEqual({ ok: false, problems: { purpose: 'purposeRequired' } })
    expect(checkLookup({ ...base, purpose: 'URGING', purposeText: ' 催办 ' })).toEqual({ ok: false, problems: { purposeText: 'purposeTextShort' } })
    expect(checkLookup({ ...base, purpose: 'URGING', purposeText: '来电催办' })).toEqual({
      ok: true,
      value: '350100202611220001237',
      purpose: 'URGING',
      purposeText: '来电催办',
    })
    expect(checkLookup({ kind: 'PHONE', value: ' ', purpose: 'OTHER', purposeText: 'abcd' })).toEqual({ ok: false, problems: { value: 'valueRequired' } })
  })
})

describe('answers', () => {
  it('follow the form, name options and booleans, and keep unknown keys', () => {
    const form = [
      { key: 'a', label: '甲', labelEn: 'A', type: 'SELECT', options: [{ value: 'x', label: '选项', labelEn: 'Option' }] },
      { key: 'b', label: '乙', labelEn: '', type: 'BOOLEAN', options: [] },
      { key: 'c', label: '丙', labelEn: 'C', type: 'NUMBER', options: [] },
    ]
    const words = { yes: 'Yes', no: 'No', none: '—', english: true }
    expect(answerRows(form, { a: 'x', b: false, c: 3, z: [1, 2] }, words)).toEqual([
      { key: 'a', label: 'A', text: 'Option' },
      { key: 'b', label: '乙', text: 'No' },
      { key: 'c', label: 'C', text: '3' },
      { key: 'z', label: 'z', text: '1, 2' },
    ])
    expect(answerRows(form, null, { ...words, english: false }).map((r) => r.text)).toEqual(['—', '—', '—'])
  })
})

describe('the catalogue form model', () => {
  it('round-trips a version into the input the API takes', () => {
    const model = itemModel(ITEM)
    expect(model.fee).toBe('20')
    expect(JSON.parse(model.form)[0]).toEqual({
      key: 'reason',
      label: '申请事由',
      labelEn: 'Reason',
      type: 'text',
      required: true,
      minLength: 2,
      maxLength: 100,
      pattern: null,
      min: null,
      max: null,
      options: [],
      help: '',
      helpEn: '',
    })
    const checked = checkItem(model, false)
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.input).toMatchObject({ feeFen: 2000, statutoryDays: 15, promisedDays: 7, personTier: 'intermediate' })
    expect(checked.input).not.toHaveProperty('code')
    expect(checked.input).not.toHaveProperty('departmentCode')
  })

  it('starts a new item with the department and its region code', () => {
    expect(emptyItem('350100-GA')).toMatchObject({ code: '350100-', departmentCode: '350100-GA' })
    expect(emptyItem('')).toMatchObject({ code: '', departmentCode: '' })
    const checked = checkItem({ ...emptyItem('350100-GA'), name: '' }, true)
    expect(checked).toMatchObject({ ok: false, problems: { name: 'required', nameEn: 'required', category: 'required', conditions: 'required' } })
  })

  it('reads fees in yuan and the API field paths', () => {
    expect(feeText(1250)).toBe('12.50')
    expect(feeText(null)).toBe('')
    expect(checkItem({ ...itemModel(ITEM), fee: '0.1' }, false)).toMatchObject({ ok: true, input: { feeFen: 10 } })
    expect(fieldOfPath('form[2]')).toBe('form')
    expect(fieldOfPath('materials[0].maxBytes')).toBe('materials')
    expect(fieldOfPath('feeFen')).toBe('fee')
    expect(fieldOfPath('somethingElse')).toBeNull()
  })
})

describe('desk abilities by role', () => {
  const of = (roles: string[], department: string | null = '350100-GA') => deskAbilities(new Set(roles), department)

  it('gives each role its pages', () => {
    expect(of(['window_clerk'])).toMatchObject({ handlesCases: true, isAgent: false, supervises: false, editsCatalogue: false })
    expect(of(['approver'])).toMatchObject({ handlesCases: true, supervises: false })
    expect(of(['department_admin'])).toMatchObject({ handlesCases: true, supervises: true, supervisesAll: false, handlesComplaints: true, editsCatalogue: true })
    expect(of(['supervisor'], null)).toMatchObject({ handlesCases: false, readsCases: true, supervisesAll: true, seesLookupLog: true, handlesComplaints: true })
    expect(of(['platform_admin'], null)).toMatchObject({ readsCases: true, supervisesAll: true, handlesComplaints: false, seesLookupLog: false, editsCatalogue: true })
    expect(of(['call_centre_agent'], null)).toMatchObject({ isAgent: true, readsCases: false, supervises: false })
    // Case roles belong to a department.
    expect(of(['window_clerk'], null).handlesCases).toBe(false)
    expect(hasDeskTasks(of([]))).toBe(false)
    expect(hasDeskTasks(of(['approver']))).toBe(true)
  })
})
