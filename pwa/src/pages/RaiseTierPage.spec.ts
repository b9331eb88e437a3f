import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { arrivedAt, fill, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'

const ME_INTERMEDIATE = { ...ME_BASIC, tier: 'INTERMEDIATE', person: { ...ME_BASIC.person!, tier: 'INTERMEDIATE' } }

afterEach(() => {
  vi.useRealTimers()
})

describe('RaiseTierPage', () => {
  it('offers every method with a working button; the face check keeps the way back', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }), TierGuide: () => ({ tierGuide: TIER_GUIDE }) })
    const { wrapper, router } = await mountAt('/me/verify?redirect=/me/phone', { signedInAs: true })
    for (const id of ['raise-face', 'raise-counter', 'raise-bank-card', 'raise-alipay', 'raise-housing-fund']) {
      expect(wrapper.get(`[data-testid="${id}"]`).attributes('disabled')).toBeUndefined()
    }
    await wrapper.get('[data-testid="raise-face"]').trigger('click')
    await arrivedAt(router, 'face-check')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/me/phone' })
  })

  it('verifies with a bank card (four elements), then returns where the step-up came from', async () => {
    let me: unknown = ME_BASIC
    const api = mockApi({
      Me: () => ({ me }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      MySessions: () => ({ mySessions: [] }),
      MyPasskeys: () => ({ myPasskeys: [] }),
      VerifyWithThirdParty: () => {
        me = ME_INTERMEDIATE
        return { verifyWithThirdParty: { __typename: 'ThirdPartyVerified', method: 'BANK_CARD', tier: 'INTERMEDIATE' } }
      },
    })
    const { wrapper, router } = await mountAt('/me/verify?redirect=/me/devices', { signedInAs: true })
    await wrapper.get('[data-testid="raise-bank-card"]').trigger('click')
    expect(wrapper.get('[data-testid="raise-bank-card"]').attributes('aria-expanded')).toBe('true')
    await fill(wrapper, 'bank-card-account', '6222 0212 3456 7890')
    await wrapper.get('[data-testid="bank-card-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="bank-card-phone-error"]').text()).toBe('请填写手机号。')
    expect(api.of('VerifyWithThirdParty')).toHaveLength(0)

    await fill(wrapper, 'bank-card-phone', '13805911234')
    await wrapper.get('[data-testid="bank-card-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('VerifyWithThirdParty')[0]?.variables).toEqual({
      method: 'BANK_CARD',
      account: '6222 0212 3456 7890',
      phone: '13805911234',
    })
    expect(wrapper.get('[data-testid="raise-success"]').text()).toContain('您已提升为中级实名')
    await wrapper.get('[data-testid="raise-continue"]').trigger('click')
    await arrivedAt(router, 'devices')
  })

  it('says which element did not match, and that a provider failure changed nothing', async () => {
    let answer: unknown = { __typename: 'VerificationFailedError', code: 'VERIFICATION_FAILED', message: 'x', failedChecks: ['account'] }
    mockApi({ Me: () => ({ me: ME_BASIC }), TierGuide: () => ({ tierGuide: TIER_GUIDE }), VerifyWithThirdParty: () => ({ verifyWithThirdParty: answer }) })
    const { wrapper } = await mountAt('/me/verify', { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="raise-alipay"]').trigger('click')
    await fill(wrapper, 'alipay-account', 'someone@example.com')
    await wrapper.get('[data-testid="alipay-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="alipay-error"]').text()).toBe('Not verified: your account did not match. Nothing was changed.')

    answer = { __typename: 'ProviderUnavailableError', code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'Alipay verification', timedOut: false }
    await wrapper.get('[data-testid="alipay-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="alipay-error"]').text()).toContain('Nothing was changed')
  })

  it('shows the counter ticket as a QR code with its expiry and notices the clerk’s confirmation', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    let me: unknown = ME_BASIC
    const expiresAt = new Date(Date.now() + 600_000).toISOString()
    const api = mockApi({
      Me: () => ({ me }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      CreateCounterTicket: () => ({ createCounterTicket: { __typename: 'CounterTicketIssued', ticket: 'tkt-abc123', expiresAt } }),
    })
    const { wrapper } = await mountAt('/me/verify', { signedInAs: true })
    await wrapper.get('[data-testid="raise-counter"]').trigger('click')
    await flushPromises()
    const qr = wrapper.get('[data-testid="counter-qr"]')
    expect(qr.attributes('role')).toBe('img')
    expect(qr.attributes('data-value')).toBe('tkt-abc123')
    expect(qr.find('path').attributes('d')).toMatch(/^M\d/)
    expect(wrapper.get('[data-testid="counter-ticket-text"]').text()).toContain('tkt-abc123')
    expect(wrapper.get('[data-testid="counter-expiry"]').text()).toMatch(/(10:00|9:5\d)后失效/)

    const before = api.of('Me').length
    vi.advanceTimersByTime(3000)
    await flushPromises()
    expect(api.of('Me').length).toBe(before + 1)
    expect(wrapper.find('[data-testid="raise-done"]').exists()).toBe(false)

    me = ME_INTERMEDIATE // the clerk has confirmed
    vi.advanceTimersByTime(3000)
    await flushPromises()
    expect(wrapper.get('[data-testid="raise-success"]').text()).toContain('中级实名')
    const polls = api.of('Me').length
    vi.advanceTimersByTime(9000)
    await flushPromises()
    expect(api.of('Me').length).toBe(polls) // polling stopped
  })

  it('offers a new ticket when the old one has expired', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      CreateCounterTicket: () => ({ createCounterTicket: { __typename: 'CounterTicketIssued', ticket: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() } }),
    })
    const { wrapper } = await mountAt('/me/verify', { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="raise-counter"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="counter-expired"]').text()).toContain('expired')
    expect(wrapper.find('[data-testid="counter-qr"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="counter-renew"]').exists()).toBe(true)
  })
})
