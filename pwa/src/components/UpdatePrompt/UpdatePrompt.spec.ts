import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { testI18n } from '@/test/helpers'
import { needRefresh, registerCalls, resetPwaStub, updateServiceWorker } from '@/test/pwa-register-stub'
import UpdatePrompt from './UpdatePrompt.vue'

function mountPrompt(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(UpdatePrompt, { global: { plugins: [testI18n(locale)] } })
}

describe('UpdatePrompt', () => {
  beforeEach(() => resetPwaStub())

  it('registers the service worker immediately', () => {
    mountPrompt()
    expect(registerCalls).toHaveLength(1)
    expect(registerCalls[0]?.immediate).toBe(true)
  })

  it('stays hidden while no new service worker is waiting', () => {
    const wrapper = mountPrompt()
    expect(wrapper.find('[data-testid="update-prompt"]').exists()).toBe(false)
  })

  it('asks to reload when a new service worker is waiting', async () => {
    const wrapper = mountPrompt()
    needRefresh.value = true
    await flushPromises()
    const prompt = wrapper.get('[data-testid="update-prompt"]')
    expect(prompt.attributes('role')).toBe('alertdialog')
    expect(prompt.text()).toContain('发现新版本')

    await wrapper.get('[data-testid="update-reload"]').trigger('click')
    expect(updateServiceWorker).toHaveBeenCalledWith(true)
  })

  it('can be dismissed', async () => {
    const wrapper = mountPrompt('en')
    needRefresh.value = true
    await flushPromises()
    expect(wrapper.get('[data-testid="update-prompt"]').text()).toContain('Update available')
    await wrapper.get('[data-testid="update-later"]').trigger('click')
    expect(needRefresh.value).toBe(false)
    expect(updateServiceWorker).not.toHaveBeenCalled()
  })
})
