import { flushPromises, mount } from '@vue/test-utils'
import axe from 'axe-core'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { STORAGE_KEYS } from '@/composables/storage'
import { jsonResponse, testI18n } from '@/test/helpers'

/**
 * Structural accessibility check with axe-core in the DOM emulator. Colour
 * contrast needs real rendering, so it is left to the browser-based axe run.
 */
const CITIES = [
  { code: '350100', name: '福州市', nameEn: 'Fuzhou City' },
  { code: '350200', name: '厦门市', nameEn: 'Xiamen City' },
]

function mockBackend() {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string }
    if (body.query.includes('query Cities')) {
      return jsonResponse({ data: { regions: { edges: CITIES.map((node) => ({ node })) } } })
    }
    return jsonResponse({
      data: {
        region: {
          ...CITIES[0],
          departments: {
            edges: [
              { node: { code: 'GA', name: '福州市公安局', nameEn: 'Fuzhou City Public Security Bureau', category: 'public-security' } },
              { node: { code: 'SW', name: '福州市税务局', nameEn: 'Fuzhou City Tax Service', category: 'tax' } },
            ],
          },
        },
      },
    })
  })
}

async function mountApp(locale: 'zh-CN' | 'en') {
  vi.resetModules()
  const { default: App } = await import('@/App.vue')
  const { createAppRouter } = await import('@/router')
  const { installLocaleSync } = await import('@/composables/useLocale')
  const i18n = testI18n(locale)
  installLocaleSync(i18n)
  const router = createAppRouter(createMemoryHistory())
  await router.push('/')
  await router.isReady()
  const host = document.createElement('div')
  host.id = 'app'
  document.body.appendChild(host)
  const wrapper = mount(App, { attachTo: host, global: { plugins: [i18n, router] } })
  await flushPromises()
  return wrapper
}

async function seriousViolations() {
  const results = await axe.run(document, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('accessibility (axe-core, structural rules)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`home page with departments has no serious violations (${locale})`, async () => {
      localStorage.setItem(STORAGE_KEYS.city, JSON.stringify(CITIES[0]))
      mockBackend()
      const wrapper = await mountApp(locale)
      expect(document.querySelectorAll('[data-testid="department-item"]')).toHaveLength(2)
      expect(document.querySelectorAll('h1')).toHaveLength(1)
      expect(document.querySelector('header')).not.toBeNull()
      expect(document.querySelector('main')).not.toBeNull()
      expect(await seriousViolations()).toEqual([])
      wrapper.unmount()
    })
  }

  it('open city picker and elder mode have no serious violations', async () => {
    mockBackend()
    const wrapper = await mountApp('zh-CN')
    await wrapper.get('[data-testid="elder-mode-toggle"]').trigger('click')
    await wrapper.get('[data-testid="city-picker-trigger"]').trigger('click')
    await flushPromises()
    expect(document.querySelectorAll('[data-testid="city-option"]')).toHaveLength(2)
    expect(await seriousViolations()).toEqual([])
    wrapper.unmount()
  })
})
