import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { testI18n } from '@/test/helpers'
import { ME_BASIC, mountAt } from '@/test/identity'
import { connection, fakeLive, mockServicesApi, reached, submitted, withLive } from './testing'

const Stub = defineComponent({ render: () => h('div') })

function stubRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Stub },
      { path: '/services', name: 'services', component: Stub },
      { path: '/services/:code', name: 'service', component: Stub },
      { path: '/cases', name: 'my-cases', component: Stub },
      { path: '/cases/:id/:rest(.*)*', name: 'case-any', component: Stub },
      { path: '/me', name: 'me', component: Stub },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: Stub },
    ],
  })
}

describe('services in the navigation and on the home page', { timeout: 20_000 }, () => {
  it('has 办事 and 我的办件 tabs, current on their sections only', async () => {
    const router = stubRouter()
    const { default: AppNav } = await import('@/components/AppNav/AppNav.vue')
    const wrapper = mount(AppNav, { global: { plugins: [testI18n(), router] } })
    const current = async (path: string) => {
      await router.push(path)
      await flushPromises()
      return ['home', 'services', 'my-cases', 'me'].filter(
        (name) => wrapper.get(`[data-testid="nav-${name}"]`).attributes('aria-current') === 'page',
      )
    }
    expect(wrapper.get('[data-testid="nav-services"]').text()).toBe('办事')
    expect(wrapper.get('[data-testid="nav-services"]').attributes('href')).toBe('/services')
    expect(wrapper.get('[data-testid="nav-my-cases"]').text()).toBe('我的办件')
    expect(wrapper.get('[data-testid="nav-my-cases"]').attributes('href')).toBe('/cases')
    expect(await current('/services')).toEqual(['services'])
    expect(await current('/services/350100-GA-0001')).toEqual(['services'])
    expect(await current('/cases')).toEqual(['my-cases'])
    expect(await current('/cases/c1/apply')).toEqual(['my-cases'])
    expect(await current('/servicesx')).toEqual([])
    expect(await current('/')).toEqual(['home'])
    wrapper.unmount()
  })

  it('searches the catalogue from the home page', async () => {
    const api = mockServicesApi({
      Cities: () => ({ regions: { edges: [] } }),
      ServiceItems: () => ({ serviceItems: connection([]) }),
      ServiceCategories: () => ({ serviceCategories: [] }),
      CityDepartments: () => ({ region: null }),
    })
    const { wrapper, router } = await mountAt('/')
    await wrapper.get('[data-testid="home-service-search"]').setValue('护照')
    await wrapper.get('[data-testid="home-service-search-submit"]').trigger('submit')
    await reached(router, 'services')
    expect(router.currentRoute.value.query).toEqual({ q: '护照' })
    expect(api.of('ServiceItems').at(-1)?.variables).toMatchObject({ query: '护照' })
  })

  it('links the catalogue and my cases from the home page', async () => {
    mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      Cities: () => ({ regions: { edges: [] } }),
      MyCases: () => ({ myCases: connection([]) }),
    })
    const { wrapper, router } = await mountAt('/', { signedInAs: true })
    expect(wrapper.get('[data-testid="home-services"]').attributes('href')).toBe('/services')
    await wrapper.get('[data-testid="home-my-cases"]').trigger('click')
    await reached(router, 'my-cases')
  })

  it('shows the confirmation with the case number after a reload too, its status live', async () => {
    let current = submitted()
    mockServicesApi({ Me: () => ({ me: ME_BASIC }), Case: () => ({ case: current }) })
    const live = fakeLive()
    const { wrapper } = await mountAt(`/cases/${current.id}/submitted`, { signedInAs: true, locale: 'en', setup: withLive(live) })
    expect(wrapper.text()).toContain('Application submitted')
    expect(wrapper.get('[data-testid="apply-case-number"]').text()).toBe('350100-20261122-000123-7')
    expect(wrapper.get('[data-testid="submitted-status"]').attributes('data-status')).toBe('SUBMITTED')
    current = submitted('ACCEPTED')
    live.emit(current.id, 'ACCEPTED')
    await flushPromises()
    expect(wrapper.get('[data-testid="submitted-status"]').attributes('data-status')).toBe('ACCEPTED')
  })
})
