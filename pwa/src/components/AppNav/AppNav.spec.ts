import { describe, expect, it } from 'vitest'
import { arrivedAt, mockApi, mountAt } from '@/test/identity'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { testI18n } from '@/test/helpers'

async function mountWithNav(path: string) {
  const { router } = await mountAt(path)
  const { default: AppNav } = await import('./AppNav.vue')
  const Root = defineComponent({ render: () => [h(RouterView), h(AppNav)] })
  const wrapper = mount(Root, { global: { plugins: [testI18n(), router] } })
  await flushPromises()
  return { wrapper, router }
}

describe('AppNav', () => {
  it('links Home and Me and marks the current one', async () => {
    mockApi({ Cities: () => ({ regions: { edges: [] } }), TierGuide: () => ({ tierGuide: [] }), EthnicGroups: () => ({ ethnicGroups: [] }) })
    const { wrapper, router } = await mountWithNav('/')
    const home = wrapper.get('[data-testid="nav-home"]')
    const me = wrapper.get('[data-testid="nav-me"]')
    expect(home.attributes('href')).toBe('/')
    expect(me.attributes('href')).toBe('/me')
    expect(home.attributes('aria-current')).toBe('page')
    expect(me.attributes('aria-current')).toBeUndefined()
    expect(wrapper.get('nav').attributes('aria-label')).toBe('主导航')

    await me.trigger('click')
    await arrivedAt(router, 'me')
    expect(wrapper.get('[data-testid="nav-me"]').attributes('aria-current')).toBe('page')
    await router.push('/login')
    await arrivedAt(router, 'login')
    expect(wrapper.get('[data-testid="nav-me"]').attributes('aria-current')).toBe('page')
    wrapper.unmount()
  })
})
