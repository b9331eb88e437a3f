import { describe, expect, it } from 'vitest'
import { arrivedAt, mockApi, mountAt } from '@/test/identity'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
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

  it('keeps "Me" current on /me/*, /enterprises* and /staff*, and only there', async () => {
    const Stub = defineComponent({ render: () => h('div') })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', name: 'home', component: Stub },
        { path: '/me', name: 'me', component: Stub },
        { path: '/me/:rest(.*)*', name: 'me-any', component: Stub },
        { path: '/enterprises', name: 'enterprises', component: Stub },
        { path: '/enterprises/:rest(.*)*', name: 'enterprise-any', component: Stub },
        { path: '/staff', name: 'staff-desk', component: Stub },
        { path: '/staff/login', name: 'staff-login', component: Stub },
        { path: '/verify/face', name: 'face-check', component: Stub },
        { path: '/login', name: 'login', component: Stub },
        { path: '/:pathMatch(.*)*', name: 'not-found', component: Stub },
      ],
    })
    const { default: AppNav } = await import('./AppNav.vue')
    const wrapper = mount(AppNav, { global: { plugins: [testI18n(), router] } })
    const currentAt = async (path: string) => {
      await router.push(path)
      await flushPromises()
      return {
        me: wrapper.get('[data-testid="nav-me"]').attributes('aria-current') === 'page',
        home: wrapper.get('[data-testid="nav-home"]').attributes('aria-current') === 'page',
      }
    }
    for (const path of [
      '/me',
      '/me/devices',
      '/me/verify',
      '/me/passkeys',
      '/me/phone',
      '/enterprises',
      '/enterprises/bind',
      '/enterprises/7/agents/new',
      '/staff',
      '/staff/login?redirect=/staff',
      '/verify/face?action=x',
      '/login',
    ]) {
      expect(await currentAt(path), path).toEqual({ me: true, home: false })
    }
    expect(await currentAt('/')).toEqual({ me: false, home: true })
    for (const path of ['/staffing', '/enterprisesx', '/nowhere', '/me-too']) {
      expect(await currentAt(path), path).toEqual({ me: false, home: false })
    }
    wrapper.unmount()
  })
})
