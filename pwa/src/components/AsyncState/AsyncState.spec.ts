import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { testI18n } from '@/test/helpers'
import AsyncState from './AsyncState.vue'

describe('AsyncState', () => {
  it('announces loading politely', () => {
    const wrapper = mount(AsyncState, {
      props: { state: 'loading' },
      global: { plugins: [testI18n('en')] },
    })
    expect(wrapper.attributes('role')).toBe('status')
    expect(wrapper.text()).toContain('Loading')
  })

  it('shows an error as an alert with a retry button', async () => {
    const wrapper = mount(AsyncState, {
      props: { state: 'error', title: 'Failed', message: 'Network error', retryable: true },
      global: { plugins: [testI18n('zh-CN')] },
    })
    expect(wrapper.attributes('role')).toBe('alert')
    expect(wrapper.text()).toContain('Failed')
    const retry = wrapper.get('[data-testid="retry-button"]')
    expect(retry.text()).toBe('重试')
    await retry.trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('has no retry button unless asked', () => {
    const wrapper = mount(AsyncState, {
      props: { state: 'empty', message: 'Nothing here' },
      global: { plugins: [testI18n()] },
    })
    expect(wrapper.find('[data-testid="retry-button"]').exists()).toBe(false)
  })
})
