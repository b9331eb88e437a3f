import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { testI18n } from '@/test/helpers'
import { graphqlError, mockApi, tokens } from '@/test/identity'
import { AGENT_OF, ENTERPRISE_ID, meActingFor, OTHER_ID, REPRESENTED } from '@/pages/enterprise/testing'

const wrappers: Array<{ unmount: () => void }> = []
afterEach(() => {
  for (const w of wrappers.splice(0)) w.unmount()
})

/** The whole app (so the banner is where users see it), signed in, at `path`. */
async function mountApp(path: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  vi.resetModules()
  const { default: App } = await import('@/App.vue')
  const { createAppRouter } = await import('@/router')
  const { useAuth } = await import('@/auth/useAuth')
  const auth = useAuth()
  await auth.signIn(tokens())
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(App, { attachTo: host, global: { plugins: [testI18n(locale), router] } })
  wrappers.push(wrapper)
  await flushPromises()
  return { wrapper, auth, router }
}

describe('ActingBanner', () => {
  it('shows nothing while I act for myself', async () => {
    const api = mockApi({ Me: () => ({ me: meActingFor(null) }), Cities: () => ({ regions: { edges: [] } }) })
    const { wrapper } = await mountApp('/')
    expect(wrapper.find('[data-testid="acting-banner"]').exists()).toBe(false)
    expect(api.of('MyEnterprises')).toHaveLength(0)
  })

  it('names the enterprise and my role on every page, after a reload too', async () => {
    mockApi({
      Me: () => ({ me: meActingFor(OTHER_ID) }),
      MyEnterprises: () => ({ myEnterprises: [REPRESENTED, AGENT_OF] }),
      Cities: () => ({ regions: { edges: [] } }),
    })
    const { wrapper, router } = await mountApp('/')
    const banner = wrapper.get('[data-testid="acting-banner"]')
    expect(banner.attributes('role')).toBe('region')
    expect(wrapper.get('[data-testid="acting-banner-text"]').text()).toBe('以厦门鹭江贸易有限公司经办人身份办理')
    await router.push('/me')
    await flushPromises()
    expect(wrapper.find('[data-testid="acting-banner"]').exists()).toBe(true)
  })

  it('says legal representative for my own enterprise, in English too', async () => {
    mockApi({
      Me: () => ({ me: meActingFor(ENTERPRISE_ID) }),
      MyEnterprises: () => ({ myEnterprises: [REPRESENTED] }),
      Cities: () => ({ regions: { edges: [] } }),
    })
    const { wrapper } = await mountApp('/', 'en')
    expect(wrapper.get('[data-testid="acting-banner-text"]').text()).toBe(
      'Acting for 福州闽江数字科技有限公司 as its legal representative',
    )
    expect(wrapper.get('[data-testid="acting-back"]').text()).toBe('Back to myself')
  })

  it('goes back to myself with a new access token', async () => {
    const api = mockApi({
      Me: (_v, call) => ({ me: meActingFor(call.authorization === 'Bearer SELF' ? null : OTHER_ID) }),
      MyEnterprises: () => ({ myEnterprises: [AGENT_OF] }),
      ActForEnterprise: () => ({
        actForEnterprise: { __typename: 'ActingSwitched', accessToken: 'SELF', expiresIn: 600, actingFor: null },
      }),
      Cities: () => ({ regions: { edges: [] } }),
    })
    const { wrapper, auth } = await mountApp('/')
    await wrapper.get('[data-testid="acting-back"]').trigger('click')
    await flushPromises()
    expect(api.of('ActForEnterprise')[0]?.variables).toEqual({ enterpriseId: null })
    expect(auth.client.currentAccessToken()).toBe('SELF')
    expect(wrapper.find('[data-testid="acting-banner"]').exists()).toBe(false)
  })

  it('still offers the way back when the name cannot be loaded, and explains a failure', async () => {
    mockApi({
      Me: () => ({ me: meActingFor(OTHER_ID) }),
      MyEnterprises: () => graphqlError('INTERNAL'),
      ActForEnterprise: () => new Response('offline', { status: 503 }),
      Cities: () => ({ regions: { edges: [] } }),
    })
    const { wrapper } = await mountApp('/')
    expect(wrapper.get('[data-testid="acting-banner-text"]').text()).toBe('以企业经办人身份办理')
    await wrapper.get('[data-testid="acting-back"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="acting-error"]').text()).not.toBe('')
    expect(wrapper.find('[data-testid="acting-banner"]').exists()).toBe(true)
  })
})
