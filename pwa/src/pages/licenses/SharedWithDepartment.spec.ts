import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { graphqlError, mockApi, mountAt, type OperationHandler } from '@/test/identity'
import { staffMe } from '@/pages/enterprise/testing'
import { CONSENT, deskStaff, GRANTS, LICENSE, LICENSE_ID, OTHER_LICENSE_ID, summaryOf } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./StaffLicensesPage.vue')])
}, 60_000)

const PATH = '/staff/licenses'

function backend(extra: Record<string, OperationHandler> = {}, roles: string[] = ['window_clerk']) {
  return mockApi({
    Me: () => ({ me: deskStaff(roles) }),
    DepartmentLicenses: () => ({ departmentLicenses: [] }),
    LicensesSharedWithMyDepartment: () => ({ licensesSharedWithMyDepartment: GRANTS }),
    DepartmentSeals: () => ({ seals: [] }),
    ...extra,
  })
}

describe('licenses shared with my department (staff page)', { timeout: 20_000 }, () => {
  it('lists the consents in force, newest first, with the holder masked and no license contents', async () => {
    const api = backend()
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(api.of('LicensesSharedWithMyDepartment')).toHaveLength(1)
    const rows = wrapper.findAll('[data-testid="desk-shared-grant"]')
    expect(rows.map((r) => [r.attributes('data-consent-id'), r.attributes('data-license-id')])).toEqual([
      ['k2', OTHER_LICENSE_ID],
      ['k1', LICENSE_ID],
    ])
    const [business, permit] = rows
    expect(permit!.get('[data-testid="desk-shared-name"]').text()).toBe('福建省居住证')
    expect(permit!.get('[data-testid="desk-shared-holder"]').text()).toBe('陈**')
    expect(permit!.get('[data-testid="desk-shared-purpose"]').text()).toBe('办理落户手续')
    expect(permit!.get('[data-testid="desk-shared-expires"]').attributes('datetime')).toBe('2026-12-22T15:59:59+00:00')
    expect(permit!.get('[data-testid="desk-shared-expires"]').text()).toContain('2026')
    expect(permit!.find('[data-testid="desk-shared-item"]').exists()).toBe(false)
    expect(business!.get('[data-testid="desk-shared-holder"]').text()).toBe('福州闽江茶业有限公司')
    expect(business!.get('[data-testid="desk-shared-item"]').text()).toBe('户口迁入（350100-GA-0007）')
    expect(business!.get('[data-testid="desk-shared-read"]').attributes('aria-label')).toBe('调阅福州闽江茶业有限公司的个体工商户营业执照')
    // Listing is not reading: nothing was read, and nothing of the license is on the page.
    expect(api.of('ReadSharedLicense')).toHaveLength(0)
    expect(wrapper.find('[data-testid="desk-license-read-result"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="desk-shared"]').text()).not.toContain('五四路')
  })

  it('“Read” fills the form with the license and asks for the purpose, then reads', async () => {
    const api = backend({
      ReadSharedLicense: () => ({ readSharedLicense: { __typename: 'SharedLicense', license: summaryOf(LICENSE), consent: CONSENT } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.findAll('[data-testid="desk-shared-read"]')[1]!.trigger('click')
    expect((wrapper.get('[data-testid="desk-license-read-id"]').element as HTMLInputElement).value).toBe(LICENSE_ID)
    expect(document.activeElement?.getAttribute('data-testid')).toBe('desk-license-read-purpose')
    expect(wrapper.get('[data-testid="desk-license-read-chosen"]').text()).toBe(
      '已选择陈**的福建省居住证，持证人同意的用途：办理落户手续。请填写本次调阅用途。',
    )
    expect(api.of('ReadSharedLicense')).toHaveLength(0)

    await wrapper.get('[data-testid="desk-license-read-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-license-read-purpose-error"]').text()).toBe('请填写用途。')
    expect(api.of('ReadSharedLicense')).toHaveLength(0)

    await wrapper.get('[data-testid="desk-license-read-purpose"]').setValue('办理落户手续')
    await wrapper.get('[data-testid="desk-license-read-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('ReadSharedLicense')[0]?.variables).toEqual({ licenseId: LICENSE_ID, purpose: '办理落户手续' })
    expect(wrapper.get('[data-testid="desk-license-read-result"]').attributes('data-granted')).toBe('true')

    // Typing another id drops the note about the chosen license.
    await wrapper.get('[data-testid="desk-license-read-id"]').setValue(OTHER_LICENSE_ID)
    expect(wrapper.find('[data-testid="desk-license-read-chosen"]').exists()).toBe(false)
  })

  it('shows the list again after a refused read, without the consent that ended', async () => {
    let listed = GRANTS
    const api = backend({
      LicensesSharedWithMyDepartment: () => ({ licensesSharedWithMyDepartment: listed }),
      ReadSharedLicense: () => ({ readSharedLicense: { __typename: 'LicenseError', code: 'CONSENT_WITHDRAWN', message: 'x' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.findAll('[data-testid="desk-shared-read"]')[1]!.trigger('click')
    await wrapper.get('[data-testid="desk-license-read-purpose"]').setValue('办理落户手续')
    listed = GRANTS.slice(0, 1)
    await wrapper.get('[data-testid="desk-license-read-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-license-read-refused"]').attributes('data-code')).toBe('CONSENT_WITHDRAWN')
    expect(api.of('LicensesSharedWithMyDepartment')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="desk-shared-grant"]').map((r) => r.attributes('data-consent-id'))).toEqual(['k2'])
  })

  it('says when nothing is shared, and a failure to load in words with a retry', async () => {
    let fail = true
    const api = backend({
      LicensesSharedWithMyDepartment: () => (fail ? graphqlError('FORBIDDEN') : { licensesSharedWithMyDepartment: [] }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="desk-shared-error"]').text()).toBe('共享列表加载失败：您没有权限进行这项操作。')
    expect(wrapper.find('[data-testid="desk-shared-list"]').exists()).toBe(false)
    fail = false
    await wrapper.get('[data-testid="desk-shared-retry"]').trigger('click')
    await flushPromises()
    expect(api.of('LicensesSharedWithMyDepartment')).toHaveLength(2)
    expect(wrapper.find('[data-testid="desk-shared-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="desk-shared-empty"]').text()).toBe('目前没有共享给本部门的有效授权。')
  })

  it('shows a loading state, then the list in English', async () => {
    let answer: (value: unknown) => void = () => {}
    backend({ LicensesSharedWithMyDepartment: () => new Promise((resolve) => (answer = resolve)) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="desk-shared-loading"]').text()).toBe('Loading the licenses shared with your department…')
    answer({ licensesSharedWithMyDepartment: GRANTS })
    await flushPromises()
    expect(wrapper.find('[data-testid="desk-shared-loading"]').exists()).toBe(false)
    const names = wrapper.findAll('[data-testid="desk-shared-name"]').map((n) => n.text())
    expect(names).toEqual(['Individual business license', 'Fujian residence permit'])
    expect(wrapper.get('[data-testid="desk-shared-item"]').text()).toBe('户口迁入 (350100-GA-0007)')
    expect(wrapper.findAll('[data-testid="desk-shared-read"]')[1]!.attributes('aria-label')).toBe('Read 陈**’s Fujian residence permit')
  })

  it('is not offered to staff without a department', async () => {
    const api = mockApi({ Me: () => ({ me: staffMe(['supervisor'], null) }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="desk-shared"]').exists()).toBe(false)
    expect(api.of('LicensesSharedWithMyDepartment')).toHaveLength(0)
  })
})
