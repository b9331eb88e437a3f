import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, fill, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'

const ME_INTERMEDIATE = { ...ME_BASIC, tier: 'INTERMEDIATE', person: { ...ME_BASIC.person!, tier: 'INTERMEDIATE' } }
const sent = () => ({ sendSmsCode: { __typename: 'SmsCodeSent', expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfterSeconds: 60 } })

describe('ChangePhonePage', () => {
  it('sends a basic person to raise their level first, and back here afterwards', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }), TierGuide: () => ({ tierGuide: TIER_GUIDE }) })
    const { router } = await mountAt('/me/phone', { signedInAs: true })
    await arrivedAt(router, 'raise-tier')
    expect(router.currentRoute.value.query.redirect).toBe('/me/phone')
  })

  it('changes the phone with a CHANGE_PHONE code sent to the new phone', async () => {
    const api = mockApi({
      Me: () => ({ me: ME_INTERMEDIATE }),
      SendSmsCode: sent,
      SandboxSmsInbox: () => ({ sandboxSmsInbox: [] }),
      ChangePhone: () => ({ changePhone: { __typename: 'PhoneChanged', maskedPhone: '139****8888' } }),
    })
    const { wrapper } = await mountAt('/me/phone', { signedInAs: true })
    expect(wrapper.get('[data-testid="change-phone-current"]').text()).toContain('138****1234')
    await fill(wrapper, 'change-phone-new', '13912348888')
    await wrapper.get('[data-testid="change-phone-send-code"]').trigger('click')
    await flushPromises()
    expect(api.of('SendSmsCode')[0]?.variables).toEqual({ phone: '13912348888', purpose: 'CHANGE_PHONE' })
    await fill(wrapper, 'change-phone-sms-code', '123456')
    await wrapper.get('[data-testid="change-phone-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('ChangePhone')[0]?.variables).toEqual({ newPhone: '13912348888', smsCode: '123456' })
    expect(wrapper.get('[data-testid="change-phone-done"]').text()).toContain('139****8888')
  })

  it('puts the API’s objections on the right field', async () => {
    let answer: unknown = { __typename: 'IdentityError', code: 'ALREADY_EXISTS', message: 'x' }
    mockApi({ Me: () => ({ me: ME_INTERMEDIATE }), ChangePhone: () => ({ changePhone: answer }) })
    const { wrapper } = await mountAt('/me/phone', { signedInAs: true, locale: 'en' })
    await fill(wrapper, 'change-phone-new', '13912348888')
    await fill(wrapper, 'change-phone-sms-code', '123456')
    await wrapper.get('[data-testid="change-phone-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="change-phone-new-error"]').text()).toBe('This phone number already belongs to another account.')

    answer = { __typename: 'IdentityError', code: 'CODE_INVALID', message: 'x' }
    await wrapper.get('[data-testid="change-phone-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="change-phone-sms-code-error"]').exists()).toBe(true)
  })
})
