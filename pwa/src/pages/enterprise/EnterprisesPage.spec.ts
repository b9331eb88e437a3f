import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, graphqlError, mockApi, mountAt } from '@/test/identity'
import { AGENT_OF, ENTERPRISE_ID, meActingFor, OTHER_ID, REPRESENTED, staffMe } from './testing'

const ACTING = { __typename: 'ActingSwitched', accessToken: 'ACT1', expiresIn: 600, actingFor: `enterprise:${OTHER_ID}` }

describe('EnterprisesPage', () => {
  it('lists the enterprises I represent and those I am an agent of', async () => {
    const expired = { ...AGENT_OF, enterpriseId: 'e3', name: '泉州刺桐服饰有限公司', status: 'EXPIRED' as const }
    mockApi({
      Me: () => ({ me: meActingFor(null) }),
      MyEnterprises: () => ({ myEnterprises: [REPRESENTED, AGENT_OF, expired] }),
    })
    const { wrapper } = await mountAt('/enterprises', { signedInAs: true })
    const items = wrapper.findAll('[data-testid="enterprise-item"]')
    expect(items.map((i) => i.attributes('data-role'))).toEqual(['LEGAL_REPRESENTATIVE', 'AGENT', 'AGENT'])

    const [mine, agent, old] = items
    expect(mine?.text()).toContain('福州闽江数字科技有限公司')
    expect(mine?.text()).toContain('91350102MA2XK8N32U')
    expect(mine?.get('[data-testid="enterprise-role"]').text()).toBe('法定代表人')
    expect(mine?.find('[data-testid="enterprise-scope"]').exists()).toBe(false)
    expect(mine?.find('[data-testid="enterprise-act"]').exists()).toBe(true)
    expect(mine?.find('[data-testid="enterprise-open"]').exists()).toBe(true)

    expect(agent?.get('[data-testid="enterprise-role"]').text()).toBe('经办人')
    expect(agent?.get('[data-testid="enterprise-status"]').text()).toBe('生效中')
    expect(agent?.get('[data-testid="enterprise-scope"]').text()).toBe('税务和社会保险')
    expect(agent?.get('[data-testid="enterprise-period"]').text()).toMatch(/2026.*至.*2027/)

    expect(old?.get('[data-testid="enterprise-status"]').text()).toBe('已到期')
    expect(old?.find('[data-testid="enterprise-act"]').exists()).toBe(false)
    expect(old?.find('[data-testid="enterprise-open"]').exists()).toBe(false)
    expect(old?.get('[data-testid="enterprise-inactive"]').text()).toContain('授权已到期')
  })

  it('acts for an enterprise: the new access token is used from then on', async () => {
    let acting = false
    const api = mockApi({
      Me: (_v, call) => ({ me: meActingFor(call.authorization === 'Bearer ACT1' ? OTHER_ID : null) }),
      MyEnterprises: () => ({ myEnterprises: [REPRESENTED, { ...AGENT_OF, actingNow: acting }] }),
      ActForEnterprise: () => {
        acting = true
        return { actForEnterprise: ACTING }
      },
    })
    const { wrapper, auth } = await mountAt('/enterprises', { signedInAs: true })
    const agent = wrapper.findAll('[data-testid="enterprise-item"]')[1]
    await agent?.get('[data-testid="enterprise-act"]').trigger('click')
    await flushPromises()

    expect(api.of('ActForEnterprise')[0]?.variables).toEqual({ enterpriseId: OTHER_ID })
    expect(auth.client.currentAccessToken()).toBe('ACT1')
    expect(api.of('Me').at(-1)?.authorization).toBe('Bearer ACT1')
    expect(api.of('MyEnterprises').at(-1)?.authorization).toBe('Bearer ACT1')
    expect(auth.me.value?.actingFor).toBe(`enterprise:${OTHER_ID}`)
    expect(wrapper.get('[data-testid="enterprises-notice"]').text()).toBe(
      '已切换：现在以厦门鹭江贸易有限公司经办人身份办理。',
    )
    const now = wrapper.findAll('[data-testid="enterprise-item"]')[1]
    expect(now?.attributes('data-acting')).toBe('true')
    expect(now?.find('[data-testid="enterprise-acting-now"]').exists()).toBe(true)
    expect(now?.find('[data-testid="enterprise-act-self"]').exists()).toBe(true)
  })

  it('goes back to acting for myself', async () => {
    const api = mockApi({
      Me: (_v, call) => ({ me: meActingFor(call.authorization === 'Bearer SELF' ? null : ENTERPRISE_ID) }),
      MyEnterprises: (_v, call) => ({ myEnterprises: [{ ...REPRESENTED, actingNow: call.authorization !== 'Bearer SELF' }] }),
      ActForEnterprise: () => ({ actForEnterprise: { ...ACTING, accessToken: 'SELF', actingFor: null } }),
    })
    const { wrapper, auth } = await mountAt('/enterprises', { signedInAs: true })
    await wrapper.get('[data-testid="enterprise-act-self"]').trigger('click')
    await flushPromises()
    expect(api.of('ActForEnterprise')[0]?.variables).toEqual({ enterpriseId: null })
    expect(auth.me.value?.actingFor).toBeNull()
    expect(wrapper.get('[data-testid="enterprises-notice"]').text()).toBe('已回到本人身份。')
    expect(wrapper.find('[data-testid="enterprise-act"]').exists()).toBe(true)
  })

  it.each([
    ['AGENT_APPOINTMENT_INACTIVE', { reason: 'revoked' }, '您的经办人授权已被法定代表人撤销。'],
    ['AGENT_APPOINTMENT_INACTIVE', { reason: 'not_started' }, '您的经办人授权尚未开始'],
    ['AGENT_OUT_OF_SCOPE', {}, '您的经办人授权不包括这项业务。'],
    ['FORBIDDEN', {}, '您不是该企业的法定代表人或经办人'],
  ])('explains a refused switch (%s %j) in words', async (code, extensions, words) => {
    mockApi({
      Me: () => ({ me: meActingFor(null) }),
      MyEnterprises: () => ({ myEnterprises: [AGENT_OF] }),
      ActForEnterprise: () => graphqlError(code, extensions),
    })
    const { wrapper, auth } = await mountAt('/enterprises', { signedInAs: true })
    await wrapper.get('[data-testid="enterprise-act"]').trigger('click')
    await flushPromises()
    const notice = wrapper.get('[data-testid="enterprises-notice"]')
    expect(notice.attributes('data-tone')).toBe('error')
    expect(notice.text()).toContain('未能切换办理身份')
    expect(notice.text()).toContain(words)
    expect(auth.client.currentAccessToken()).toBe('A1')
  })

  it('in English', async () => {
    mockApi({
      Me: () => ({ me: meActingFor(null) }),
      MyEnterprises: () => ({ myEnterprises: [AGENT_OF] }),
    })
    const { wrapper } = await mountAt('/enterprises', { signedInAs: true, locale: 'en' })
    const item = wrapper.get('[data-testid="enterprise-item"]')
    expect(item.get('[data-testid="enterprise-role"]').text()).toBe('Authorised agent')
    expect(item.get('[data-testid="enterprise-scope"]').text()).toBe('Tax and Social insurance')
    expect(item.get('[data-testid="enterprise-act"]').text()).toBe('Act for this enterprise')
  })

  it('offers binding when there is none yet', async () => {
    mockApi({ Me: () => ({ me: meActingFor(null) }), MyEnterprises: () => ({ myEnterprises: [] }) })
    const { wrapper, router } = await mountAt('/enterprises', { signedInAs: true })
    expect(wrapper.find('[data-testid="enterprises-empty"]').exists()).toBe(true)
    await wrapper.get('[data-testid="enterprises-bind"]').trigger('click')
    await arrivedAt(router, 'enterprise-bind')
  })

  it('shows staff no resident entries', async () => {
    const api = mockApi({ Me: () => ({ me: staffMe(['window_clerk']) }) })
    const { wrapper } = await mountAt('/enterprises', { signedInAs: true })
    expect(wrapper.find('[data-testid="enterprises-staff-only"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="enterprises-bind"]').exists()).toBe(false)
    expect(api.of('MyEnterprises')).toHaveLength(0)
  })

  it('sends a signed-out visitor to sign in first', async () => {
    mockApi({})
    const { router } = await mountAt('/enterprises')
    await arrivedAt(router, 'login')
    expect(router.currentRoute.value.query.redirect).toBe('/enterprises')
  })
})
