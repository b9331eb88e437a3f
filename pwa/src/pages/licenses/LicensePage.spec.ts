import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { arrivedAt, graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { LICENSE, LICENSE_ID, licenseWith, offline, OFFLINE_QR_SVG, OWN_KEY, QR_SVG, SUSPENDED } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./LicensePage.vue')])
}, 60_000)

const PATH = `/licenses/${LICENSE_ID}`
const me = () => ({ Me: () => ({ me: ME_BASIC }) })
const DOWNLOAD = { __typename: 'LicenseDownload', url: 'https://objects.example/licenses/l1.pdf?X-Amz-Signature=abc', expiresAt: '2026-11-22T02:05:00+00:00' }
const src = (wrapper: { get: (s: string) => { attributes: (a: string) => string | undefined } }, testid: string) =>
  decodeURIComponent(wrapper.get(`[data-testid="${testid}"]`).attributes('src') ?? '')

describe('LicensePage', { timeout: 20_000 }, () => {
  it('shows a loading state, then the fields, validity, identifier and the QR with its URL as text', async () => {
    let answer: (value: unknown) => void = () => {}
    const api = mockApi({ ...me(), License: () => new Promise((resolve) => (answer = resolve)) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true)
    answer({ license: LICENSE })
    await flushPromises()

    expect(api.of('License')[0]?.variables).toEqual({ id: LICENSE_ID })
    expect(wrapper.get('[data-testid="license-name"]').text()).toBe('福建省居住证')
    expect(wrapper.get('[data-testid="license-status"]').attributes('data-status')).toBe('VALID')
    expect(wrapper.find('[data-testid="license-status-note"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="license-identifier"]').text()).toBe(LICENSE.identifier)
    expect(wrapper.get('[data-testid="license-valid-from"]').text()).toBe('2026年11月22日')
    expect(wrapper.get('[data-testid="license-valid-until"]').text()).toBe('2027年11月22日')
    expect(wrapper.get('[data-testid="license-department"]').text()).toBe('福州市公安局')
    const fields = wrapper.findAll('[data-testid="license-field"]').map((f) => [f.attributes('data-key'), f.get('dt').text(), f.get('dd').text()])
    expect(fields).toEqual([
      ['name', '姓名', '陈明辉'],
      ['address', '居住地址', '福州市鼓楼区五四路 1 号'],
    ])
    const qr = wrapper.get('[data-testid="license-qr"]')
    expect(qr.element.tagName).toBe('IMG')
    expect(qr.attributes('alt')).toBe('福建省居住证的核验二维码')
    expect(src(wrapper, 'license-qr')).toBe(`data:image/svg+xml;charset=utf-8,${QR_SVG}`)
    expect(wrapper.get('[data-testid="license-verify-url"]').text()).toBe('https://onetap.example/v/AB12CD34EF')
    expect(wrapper.find('[data-testid="license-share"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="license-access"]').exists()).toBe(true)
  })

  it('shows the offline code only when asked, and hides it again', async () => {
    mockApi({ ...me(), License: () => ({ license: LICENSE }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    const toggle = wrapper.get('[data-testid="license-offline-toggle"]')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(wrapper.find('[data-testid="license-offline-qr"]').exists()).toBe(false)
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(src(wrapper, 'license-offline-qr')).toBe(`data:image/svg+xml;charset=utf-8,${OFFLINE_QR_SVG}`)
    expect(wrapper.get('[data-testid="license-offline-qr"]').attributes('alt')).toBe('Offline verification code of Fujian residence permit')
    expect(toggle.text()).toBe('Hide the offline code')
    await toggle.trigger('click')
    expect(wrapper.find('[data-testid="license-offline-qr"]').exists()).toBe(false)
  })

  it('shows a suspended license’s status and the department’s reason, in both languages', async () => {
    mockApi({ ...me(), License: () => ({ license: SUSPENDED }) })
    let { wrapper } = await mountAt(`/licenses/${SUSPENDED.id}`, { signedInAs: true })
    expect(wrapper.get('[data-testid="license-status"]').text()).toBe('已暂停')
    expect(wrapper.get('[data-testid="license-status-note"]').text()).toContain('此证照已暂停使用')
    expect(wrapper.get('[data-testid="license-status-reason"]').text()).toBe('原因：经营地址核查中')
    expect(wrapper.get('[data-testid="license-valid-until"]').text()).toBe('长期有效')
    ;({ wrapper } = await mountAt(`/licenses/${SUSPENDED.id}`, { signedInAs: true, locale: 'en' }))
    expect(wrapper.get('[data-testid="license-status"]').text()).toBe('Suspended')
    expect(wrapper.get('[data-testid="license-status-reason"]').text()).toBe('Reason: 经营地址核查中')
  })

  it('never puts a QR that is not an SVG into the page', async () => {
    mockApi({ ...me(), License: () => ({ license: licenseWith({ qrSvg: '<img src=x onerror=alert(1)>' }) }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="license-qr"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="license-verify-url"]').text()).toBe(LICENSE.verifyUrl)
  })

  it('says so when the license is not there (or not mine)', async () => {
    mockApi({ ...me(), License: () => ({ license: null }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="license-not-found"]').text()).toBe('没有找到这张证照，或您无权查看。')
  })

  it('shows a failure in words and retries', async () => {
    let fail = true
    mockApi({ ...me(), License: () => (fail ? graphqlError('INTERNAL') : { license: LICENSE }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('服务出现问题，请稍后重试。')
    fail = false
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="license-qr"]').exists()).toBe(true)
  })

  it('offline, shows the stored copy with its QR; with nothing stored, the network failure', async () => {
    localStorage.setItem(OWN_KEY, JSON.stringify([LICENSE]))
    mockApi({ ...me(), License: offline })
    let { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(true)
    expect(src(wrapper, 'license-qr')).toContain(QR_SVG)

    localStorage.clear()
    ;({ wrapper } = await mountAt(PATH, { signedInAs: true }))
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('网络连接失败')
  })

  it('refreshes the stored copy when the license is fetched', async () => {
    localStorage.setItem(OWN_KEY, JSON.stringify([LICENSE]))
    mockApi({ ...me(), License: () => ({ license: licenseWith({ status: 'REVOKED', statusReason: '证照信息有误' }) }) })
    await mountAt(PATH, { signedInAs: true })
    expect((JSON.parse(localStorage.getItem(OWN_KEY) ?? '[]') as Array<{ status: string }>)[0]?.status).toBe('REVOKED')
  })

  it('downloads the PDF through a link that lasts five minutes', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const api = mockApi({ ...me(), License: () => ({ license: LICENSE }), DownloadLicense: () => ({ downloadLicense: DOWNLOAD }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="license-download"]').trigger('click')
    await flushPromises()
    expect(api.of('DownloadLicense')[0]?.variables).toEqual({ licenseId: LICENSE_ID })
    expect(open).toHaveBeenCalledWith(DOWNLOAD.url, '_blank')
    const link = wrapper.get('[data-testid="license-download-link"]')
    expect(link.attributes('href')).toBe(DOWNLOAD.url)
    expect(link.attributes('rel')).toContain('noopener')
    expect(wrapper.get('[data-testid="license-download-note"]').text()).toContain('5 分钟内有效')
  })

  it('explains a refused download in words', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    mockApi({
      ...me(),
      License: () => ({ license: LICENSE }),
      DownloadLicense: () => ({ downloadLicense: { __typename: 'LicenseError', code: 'NOT_HOLDER', message: 'not the holder' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="license-download"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="license-download-error"]').text()).toBe('Only the holder (or an agent of the holding enterprise) may do this.')
    expect(wrapper.find('[data-testid="license-download-link"]').exists()).toBe(false)
    expect(open).not.toHaveBeenCalled()
  })

  it('leads to sharing and to the access log', async () => {
    mockApi({
      ...me(),
      License: () => ({ license: LICENSE }),
      LicenseConsents: () => ({ licenseConsents: [] }),
      CityDepartments: () => ({ region: null }),
      LicenseAccessLog: () => ({ licenseAccessLog: [] }),
    })
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="license-share"]').trigger('click')
    await arrivedAt(router, 'license-share')
    await router.push(PATH)
    await flushPromises()
    await wrapper.get('[data-testid="license-access"]').trigger('click')
    await arrivedAt(router, 'license-access')
  })
})
