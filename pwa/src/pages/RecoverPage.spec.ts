import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, fill, ME_BASIC, mockApi, mountAt, TIER_GUIDE, tokens } from '@/test/identity'

async function fillForm(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper']) {
  await fill(wrapper, 'recover-id-number', '350102197803157299')
  await fill(wrapper, 'recover-phone', '13805911234')
  await fill(wrapper, 'recover-sms-code', '112233')
  await fill(wrapper, 'recover-password', 'a brand new secret')
}

describe('RecoverPage', () => {
  it('resets the password and signs in, telling what recovery does first', async () => {
    const api = mockApi({
      RecoverAccount: () => ({ recoverAccount: tokens() }),
      Me: () => ({ me: ME_BASIC }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      EthnicGroups: () => ({ ethnicGroups: [] }),
    })
    const { wrapper, router } = await mountAt('/recover')
    expect(wrapper.text()).toContain('身份等级最高恢复为初级实名')
    await fillForm(wrapper)
    await wrapper.get('[data-testid="recover-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('RecoverAccount')[0]?.variables).toEqual({
      idNumber: '350102197803157299',
      phone: '13805911234',
      smsCode: '112233',
      newPassword: 'a brand new secret',
    })
    await arrivedAt(router, 'me')
  })

  it('says when the ID number and phone do not belong together', async () => {
    mockApi({ RecoverAccount: () => ({ recoverAccount: { __typename: 'IdentityError', code: 'LOGIN_FAILED', message: 'x' } }) })
    const { wrapper } = await mountAt('/recover', { locale: 'en' })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="recover-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="recover-error"]').text()).toContain(
      'The ID number and phone number do not belong to the same account.',
    )
  })

  it('shows the new password’s server-side problem on the new password field', async () => {
    mockApi({
      RecoverAccount: () => ({
        recoverAccount: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'password', reason: 'contains_id_number' },
      }),
    })
    const { wrapper } = await mountAt('/recover')
    await fillForm(wrapper)
    await wrapper.get('[data-testid="recover-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="recover-password-error"]').text()).toBe('密码不能包含身份证号。')
  })
})
