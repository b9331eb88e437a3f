import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { STORAGE_KEYS } from '@/composables/storage'
import { testI18n } from '@/test/helpers'

async function mountHeader() {
  vi.resetModules()
  const { default: AppHeader } = await import('./AppHeader.vue')
  const { installLocaleSync } = await import('@/composables/useLocale')
  const i18n = testI18n('zh-CN')
  installLocaleSync(i18n)
  const wrapper = mount(AppHeader, { global: { plugins: [i18n] } })
  return { wrapper, i18n }
}

describe('AppHeader', () => {
  it('is a banner with a single h1 naming the app', async () => {
    const { wrapper } = await mountHeader()
    expect(wrapper.element.tagName).toBe('HEADER')
    const h1s = wrapper.findAll('h1')
    expect(h1s).toHaveLength(1)
    expect(h1s[0]?.text()).toContain('一网通办')
    expect(h1s[0]?.text()).toContain('闽政一点通')
    expect(wrapper.text()).toContain('OneTap')
  })

  it('switches language, <html lang>, title and persists it', async () => {
    const { wrapper, i18n } = await mountHeader()
    const toggle = wrapper.get('[data-testid="language-toggle"]')
    expect(toggle.attributes('aria-label')).toBe('切换语言为 English')
    expect(toggle.text()).toBe('English')
    expect(document.documentElement.lang).toBe('zh-CN')

    await toggle.trigger('click')

    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toContain('OneTap')
    expect(localStorage.getItem(STORAGE_KEYS.locale)).toBe('en')
    expect(wrapper.get('h1').text()).toContain('OneTap')
    expect(wrapper.get('[data-testid="language-toggle"]').text()).toBe('中文')

    await wrapper.get('[data-testid="language-toggle"]').trigger('click')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('has a labelled elder-mode switch that sets the <html> class', async () => {
    const { wrapper } = await mountHeader()
    const toggle = wrapper.get('[data-testid="elder-mode-toggle"]')
    expect(toggle.attributes('role')).toBe('switch')
    expect(toggle.attributes('aria-checked')).toBe('false')
    const labelId = toggle.attributes('aria-labelledby')
    expect(wrapper.get(`#${labelId}`).text()).toBe('长辈模式')

    await toggle.trigger('click')

    expect(document.documentElement.classList.contains('elder-mode')).toBe(true)
    expect(wrapper.get('[data-testid="elder-mode-toggle"]').attributes('aria-checked')).toBe('true')
    expect(localStorage.getItem(STORAGE_KEYS.elderMode)).toBe('true')
  })
})
