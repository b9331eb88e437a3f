import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { arrivedAt, fill, graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { ENTERPRISE, ENTERPRISE_ID } from './testing'

const PATH = `/enterprises/${ENTERPRISE_ID}`
const RAISED = {
  ...ENTERPRISE,
  tier: 'INTERMEDIATE' as const,
  evidence: [
    ...ENTERPRISE.evidence,
    { id: 'ev2', tier: 'INTERMEDIATE' as const, method: 'tax_account', provider: 'sandbox', verifier: null, createdAt: '2026-11-22T08:00:00+00:00', revokedAt: null, revokeReason: null },
  ],
}

afterEach(() => {
  vi.useRealTimers()
})

describe('EnterprisePage', () => {
  it('shows the enterprise, its tier and evidence, and the ways to raise it', async () => {
    const api = mockApi({ Me: () => ({ me: ME_BASIC }), Enterprise: () => ({ enterprise: ENTERPRISE }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(api.of('Enterprise')[0]?.variables).toEqual({ id: ENTERPRISE_ID })
    expect(wrapper.get('[data-testid="enterprise-name"]').text()).toBe('福州闽江数字科技有限公司')
    expect(wrapper.get('[data-testid="enterprise-credit-code"]').text()).toBe('91350102MA2XK8N32U')
    expect(wrapper.get('[data-testid="enterprise-tier"]').attributes('data-tier')).toBe('BASIC')
    const evidence = wrapper.findAll('[data-testid="enterprise-evidence-item"]')
    expect(evidence.map((e) => e.attributes('data-method'))).toEqual(['business_registry'])
    expect(evidence[0]?.text()).toContain('工商登记信息核验')

    expect(wrapper.find('[data-testid="enterprise-raise"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="enterprise-tax-account"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="enterprise-counter-create"]').exists()).toBe(true)
    // The USB-key certificate is explained, not faked: there is no control for it.
    expect(wrapper.get('[data-testid="enterprise-certificate-note"]').text()).toContain('浏览器无法直接调用')
    expect(wrapper.find('[data-testid*="certificate"] button').exists()).toBe(false)
    expect(wrapper.find('[data-testid="enterprise-agents"]').exists()).toBe(true)
  })

  it('raises the enterprise with its tax filing account', async () => {
    const api = mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: ENTERPRISE }),
      VerifyEnterpriseTaxAccount: () => ({ verifyEnterpriseTaxAccount: RAISED }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="enterprise-tax-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="enterprise-tax-account-error"]').text()).toBe('请填写报税账户。')
    expect(api.of('VerifyEnterpriseTaxAccount')).toHaveLength(0)

    await fill(wrapper, 'enterprise-tax-account', ' FZ-TAX-2026 ')
    await wrapper.get('[data-testid="enterprise-tax-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('VerifyEnterpriseTaxAccount')[0]?.variables).toEqual({ enterpriseId: ENTERPRISE_ID, taxAccount: 'FZ-TAX-2026' })
    expect(wrapper.get('[data-testid="enterprise-notice"]').text()).toBe('报税账户核验通过，企业已升为中级实名。')
    expect(wrapper.get('[data-testid="enterprise-tier"]').attributes('data-tier')).toBe('INTERMEDIATE')
    expect(wrapper.find('[data-testid="enterprise-raised"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="enterprise-tax-form"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="enterprise-evidence-item"]')).toHaveLength(2)
  })

  it.each([
    [{ __typename: 'VerificationFailedError', code: 'VERIFICATION_FAILED', message: 'x', failedChecks: ['tax_account'] }, '税务系统核验未通过：报税账户不一致'],
    [{ __typename: 'ProviderUnavailableError', code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'tax bureau', timedOut: true }, '税务系统没有及时响应'],
    [{ __typename: 'ProviderUnavailableError', code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'tax bureau', timedOut: false }, '税务系统暂时出了问题'],
  ])('explains a refused tax account %#', async (answer, words) => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: ENTERPRISE }),
      VerifyEnterpriseTaxAccount: () => ({ verifyEnterpriseTaxAccount: answer }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fill(wrapper, 'enterprise-tax-account', 'FZ-0000')
    await wrapper.get('[data-testid="enterprise-tax-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="enterprise-tax-error"]').text()).toContain(words)
    expect(wrapper.get('[data-testid="enterprise-tier"]').attributes('data-tier')).toBe('BASIC')
  })

  it('shows a counter ticket as a QR code and notices when the clerk has verified', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    let verified = false
    const expiresAt = new Date(Date.now() + 600_000).toISOString()
    const api = mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: verified ? { ...ENTERPRISE, tier: 'INTERMEDIATE' } : ENTERPRISE }),
      CreateEnterpriseCounterTicket: () => ({
        createCounterTicket: { __typename: 'CounterTicketIssued', ticket: 'tkt-ENT-123', expiresAt },
      }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="enterprise-counter-create"]').trigger('click')
    await flushPromises()
    expect(api.of('CreateEnterpriseCounterTicket')[0]?.variables).toEqual({ enterpriseId: ENTERPRISE_ID })
    const qr = wrapper.get('[data-testid="enterprise-counter-qr"]')
    expect(qr.attributes('data-value')).toBe('tkt-ENT-123')
    expect(qr.attributes('role')).toBe('img')
    expect(wrapper.get('[data-testid="enterprise-counter-ticket"]').text()).toContain('tkt-ENT-123')
    expect(wrapper.find('[data-testid="enterprise-counter-create"]').exists()).toBe(false)

    vi.advanceTimersByTime(3000)
    await flushPromises()
    expect(wrapper.find('[data-testid="enterprise-counter-qr"]').exists()).toBe(true)

    verified = true
    vi.advanceTimersByTime(3000)
    await flushPromises()
    expect(wrapper.get('[data-testid="enterprise-notice"]').text()).toBe('窗口核验完成，企业已升为中级实名。')
    expect(wrapper.get('[data-testid="enterprise-tier"]').attributes('data-tier')).toBe('INTERMEDIATE')
    expect(wrapper.find('[data-testid="enterprise-counter-qr"]').exists()).toBe(false)
  })

  it('explains a refused counter ticket', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: ENTERPRISE }),
      CreateEnterpriseCounterTicket: () => ({
        createCounterTicket: { __typename: 'RateLimitedError', code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 30 },
      }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="enterprise-counter-create"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="enterprise-counter-error"]').text()).toContain('30 秒')
  })

  it('shows an agent the enterprise but not the representative’s controls', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: { ...ENTERPRISE, viewerIsLegalRepresentative: false, legalRepresentativeName: '陈**' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.text()).toContain('陈**')
    expect(wrapper.find('[data-testid="enterprise-agent-view"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="enterprise-raise"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="enterprise-agents"]').exists()).toBe(false)
  })

  it('opens agent management', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      Enterprise: () => ({ enterprise: RAISED }),
      EnterpriseAgents: () => ({ enterpriseAgents: [] }),
    })
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="enterprise-raised"]').text()).toBe('企业已是中级实名。')
    await wrapper.get('[data-testid="enterprise-agents"]').trigger('click')
    await arrivedAt(router, 'enterprise-agents')
  })

  it('says who may see it when refused', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }), Enterprise: () => graphqlError('FORBIDDEN') })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('只有该企业的法定代表人和有效经办人可以查看')
  })
})
