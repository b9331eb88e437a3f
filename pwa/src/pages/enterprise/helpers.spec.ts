import { describe, expect, it } from 'vitest'
import type { Translator } from '@/auth/messages'
import { actingEnterpriseId } from '@/composables/useActingFor'
import { addDays, addYears, compareDays, endOfDayIso, fromPickerValue, startOfDayIso, toPickerValue } from './dates'
import { scopeLabel, scopeText, toggleScope } from './scopes'

const LABELS: Record<string, string> = {
  'enterprise.scope.all': '全部业务',
  'enterprise.scope.tax': '税务',
  'enterprise.scope.transport': '交通运输',
}
const tr: Translator = { t: (key) => LABELS[key] ?? key, te: (key) => key in LABELS, locale: 'zh-CN' }

describe('scopes', () => {
  it('labels the fixed categories and shows unknown codes as they are', () => {
    expect(scopeLabel(tr, '*')).toBe('全部业务')
    expect(scopeLabel(tr, 'tax')).toBe('税务')
    expect(scopeLabel(tr, 'fishing_licence')).toBe('fishing_licence')
    expect(scopeText(tr, ['tax', 'transport'])).toBe('税务和交通运输')
  })

  it('"all" and single categories replace each other', () => {
    expect(toggleScope([], 'tax', true)).toEqual(['tax'])
    expect(toggleScope(['tax', 'transport'], '*', true)).toEqual(['*'])
    expect(toggleScope(['*'], 'tax', true)).toEqual(['tax'])
    expect(toggleScope(['tax', 'transport'], 'tax', false)).toEqual(['transport'])
    expect(toggleScope(['tax'], 'tax', true)).toEqual(['tax'])
  })
})

describe('appointment dates', () => {
  it('adds days and years on the calendar (29 February into a common year)', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 })
    expect(addYears({ year: 2028, month: 2, day: 29 }, 1)).toEqual({ year: 2029, month: 2, day: 28 })
    expect(compareDays({ year: 2026, month: 1, day: 2 }, { year: 2026, month: 1, day: 10 })).toBeLessThan(0)
  })

  it('converts to and from the date picker model', () => {
    expect(toPickerValue({ year: 2026, month: 3, day: 5 })).toEqual(['2026', '03', '05'])
    expect(fromPickerValue(['2026', '03', '05'])).toEqual({ year: 2026, month: 3, day: 5 })
    expect(fromPickerValue([])).toBeNull()
  })

  it('sends instants with a time zone: the first moment and the last second of the day, local time', () => {
    const start = new Date(startOfDayIso({ year: 2026, month: 3, day: 5 }))
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()]).toEqual([2026, 2, 5, 0, 0])
    const end = new Date(endOfDayIso({ year: 2026, month: 3, day: 5 }))
    expect([end.getDate(), end.getHours(), end.getMinutes(), end.getSeconds()]).toEqual([5, 23, 59, 59])
    expect(endOfDayIso({ year: 2026, month: 3, day: 5 })).toMatch(/Z$/)
  })
})

describe('actingEnterpriseId', () => {
  it('reads enterprise:<id> from me.actingFor', () => {
    expect(actingEnterpriseId('enterprise:abc')).toBe('abc')
    expect(actingEnterpriseId(null)).toBeNull()
    expect(actingEnterpriseId('person:1')).toBeNull()
  })
})
