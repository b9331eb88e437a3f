import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { APPOINTMENT, ENTERPRISE, ENTERPRISE_ID } from './testing'

const PATH = `/enterprises/${ENTERPRISE_ID}/agents`
const OLD = { ...APPOINTMENT, id: 'ap0', agentName: '刘**', scope: ['*'], status: 'REVOKED' as const, revokedAt: '2026-06-01T00:00:00+00:00' }

function backend(extra: Record<string, (v: Record<string, unknown>) => unknown> = {}) {
  return mockApi({
    Me: () => ({ me: ME_BASIC }),
    Enterprise: () => ({ enterprise: ENTERPRISE }),
    EnterpriseAgents: () => ({ enterpriseAgents: [APPOINTMENT, OLD] }),
    ...extra,
  })
}

describe('AgentsPage', () => {
  it('lists the agents masked, with scope, period and status', async () => {
    const api = backend()
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(api.of('EnterpriseAgents')[0]?.variables).toEqual({ enterpriseId: ENTERPRISE_ID })
    expect(wrapper.text()).toContain('经办人可在授权范围和期限内代表福州闽江数字科技有限公司办理业务。')
    const [active, revoked] = wrapper.findAll('[data-testid="agent-item"]')
    expect(active?.get('[data-testid="agent-name"]').text()).toBe('郑**')
    expect(active?.get('[data-testid="agent-id-number"]').text()).toBe('350104**********60')
    expect(active?.get('[data-testid="agent-scope"]').text()).toBe('税务和住房公积金')
    expect(active?.get('[data-testid="agent-status"]').text()).toBe('生效中')
    expect(active?.get('[data-testid="agent-period"]').text()).toMatch(/2026.*至.*2027/)
    expect(active?.find('[data-testid="agent-revoke"]').exists()).toBe(true)
    expect(revoked?.get('[data-testid="agent-scope"]').text()).toBe('全部业务')
    expect(revoked?.get('[data-testid="agent-status"]').text()).toBe('已撤销')
    expect(revoked?.find('[data-testid="agent-revoke"]').exists()).toBe(false)
  })

  it('revokes an appointment after confirmation', async () => {
    const api = backend({
      RevokeAgent: () => ({ revokeAgent: { ...APPOINTMENT, status: 'REVOKED', revokedAt: '2026-11-22T09:00:00+00:00' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="agent-revoke"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('.van-dialog')?.textContent).toContain('撤销后，郑**将立即不能再代表企业办理。')
    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
    await flushPromises()
    expect(api.of('RevokeAgent')[0]?.variables).toEqual({ appointmentId: 'ap1' })
    expect(wrapper.get('[data-testid="agents-notice"]').text()).toBe('已撤销郑**的授权。')
    expect(wrapper.findAll('[data-testid="agent-item"]').map((i) => i.attributes('data-status'))).toEqual(['REVOKED', 'REVOKED'])
    expect(wrapper.find('[data-testid="agent-revoke"]').exists()).toBe(false)
  })

  it('does nothing when the confirmation is cancelled', async () => {
    const api = backend({ RevokeAgent: () => ({ revokeAgent: APPOINTMENT }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="agent-revoke"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLButtonElement>('.van-dialog__cancel')?.click()
    await flushPromises()
    expect(api.of('RevokeAgent')).toHaveLength(0)
  })

  it('goes on to appoint another agent', async () => {
    backend()
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="agents-appoint"]').trigger('click')
    await arrivedAt(router, 'enterprise-appoint')
  })

  it('tells anyone but the legal representative that this is theirs to manage', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: ENTERPRISE }),
      EnterpriseAgents: () => graphqlError('FORBIDDEN'),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain("Only the enterprise's legal representative manages its agents.")
  })
})
