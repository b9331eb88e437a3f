import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { arrivedAt, graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { LICENSE_CONTEXT_KEY } from './store'
import { ENTERPRISE_ID, LICENSE, LICENSE_ID, ME_ACTING, offline, OWN_KEY, QR_SVG, SUSPENDED } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./WalletPage.vue'), import('./LicensePage.vue')])
}, 60_000)

const me = (value = ME_BASIC) => ({ Me: () => ({ me: value }), Logout: () => ({ logout: true }) })

describe('WalletPage', { timeout: 20_000 }, () => {
  it('shows a loading state, then a card per license with department, status and validity', async () => {
    let answer: (value: unknown) => void = () => {}
    mockApi({ ...me(), MyLicenses: () => new Promise((resolve) => (answer = resolve)) })
    const { wrapper } = await mountAt('/licenses', { signedInAs: true })
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true)

    answer({ myLicenses: [LICENSE, SUSPENDED] })
    await flushPromises()
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(false)
    const cards = wrapper.findAll('[data-testid="license-card"]')
    expect(cards.map((c) => c.attributes('data-status'))).toEqual(['VALID', 'SUSPENDED'])
    expect(cards[0]?.get('[data-testid="license-card-name"]').text()).toBe('福建省居住证')
    expect(cards[0]?.get('[data-testid="license-card-department"]').text()).toBe('福州市公安局')
    expect(cards[0]?.get('[data-testid="license-status"]').text()).toBe('有效')
    expect(cards[0]?.get('[data-testid="license-card-valid-until"]').text()).toBe('有效期至 2027年11月22日')
    expect(cards[1]?.get('[data-testid="license-status"]').text()).toBe('已暂停')
    expect(cards[1]?.get('[data-testid="license-card-valid-until"]').text()).toBe('长期有效')
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(false)
  })

  it('names every status in English', async () => {
    const statuses = ['VALID', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: statuses.map((status, i) => ({ ...LICENSE, id: `l${i}`, status })) }) })
    const { wrapper } = await mountAt('/licenses', { signedInAs: true, locale: 'en' })
    expect(wrapper.findAll('[data-testid="license-status"]').map((s) => s.text())).toEqual(['Valid', 'Suspended', 'Revoked', 'Expired'])
    expect(wrapper.get('[data-testid="license-card-valid-until"]').text()).toBe('Valid until November 22, 2027')
    expect(wrapper.get('[data-testid="license-card-name"]').text()).toBe('Fujian residence permit')
  })

  it('says so when there are no licenses yet', async () => {
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: [] }) })
    const { wrapper } = await mountAt('/licenses', { signedInAs: true })
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('还没有电子证照')
    expect(wrapper.find('[data-testid="license-card"]').exists()).toBe(false)
  })

  it('shows a refusal in words and retries', async () => {
    let fail = true
    const api = mockApi({ ...me(), MyLicenses: () => (fail ? graphqlError('FORBIDDEN') : { myLicenses: [LICENSE] }) })
    const { wrapper } = await mountAt('/licenses', { signedInAs: true })
    const error = wrapper.get('[data-testid="state-error"]')
    expect(error.text()).toContain('证照加载失败')
    expect(error.text()).toContain('您没有权限进行这项操作。')
    fail = false
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(api.of('MyLicenses')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="license-card"]')).toHaveLength(1)
  })

  it('opens a license from its card', async () => {
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: [LICENSE] }), License: () => ({ license: LICENSE }) })
    const { wrapper, router } = await mountAt('/licenses', { signedInAs: true })
    await wrapper.get('[data-testid="license-card"]').trigger('click')
    await arrivedAt(router, 'license')
    expect(router.currentRoute.value.params.id).toBe(LICENSE_ID)
  })

  it('keeps the list, QR codes included, under the signed-in subject', async () => {
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: [LICENSE] }) })
    await mountAt('/licenses', { signedInAs: true })
    const stored = JSON.parse(localStorage.getItem(OWN_KEY) ?? 'null') as Array<typeof LICENSE>
    expect(stored.map((l) => l.id)).toEqual([LICENSE_ID])
    expect(stored[0]?.qrSvg).toBe(QR_SVG)
    expect(stored[0]?.offlineQrSvg).toBe(LICENSE.offlineQrSvg)
    expect(localStorage.getItem(LICENSE_CONTEXT_KEY)).toBe('person:1|self')
  })

  it('offline, shows the stored list under the offline banner, and its QR on the license', async () => {
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: [LICENSE, SUSPENDED] }) })
    await mountAt('/licenses', { signedInAs: true })

    mockApi({ ...me(), MyLicenses: offline, License: offline })
    const { wrapper, router } = await mountAt('/licenses', { signedInAs: true })
    expect(wrapper.get('[data-testid="offline-banner"]').attributes('data-reason')).toBe('cached')
    expect(wrapper.findAll('[data-testid="license-card"]').map((c) => c.attributes('data-license-id'))).toEqual([LICENSE_ID, SUSPENDED.id])
    expect(wrapper.find('[data-testid="state-error"]').exists()).toBe(false)

    await wrapper.get('[data-testid="license-card"]').trigger('click')
    await arrivedAt(router, 'license')
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(true)
    const qr = wrapper.get('[data-testid="license-qr"]')
    expect(decodeURIComponent(qr.attributes('src') ?? '')).toBe(`data:image/svg+xml;charset=utf-8,${QR_SVG}`)
    expect(wrapper.get('[data-testid="license-verify-url"]').text()).toBe(LICENSE.verifyUrl)
    await wrapper.get('[data-testid="license-offline-toggle"]').trigger('click')
    expect(decodeURIComponent(wrapper.get('[data-testid="license-offline-qr"]').attributes('src') ?? '')).toContain('<title>offline</title>')
  })

  it('offline with nothing stored, says the network failed', async () => {
    mockApi({ ...me(), MyLicenses: offline })
    const { wrapper } = await mountAt('/licenses', { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('网络连接失败')
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(false)
  })

  it('while acting for an enterprise, lists and keeps the enterprise’s licenses apart from my own', async () => {
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: [LICENSE] }) })
    await mountAt('/licenses', { signedInAs: true })

    const enterpriseLicense = { ...SUSPENDED, holderKind: 'ENTERPRISE' as const, holderName: '福州闽江数字科技有限公司' }
    mockApi({ ...me(ME_ACTING), MyLicenses: () => ({ myLicenses: [enterpriseLicense] }), MyEnterprises: () => ({ myEnterprises: [] }) })
    const { wrapper } = await mountAt('/licenses', { signedInAs: true })
    expect(wrapper.get('[data-testid="wallet-intro"]').text()).toBe('以下是您正在代表的企业的电子证照。')
    expect(wrapper.findAll('[data-testid="license-card"]').map((c) => c.attributes('data-license-id'))).toEqual([SUSPENDED.id])
    const key = `onetap:cache:licenses:person:1|enterprise:${ENTERPRISE_ID}`
    expect((JSON.parse(localStorage.getItem(key) ?? '[]') as Array<{ id: string }>).map((l) => l.id)).toEqual([SUSPENDED.id])
    // My own copy is still mine, and offline the enterprise's list is not mixed with it.
    expect((JSON.parse(localStorage.getItem(OWN_KEY) ?? '[]') as Array<{ id: string }>).map((l) => l.id)).toEqual([LICENSE_ID])
  })

  it('keeps one person’s copy only, and forgets it on sign-out', async () => {
    localStorage.setItem('onetap:cache:licenses:person:2|self', JSON.stringify([LICENSE]))
    mockApi({ ...me(), MyLicenses: () => ({ myLicenses: [LICENSE] }) })
    const { auth } = await mountAt('/licenses', { signedInAs: true })
    expect(localStorage.getItem('onetap:cache:licenses:person:2|self')).toBeNull()
    expect(localStorage.getItem(OWN_KEY)).not.toBeNull()

    await auth.signOut()
    expect(localStorage.getItem(OWN_KEY)).toBeNull()
    expect(localStorage.getItem(LICENSE_CONTEXT_KEY)).toBeNull()
  })
})
