import { flushPromises } from '@vue/test-utils'
import axe from 'axe-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AGENT_OF, APPOINTMENT, ENTERPRISE, ENTERPRISE_ID, REPRESENTED, STAFF_MEMBER, meActingFor, staffMe } from '@/pages/enterprise/testing'
import { ME_BASIC, mockApi, mountAt } from '@/test/identity'

/** axe-core's structural rules on the enterprise and staff pages (contrast is left to the browser run). */
async function seriousViolations() {
  document.title = 'OneTap'
  const results = await axe.run(document, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    resultTypes: ['violations'],
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

function resident() {
  return mockApi({
    Me: () => ({ me: meActingFor(null) }),
    MyEnterprises: () => ({ myEnterprises: [REPRESENTED, AGENT_OF, { ...AGENT_OF, enterpriseId: 'e3', status: 'EXPIRED' }] }),
    Enterprise: () => ({ enterprise: ENTERPRISE }),
    EnterpriseAgents: () => ({ enterpriseAgents: [APPOINTMENT, { ...APPOINTMENT, id: 'ap0', status: 'REVOKED' }] }),
    BindEnterprise: () => ({ bindEnterprise: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'creditCode', reason: 'checksum' } }),
  })
}

beforeEach(() => {
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {})
  Object.defineProperty(navigator, 'credentials', { value: { get: vi.fn(), create: vi.fn() }, configurable: true })
})
afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'credentials')
})

describe('accessibility of the enterprise and staff pages (axe-core, structural rules)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`my enterprises and bind (with errors) (${locale})`, async () => {
      resident()
      await mountAt('/enterprises', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      const { wrapper } = await mountAt('/enterprises/bind', { locale, signedInAs: true })
      await wrapper.get('[data-testid="bind-form"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    }, 15_000)

    it(`enterprise and agents (${locale})`, async () => {
      resident()
      await mountAt(`/enterprises/${ENTERPRISE_ID}`, { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      await mountAt(`/enterprises/${ENTERPRISE_ID}/agents`, { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
    }, 15_000)

    it(`appoint, with errors and the date picker open (${locale})`, async () => {
      resident()
      const appoint = await mountAt(`/enterprises/${ENTERPRISE_ID}/agents/new`, { locale, signedInAs: true })
      await appoint.wrapper.get('[data-testid="appoint-form"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
      await appoint.wrapper.get('[data-testid="appoint-expires-at"]').trigger('click')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    }, 15_000)

    it(`staff sign-in and desk (${locale})`, async () => {
      mockApi({
        Me: () => ({ me: staffMe(['window_clerk', 'platform_admin'], null) }),
        StaffMembers: () => ({ staffMembers: [STAFF_MEMBER] }),
        BeginStaffLogin: () => ({ beginStaffLogin: { __typename: 'IdentityError', code: 'ENROLMENT_CODE_REQUIRED', message: 'x' } }),
      })
      const login = await mountAt('/staff/login', { locale })
      await login.wrapper.get('[data-testid="staff-login-form"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
      const desk = await mountAt('/staff', { locale, signedInAs: true })
      await desk.wrapper.get('[data-testid="staff-create-open"]').trigger('click')
      await desk.wrapper.get('[data-testid="staff-create-form"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    }, 15_000)
  }

  it('in elder mode', async () => {
    document.documentElement.classList.add('elder-mode')
    mockApi({ Me: () => ({ me: ME_BASIC }), MyEnterprises: () => ({ myEnterprises: [REPRESENTED, AGENT_OF] }) })
    await mountAt('/enterprises', { signedInAs: true })
    expect(await seriousViolations()).toEqual([])
  })
})
