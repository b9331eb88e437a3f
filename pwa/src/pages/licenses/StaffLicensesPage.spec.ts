import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { graphqlError, ME_BASIC, mockApi, mountAt, type OperationHandler } from '@/test/identity'
import { staffMe } from '@/pages/enterprise/testing'
import { CONSENT, deskStaff, LICENSE, LICENSE_ID, summaryOf, SUSPENDED } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./StaffLicensesPage.vue')])
}, 60_000)

const PATH = '/staff/licenses'
const ROWS = [summaryOf(LICENSE), summaryOf(SUSPENDED)]

function backend(roles: string[] = ['approver'], extra: Record<string, OperationHandler> = {}) {
  return mockApi({
    Me: () => ({ me: deskStaff(roles) }),
    DepartmentLicenses: () => ({ departmentLicenses: ROWS }),
    LicensesSharedWithMyDepartment: () => ({ licensesSharedWithMyDepartment: [] }),
    DepartmentSeals: () => ({ seals: [] }),
    ...extra,
  })
}

function dialog() {
  return document.querySelector('[data-testid="desk-reason-dialog"]')
}

async function typeReason(text: string) {
  const area = document.querySelector<HTMLTextAreaElement>('[data-testid="desk-reason"]')!
  area.value = text
  area.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function confirm() {
  document.querySelector<HTMLButtonElement>('[data-testid="desk-reason-confirm"]')?.click()
  await flushPromises()
}

describe('StaffLicensesPage', { timeout: 20_000 }, () => {
  it('is for staff: a resident is sent to the staff sign-in', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-signed-out"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="desk-login"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="desk-license-list"]').exists()).toBe(false)
  })

  it('is for staff: a signed-out visitor is sent to the staff sign-in', async () => {
    const api = mockApi({})
    const { wrapper } = await mountAt(PATH)
    expect(wrapper.find('[data-testid="desk-login"]').exists()).toBe(true)
    expect(api.of('DepartmentLicenses')).toHaveLength(0)
  })

  it('is for staff of a department', async () => {
    mockApi({ Me: () => ({ me: staffMe(['supervisor'], null) }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
  })

  it('lists the latest licenses, then finds by identifier or case number', async () => {
    let answer: (value: unknown) => void = () => {}
    const api = backend(['approver'], { DepartmentLicenses: () => new Promise((resolve) => (answer = resolve)) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true)
    answer({ departmentLicenses: ROWS })
    await flushPromises()
    expect(api.of('DepartmentLicenses')[0]?.variables).toEqual({ query: null })
    const rows = wrapper.findAll('[data-testid="desk-license"]')
    expect(rows.map((r) => r.attributes('data-status'))).toEqual(['VALID', 'SUSPENDED'])
    expect(rows[0]?.get('[data-testid="desk-license-holder"]').text()).toBe('陈*辉')
    expect(rows[0]?.get('[data-testid="desk-license-identifier"]').text()).toBe(LICENSE.identifier)
    expect(rows[0]?.get('[data-testid="desk-license-status"]').text()).toBe('有效')
    expect(rows[1]?.get('[data-testid="desk-license-reason"]').text()).toBe('经营地址核查中')
    expect(rows[0]?.findAll('button').map((b) => b.attributes('data-testid'))).toEqual(['desk-license-suspend', 'desk-license-revoke', 'desk-license-read'])
    expect(rows[1]?.findAll('button').map((b) => b.attributes('data-testid'))).toEqual(['desk-license-reinstate', 'desk-license-revoke', 'desk-license-read'])

    const next = backend(['approver'], { DepartmentLicenses: () => ({ departmentLicenses: [] }) })
    await wrapper.get('[data-testid="desk-licenses-query"]').setValue(' 350100-20261120-000123-7 ')
    await wrapper.get('[data-testid="desk-licenses-search-form"]').trigger('submit')
    await flushPromises()
    expect(next.of('DepartmentLicenses')[0]?.variables).toEqual({ query: '350100-20261120-000123-7' })
    expect(wrapper.get('[data-testid="desk-licenses-empty"]').text()).toBe('没有找到证照。')
  })

  it('revokes with a reason, which it asks for first, and shows the returned status', async () => {
    const api = backend(['approver'], {
      RevokeLicense: (v) => ({
        revokeLicense: { __typename: 'License', ...summaryOf(LICENSE), status: 'REVOKED', statusReason: String(v.reason), statusChangedAt: '2026-11-25T02:00:00+00:00' },
      }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-license-revoke"]').trigger('click')
    await flushPromises()
    expect(dialog()?.textContent).toContain('撤销证照')
    expect(dialog()?.textContent).toContain('撤销是最终的')
    await confirm()
    expect(document.querySelector('[data-testid="desk-reason-error"]')?.textContent).toBe('请填写原因。')
    expect(api.of('RevokeLicense')).toHaveLength(0)

    await typeReason('证照信息有误，已重新签发')
    await confirm()
    expect(api.of('RevokeLicense')[0]?.variables).toEqual({ licenseId: LICENSE_ID, reason: '证照信息有误，已重新签发' })
    const row = wrapper.findAll('[data-testid="desk-license"]')[0]!
    expect(row.attributes('data-status')).toBe('REVOKED')
    expect(row.get('[data-testid="desk-license-status"]').text()).toBe('已撤销')
    expect(row.get('[data-testid="desk-license-reason"]').text()).toBe('证照信息有误，已重新签发')
    expect(row.find('[data-testid="desk-license-revoke"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="desk-licenses-notice"]').text()).toBe('已撤销：福建省居住证，现在的状态：已撤销。')
  })

  it('suspends and reinstates in English, and explains a refusal in words', async () => {
    const api = backend(['department_admin'], {
      SuspendLicense: () => ({ suspendLicense: { __typename: 'LicenseError', code: 'NOT_ALLOWED', message: 'x' } }),
      ReinstateLicense: () => ({ reinstateLicense: { __typename: 'License', ...summaryOf(SUSPENDED), status: 'VALID', statusReason: null } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="desk-license-suspend"]').trigger('click')
    await flushPromises()
    await typeReason('Address under review')
    await confirm()
    expect(api.of('SuspendLicense')[0]?.variables).toEqual({ licenseId: LICENSE_ID, reason: 'Address under review' })
    expect(wrapper.get('[data-testid="desk-licenses-notice"]').text()).toBe(
      'The license’s current status does not allow this. Refresh to see it as it is now.',
    )
    expect(api.of('DepartmentLicenses')).toHaveLength(2) // reloaded to show it as it is

    await wrapper.findAll('[data-testid="desk-license"]')[1]!.get('[data-testid="desk-license-reinstate"]').trigger('click')
    await flushPromises()
    await typeReason('Address confirmed')
    await confirm()
    expect(wrapper.findAll('[data-testid="desk-license"]')[1]?.attributes('data-status')).toBe('VALID')
    expect(wrapper.get('[data-testid="desk-licenses-notice"]').text()).toBe('Reinstate: Individual business license. Status now: Valid.')
  })

  it('offers window clerks no status changes', async () => {
    backend(['window_clerk'])
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-license-revoke"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="desk-license-suspend"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="desk-licenses-read-only"]').exists()).toBe(true)
    expect(wrapper.findAll('[data-testid="desk-license-read"]')).toHaveLength(2)
  })

  it('shows a failure to load in words', async () => {
    backend(['approver'], { DepartmentLicenses: () => graphqlError('FORBIDDEN') })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('您没有权限进行这项操作。')
  })

  it('reads a license under a live consent and shows its fields', async () => {
    const api = backend(['window_clerk'], {
      ReadSharedLicense: () => ({ readSharedLicense: { __typename: 'SharedLicense', license: summaryOf(LICENSE), consent: CONSENT } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-license-read"]').trigger('click')
    expect((wrapper.get('[data-testid="desk-license-read-id"]').element as HTMLInputElement).value).toBe(LICENSE_ID)
    await wrapper.get('[data-testid="desk-license-read-purpose"]').setValue('社保')
    await wrapper.get('[data-testid="desk-license-read-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-license-read-purpose-error"]').text()).toBe('用途至少 4 个字。')
    expect(api.of('ReadSharedLicense')).toHaveLength(0)

    await wrapper.get('[data-testid="desk-license-read-purpose"]').setValue('办理社保卡申领')
    await wrapper.get('[data-testid="desk-license-read-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('ReadSharedLicense')[0]?.variables).toEqual({ licenseId: LICENSE_ID, purpose: '办理社保卡申领' })
    const result = wrapper.get('[data-testid="desk-license-read-result"]')
    expect(result.attributes('data-granted')).toBe('true')
    expect(result.findAll('[data-testid="desk-license-read-field"]').map((f) => f.get('dd').text())).toEqual(['陈明辉', '福州市鼓楼区五四路 1 号'])
    expect(result.get('[data-testid="desk-license-read-consent"]').text()).toContain('授权用途：办理社保卡申领')
  })

  it('shows each refusal in words: no consent, expired, withdrawn', async () => {
    let code = 'CONSENT_REQUIRED'
    backend(['window_clerk'], { ReadSharedLicense: () => ({ readSharedLicense: { __typename: 'LicenseError', code, message: 'x' } }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-license-read-id"]').setValue(LICENSE_ID)
    await wrapper.get('[data-testid="desk-license-read-purpose"]').setValue('核对住房信息')
    const words: string[] = []
    for (const next of ['CONSENT_REQUIRED', 'CONSENT_EXPIRED', 'CONSENT_WITHDRAWN']) {
      code = next
      await wrapper.get('[data-testid="desk-license-read-form"]').trigger('submit')
      await flushPromises()
      const refused = wrapper.get('[data-testid="desk-license-read-refused"]')
      expect(refused.attributes('data-code')).toBe(next)
      words.push(refused.text())
    }
    expect(words).toEqual([
      '调阅被拒绝：没有您的有效授权。此次尝试已记录。',
      '调阅被拒绝：您的授权已过期。此次尝试已记录。',
      '调阅被拒绝：您已撤回授权。此次尝试已记录。',
    ])
    expect(wrapper.get('[data-testid="desk-license-read-result"]').attributes('data-granted')).toBe('false')
  })
})
