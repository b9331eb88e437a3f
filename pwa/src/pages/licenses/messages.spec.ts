import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@/i18n'
import { consentEnd, addDays, todayInFujian } from './dates'
import { ensureLicenseMessages, LICENSE_MESSAGES } from './messages'
import licensesEn from './messages.en'
import licensesZhCN from './messages.zh-CN'
import { svgDataUrl } from './qr'

function flatten(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'object' && value !== null) for (const [k, v] of flatten(value as object, path)) out.set(k, v)
    else out.set(path, value)
  }
  return out
}
const placeholders = (message: unknown) => [...String(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()

describe('e-licenses messages', () => {
  const zh = flatten(licensesZhCN)
  const en = flatten(licensesEn)

  it('has the same keys and placeholders in both languages, none empty', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort())
    for (const [key, value] of zh) {
      expect(String(value).trim(), key).not.toBe('')
      expect(String(en.get(key)).trim(), key).not.toBe('')
      expect(placeholders(en.get(key)), key).toEqual(placeholders(value))
    }
  })

  it('words every LicenseError code of the contract and every refusal', () => {
    const codes = ['NOT_FOUND', 'FORBIDDEN', 'NOT_ALLOWED', 'REASON_REQUIRED', 'CONSENT_REQUIRED', 'CONSENT_EXPIRED', 'CONSENT_WITHDRAWN', 'LICENSE_INVALID', 'SLOT_NOT_SATISFIABLE', 'NOT_HOLDER', 'SEAL_MISSING', 'SEAL_RETIRED', 'CONFLICT']
    expect(Object.keys(licensesZhCN.errors).sort()).toEqual([...codes, 'generic'].sort())
    expect(Object.keys(licensesZhCN.refusal).sort()).toEqual(['CONSENT_EXPIRED', 'CONSENT_REQUIRED', 'CONSENT_WITHDRAWN', 'unknown'])
    expect(Object.keys(licensesZhCN.status).sort()).toEqual(['EXPIRED', 'REVOKED', 'SUSPENDED', 'VALID'])
  })

  it('merges into the app’s i18n once, under licenses.*', () => {
    const i18n = createAppI18n('en')
    const composer = i18n.global as unknown as Parameters<typeof ensureLicenseMessages>[0] & { t: (key: string) => string }
    ensureLicenseMessages(composer)
    ensureLicenseMessages(composer)
    expect(composer.t('licenses.status.REVOKED')).toBe('Revoked')
    expect(composer.t('app.name')).toBe('OneTap')
    expect(Object.keys(LICENSE_MESSAGES).sort()).toEqual(['en', 'zh-CN'])
  })
})

describe('QR images and consent dates', () => {
  it('turns only SVG text into an image URL', () => {
    expect(svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/)
    expect(svgDataUrl('<?xml version="1.0"?>\n<svg viewBox="0 0 1 1"/>')).not.toBeNull()
    expect(svgDataUrl('<img src=x onerror=alert(1)>')).toBeNull()
    expect(svgDataUrl('')).toBeNull()
    expect(svgDataUrl(null)).toBeNull()
  })

  it('ends a consent at the end of the chosen day in Fujian, never past 365 days from now', () => {
    const now = Date.parse('2026-11-22T02:00:00Z')
    expect(todayInFujian(now)).toBe('2026-11-22')
    expect(todayInFujian(Date.parse('2026-11-22T16:30:00Z'))).toBe('2026-11-23')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(consentEnd('2026-12-22', now)).toBe('2026-12-22T23:59:59+08:00')
    const latest = Date.parse(consentEnd(addDays('2026-11-22', 365), now))
    expect(latest).toBeLessThanOrEqual(now + 365 * 24 * 3600 * 1000)
    expect(latest).toBeGreaterThan(now + 364 * 24 * 3600 * 1000)
  })
})
