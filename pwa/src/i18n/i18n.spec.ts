import { describe, expect, it } from 'vitest'
import { createAppI18n, DEFAULT_LOCALE, messages, SUPPORTED_LOCALES } from '.'
import en from './en'
import zhCN from './zh-CN'

/** Flatten nested messages to dotted keys → value. */
function flatten(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of flatten(value as object, path)) out.set(k, v)
    } else {
      out.set(path, value)
    }
  }
  return out
}

/** `{name}` placeholders used in a message. */
function placeholders(message: unknown): string[] {
  return [...String(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()
}

const zhKeys = flatten(zhCN)
const enKeys = flatten(en)

describe('i18n messages', () => {
  it('default locale is zh-CN and both languages are registered', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN')
    expect([...SUPPORTED_LOCALES].sort()).toEqual(['en', 'zh-CN'])
    expect(Object.keys(messages).sort()).toEqual(['en', 'zh-CN'])
  })

  it('every zh-CN key exists in en', () => {
    const missing = [...zhKeys.keys()].filter((k) => !enKeys.has(k))
    expect(missing).toEqual([])
  })

  it('every en key exists in zh-CN', () => {
    const missing = [...enKeys.keys()].filter((k) => !zhKeys.has(k))
    expect(missing).toEqual([])
  })

  it('has no empty messages', () => {
    for (const [locale, keys] of [['zh-CN', zhKeys], ['en', enKeys]] as const) {
      for (const [key, value] of keys) {
        expect(typeof value, `${locale}:${key}`).toBe('string')
        expect(String(value).trim(), `${locale}:${key}`).not.toBe('')
      }
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of zhKeys) {
      expect(placeholders(enKeys.get(key)), key).toEqual(placeholders(value))
    }
  })

  it('keeps no "coming soon" placeholders: a control that cannot work yet is not shown', () => {
    const placeholders = [...zhKeys.keys()].filter((k) => /comingSoon/i.test(k) || k.startsWith('faceCheck.'))
    expect(placeholders).toEqual([])
  })

  it('names the app 闽政一点通 in Chinese and OneTap in English', () => {
    const i18n = createAppI18n('zh-CN')
    expect(i18n.global.t('app.name')).toBe('闽政一点通')
    i18n.global.locale.value = 'en'
    expect(i18n.global.t('app.name')).toBe('OneTap')
    expect(i18n.global.t('departments.heading', { city: 'Fuzhou City' })).toBe(
      'Government departments in Fuzhou City',
    )
  })
})
