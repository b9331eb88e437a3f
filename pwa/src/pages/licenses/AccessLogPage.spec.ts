import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { ACCESS, LICENSE_ID } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./AccessLogPage.vue')])
}, 60_000)

const PATH = `/licenses/${LICENSE_ID}/access`
const me = () => ({ Me: () => ({ me: ME_BASIC }) })

describe('AccessLogPage', { timeout: 20_000 }, () => {
  it('shows a loading state, then every access newest first, refusals with their reason in words', async () => {
    let answer: (value: unknown) => void = () => {}
    const api = mockApi({ ...me(), LicenseAccessLog: () => new Promise((resolve) => (answer = resolve)) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true)
    answer({ licenseAccessLog: ACCESS }) // oldest first: the page still shows the newest first
    await flushPromises()

    expect(api.of('LicenseAccessLog')[0]?.variables).toEqual({ licenseId: LICENSE_ID })
    const entries = wrapper.findAll('[data-testid="access-entry"]')
    expect(entries.map((e) => e.attributes('data-granted'))).toEqual(['false', 'true'])
    expect(entries[0]?.get('[data-testid="access-department"]').text()).toBe('福州市住房和城乡建设局')
    expect(entries[0]?.get('[data-testid="access-purpose"]').text()).toBe('用途：核对住房信息')
    expect(entries[0]?.get('[data-testid="access-result"]').text()).toBe('已拒绝：没有您的有效授权')
    expect(entries[0]?.get('[data-testid="access-at"]').attributes('datetime')).toBe('2026-11-24T02:00:00+00:00')
    expect(entries[0]?.get('[data-testid="access-at"]').text()).toBe('2026/11/24 10:00')
    expect(entries[1]?.get('[data-testid="access-result"]').text()).toBe('已提供')
  })

  it('words each refusal in English', async () => {
    const refusals = ['CONSENT_REQUIRED', 'CONSENT_EXPIRED', 'CONSENT_WITHDRAWN']
    const log = refusals.map((refusal, i) => ({ ...ACCESS[1]!, id: `r${i}`, refusal, at: `2026-11-2${5 - i}T02:00:00+00:00` }))
    mockApi({ ...me(), LicenseAccessLog: () => ({ licenseAccessLog: log }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    expect(wrapper.findAll('[data-testid="access-result"]').map((r) => r.text())).toEqual([
      'Refused: no consent from you in force',
      'Refused: your consent had expired',
      'Refused: you had withdrawn your consent',
    ])
  })

  it('says so when nobody has accessed the license', async () => {
    mockApi({ ...me(), LicenseAccessLog: () => ({ licenseAccessLog: [] }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('这张证照还没有被调阅过。')
  })

  it('shows a failure in words and retries', async () => {
    let fail = true
    mockApi({ ...me(), LicenseAccessLog: () => (fail ? graphqlError('FORBIDDEN') : { licenseAccessLog: ACCESS }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('调阅记录加载失败')
    fail = false
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="access-entry"]')).toHaveLength(2)
  })
})
