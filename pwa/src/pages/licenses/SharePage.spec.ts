import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { graphqlError, ME_BASIC, mockApi, mountAt, type OperationHandler } from '@/test/identity'
import { addDays, todayInFujian } from './dates'
import { CONSENT, consentWith, LICENSE, LICENSE_ID } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./SharePage.vue')])
}, 60_000)

const PATH = `/licenses/${LICENSE_ID}/share`
const DEPARTMENTS = [
  { code: '350100-RS', name: '福州市人力资源和社会保障局', nameEn: 'Fuzhou Human Resources and Social Security Bureau', category: 'social-security' },
  { code: '350100-ZJ', name: '福州市住房和城乡建设局', nameEn: 'Fuzhou Housing Bureau', category: 'housing' },
]
const region = { region: { code: '350000', name: '福建省', nameEn: 'Fujian', departments: { edges: DEPARTMENTS.map((node) => ({ node })) } } }

function backend(extra: Record<string, OperationHandler> = {}) {
  return mockApi({
    Me: () => ({ me: ME_BASIC }),
    License: () => ({ license: LICENSE }),
    LicenseConsents: () => ({ licenseConsents: [] }),
    CityDepartments: () => region,
    ...extra,
  })
}

async function fillForm(wrapper: VueWrapper, options: { purpose?: string; agree?: boolean } = {}) {
  await wrapper.get('[data-testid="share-department"]').setValue('350100-RS')
  await wrapper.get('[data-testid="share-purpose"]').setValue(options.purpose ?? '办理社保卡申领')
  if (options.agree ?? true) await wrapper.get('[data-testid="share-consent"]').setValue(true)
}

async function submit(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="share-form"]').trigger('submit')
  await flushPromises()
}

describe('SharePage', { timeout: 20_000 }, () => {
  it('refuses to share until the consent box is ticked', async () => {
    const api = backend()
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fillForm(wrapper, { agree: false })
    await submit(wrapper)
    expect(wrapper.get('[data-testid="share-consent-error"]').text()).toBe('请勾选同意后再共享。')
    expect(wrapper.get('[data-testid="share-consent"]').attributes('aria-invalid')).toBe('true')
    expect(api.of('ShareLicense')).toHaveLength(0)
  })

  it('refuses a purpose shorter than 4 characters (and an empty one)', async () => {
    const api = backend()
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fillForm(wrapper, { purpose: '社保' })
    await submit(wrapper)
    expect(wrapper.get('[data-testid="share-purpose-error"]').text()).toBe('用途至少 4 个字。')
    await wrapper.get('[data-testid="share-purpose"]').setValue('   ')
    await submit(wrapper)
    expect(wrapper.get('[data-testid="share-purpose-error"]').text()).toBe('请填写用途。')
    expect(api.of('ShareLicense')).toHaveLength(0)
  })

  it('refuses without a recipient and with a date past 365 days', async () => {
    const api = backend()
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="share-purpose"]').setValue('Social security card')
    await wrapper.get('[data-testid="share-expires"]').setValue(addDays(todayInFujian(), 366))
    await wrapper.get('[data-testid="share-consent"]').setValue(true)
    await submit(wrapper)
    expect(wrapper.get('[data-testid="share-target-error"]').text()).toBe('Choose a department or enter a service code.')
    expect(wrapper.get('[data-testid="share-expires-error"]').text()).toBe('At most 365 days ahead.')
    expect(api.of('ShareLicense')).toHaveLength(0)
  })

  it('shares with a department for 30 days by default, naming all of it in the consent sentence', async () => {
    const api = backend({ ShareLicense: () => ({ shareLicense: { __typename: 'LicenseConsent', ...CONSENT } }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    const expires = wrapper.get('[data-testid="share-expires"]')
    const defaultDay = addDays(todayInFujian(), 30)
    expect((expires.element as HTMLInputElement).value).toBe(defaultDay)
    expect(expires.attributes('max')).toBe(addDays(todayInFujian(), 365))
    await fillForm(wrapper)
    expect(wrapper.get('[data-testid="share-consent-text"]').text()).toMatch(
      /^我同意向福州市人力资源和社会保障局提供此证照（福建省居住证），用于“办理社保卡申领”，有效期至\d{4}年\d{1,2}月\d{1,2}日。$/,
    )
    await submit(wrapper)
    const input = api.of('ShareLicense')[0]?.variables.input as Record<string, unknown>
    expect(input).toEqual({
      licenseId: LICENSE_ID,
      departmentCode: '350100-RS',
      serviceItemCode: null,
      purpose: '办理社保卡申领',
      expiresAt: `${defaultDay}T23:59:59+08:00`,
    })
    expect(wrapper.get('[data-testid="share-done"]').text()).toContain('已共享给福州市人力资源和社会保障局')
    expect((wrapper.get('[data-testid="share-consent"]').element as HTMLInputElement).checked).toBe(false)
    const item = wrapper.get('[data-testid="consent-item"]')
    expect(item.attributes('data-state')).toBe('live')
    expect(item.get('[data-testid="consent-purpose"]').text()).toBe('办理社保卡申领')
  })

  it('shares for a service item by its code', async () => {
    const api = backend({
      ShareLicense: () => ({ shareLicense: { __typename: 'LicenseConsent', ...consentWith({ departmentCode: null, departmentName: null, serviceItemCode: '350100-RS-0002', serviceItemName: '社会保障卡申领' }) } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="share-target-item"]').setValue(true)
    await wrapper.get('[data-testid="share-item-code"]').setValue('350100-RS-0002')
    await wrapper.get('[data-testid="share-purpose"]').setValue('办理社保卡申领')
    await wrapper.get('[data-testid="share-consent"]').setValue(true)
    await submit(wrapper)
    const input = api.of('ShareLicense')[0]?.variables.input as Record<string, unknown>
    expect(input.departmentCode).toBeNull()
    expect(input.serviceItemCode).toBe('350100-RS-0002')
    expect(wrapper.get('[data-testid="consent-recipient"]').text()).toBe('事项 社会保障卡申领')
  })

  it('puts the server’s input problem beside its field, and a license error in the alert', async () => {
    let answer: unknown = { shareLicense: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'purpose', reason: 'too_long' } }
    backend({ ShareLicense: () => answer })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fillForm(wrapper)
    await submit(wrapper)
    expect(wrapper.get('[data-testid="share-purpose-error"]').text()).toBe('用途最多 200 个字。')
    answer = { shareLicense: { __typename: 'LicenseError', code: 'NOT_HOLDER', message: 'x' } }
    await submit(wrapper)
    expect(wrapper.get('[data-testid="share-error"]').text()).toBe('只有持证人（或其授权的企业经办人）可以这样做。')
  })

  it('takes a department code when the list of departments cannot be loaded', async () => {
    const api = backend({ CityDepartments: () => graphqlError('INTERNAL'), ShareLicense: () => ({ shareLicense: { __typename: 'LicenseConsent', ...CONSENT } }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="share-department"]').exists()).toBe(false)
    await wrapper.get('[data-testid="share-department-code"]').setValue('350100-RS')
    await wrapper.get('[data-testid="share-purpose"]').setValue('办理社保卡申领')
    await wrapper.get('[data-testid="share-consent"]').setValue(true)
    await submit(wrapper)
    expect((api.of('ShareLicense')[0]?.variables.input as Record<string, unknown>).departmentCode).toBe('350100-RS')
  })

  it('lists the consents as in force, expired or withdrawn, in both languages', async () => {
    const consents = [
      consentWith({ id: 'c1', createdAt: '2026-11-20T03:00:00+00:00' }),
      consentWith({ id: 'c2', live: false, expiresAt: '2026-11-21T03:00:00+00:00', createdAt: '2026-11-19T03:00:00+00:00' }),
      consentWith({ id: 'c3', live: false, withdrawnAt: '2026-11-21T05:00:00+00:00', createdAt: '2026-11-21T03:00:00+00:00' }),
    ]
    backend({ LicenseConsents: () => ({ licenseConsents: consents }) })
    let { wrapper } = await mountAt(PATH, { signedInAs: true })
    const items = () => wrapper.findAll('[data-testid="consent-item"]')
    expect(items().map((i) => [i.attributes('data-consent-id'), i.attributes('data-state')])).toEqual([
      ['c3', 'withdrawn'],
      ['c1', 'live'],
      ['c2', 'expired'],
    ])
    expect(items().map((i) => i.get('[data-testid="consent-state"]').text())).toEqual(['已撤回', '有效', '已过期'])
    expect(items().map((i) => i.find('[data-testid="consent-withdraw"]').exists())).toEqual([false, true, false])
    ;({ wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' }))
    expect(items().map((i) => i.get('[data-testid="consent-state"]').text())).toEqual(['Withdrawn', 'In force', 'Expired'])
  })

  it('withdraws a consent after confirmation, and not when cancelled', async () => {
    const api = backend({
      LicenseConsents: () => ({ licenseConsents: [CONSENT] }),
      WithdrawLicenseConsent: () => ({
        withdrawLicenseConsent: { __typename: 'LicenseConsent', ...consentWith({ live: false, withdrawnAt: '2026-11-23T03:00:00+00:00' }) },
      }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="consent-withdraw"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('.van-dialog')?.textContent).toContain('撤回后，福州市人力资源和社会保障局将不能再调阅此证照。')
    document.querySelector<HTMLButtonElement>('.van-dialog__cancel')?.click()
    await flushPromises()
    expect(api.of('WithdrawLicenseConsent')).toHaveLength(0)

    await wrapper.get('[data-testid="consent-withdraw"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
    await flushPromises()
    expect(api.of('WithdrawLicenseConsent')[0]?.variables).toEqual({ consentId: 'c1' })
    expect(wrapper.get('[data-testid="consent-item"]').attributes('data-state')).toBe('withdrawn')
    expect(wrapper.get('[data-testid="consents-notice"]').text()).toBe('已撤回对福州市人力资源和社会保障局的授权。')
    expect(wrapper.find('[data-testid="consent-withdraw"]').exists()).toBe(false)
  })

  it('shows loading, then an empty list of consents; and the license’s load failure in words', async () => {
    let answer: (value: unknown) => void = () => {}
    backend({ LicenseConsents: () => new Promise((resolve) => (answer = resolve)) })
    let { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('.consents [data-testid="state-loading"]').exists()).toBe(true)
    answer({ licenseConsents: [] })
    await flushPromises()
    expect(wrapper.get('[data-testid="consents-empty"]').text()).toBe('还没有共享过这张证照。')

    backend({ License: () => graphqlError('FORBIDDEN') })
    ;({ wrapper } = await mountAt(PATH, { signedInAs: true }))
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('您没有权限进行这项操作。')
    expect(wrapper.find('[data-testid="share-form"]').exists()).toBe(false)
  })
})
