import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, fill, graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { ENTERPRISE, staffMe } from './testing'

const invalid = (field: string, reason: string) => ({
  bindEnterprise: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field, reason },
})

async function fillForm(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], creditCode = '91350102ma2xk8n32u') {
  await fill(wrapper, 'bind-name', ' 福州闽江数字科技有限公司 ')
  await fill(wrapper, 'bind-registration-number', '350102110008170')
  await fill(wrapper, 'bind-credit-code', creditCode)
}

describe('BindEnterprisePage', () => {
  it('checks the credit code as it is typed (GB 32100, organisation code included)', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt('/enterprises/bind', { signedInAs: true })
    expect(wrapper.get('[data-testid="bind-representative"]').text()).toContain('陈明辉')

    await fill(wrapper, 'bind-credit-code', '9135 0102')
    expect(wrapper.get<HTMLInputElement>('[data-testid="bind-credit-code"]').element.value).toBe('91350102')
    expect(wrapper.find('[data-testid="bind-credit-code-error"]').exists()).toBe(false)

    await fill(wrapper, 'bind-credit-code', '9135010I')
    expect(wrapper.get('[data-testid="bind-credit-code-error"]').text()).toContain('不含 I、O、S、V、Z')

    await fill(wrapper, 'bind-credit-code', '91350102MA2XK8N32A')
    expect(wrapper.get('[data-testid="bind-credit-code-error"]').text()).toContain('校验位')

    await fill(wrapper, 'bind-credit-code', 'EUHUXQEEGUJ65RGFLM')
    expect(wrapper.get('[data-testid="bind-credit-code-error"]').text()).toContain('组织机构代码')
    expect(wrapper.get('[data-testid="bind-credit-code"]').attributes('aria-invalid')).toBe('true')

    await fill(wrapper, 'bind-credit-code', '91350102ma2xk8n32u')
    expect(wrapper.find('[data-testid="bind-credit-code-error"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('格式和校验位正确')
  })

  it('says what is missing and focuses the first field', async () => {
    const api = mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt('/enterprises/bind', { signedInAs: true })
    await wrapper.get('[data-testid="bind-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="bind-name-error"]').text()).toBe('请填写企业名称。')
    expect(wrapper.get('[data-testid="bind-registration-number-error"]').text()).toBe('请填写注册号。')
    expect(wrapper.get('[data-testid="bind-credit-code-error"]').text()).toBe('请填写统一社会信用代码。')
    expect(document.activeElement?.id).toBe('bind-name')
    expect(api.of('BindEnterprise')).toHaveLength(0)
  })

  it('binds the enterprise and opens it', async () => {
    const api = mockApi({
      Me: () => ({ me: ME_BASIC }),
      BindEnterprise: () => ({ bindEnterprise: ENTERPRISE }),
      Enterprise: () => ({ enterprise: ENTERPRISE }),
      CreateEnterpriseCounterTicket: () => graphqlError('INTERNAL'),
    })
    const { wrapper, router } = await mountAt('/enterprises/bind', { signedInAs: true })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="bind-submit"]').trigger('submit')
    await flushPromises()
    expect(api.of('BindEnterprise')[0]?.variables).toEqual({
      input: { name: '福州闽江数字科技有限公司', registrationNumber: '350102110008170', creditCode: '91350102MA2XK8N32U' },
    })
    await arrivedAt(router, 'enterprise')
    expect(router.currentRoute.value.params.id).toBe(ENTERPRISE.id)
    expect(wrapper.get('[data-testid="enterprise-notice"]').text()).toBe('企业绑定成功，当前为初级实名。')
  })

  it('names the failed registry checks in words, never the registry data', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      BindEnterprise: () => ({
        bindEnterprise: {
          __typename: 'VerificationFailedError',
          code: 'REGISTRY_MISMATCH',
          message: 'The business registry did not confirm: name, legal_representative.',
          failedChecks: ['name', 'legal_representative'],
        },
      }),
    })
    const { wrapper } = await mountAt('/enterprises/bind', { signedInAs: true })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="bind-form"]').trigger('submit')
    await flushPromises()
    const alert = wrapper.get('[data-testid="bind-error"]')
    expect(alert.text()).toContain('工商登记信息核验未通过')
    expect(alert.text()).toContain('您填写的企业名称和法定代表人不一致')
    expect(alert.text()).toContain('只有工商登记的法定代表人本人才能绑定企业')
    expect(alert.text()).not.toContain('legal_representative')
  })

  it('in English', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      BindEnterprise: () => ({
        bindEnterprise: { __typename: 'VerificationFailedError', code: 'REGISTRY_MISMATCH', message: 'x', failedChecks: ['registration_number'] },
      }),
    })
    const { wrapper } = await mountAt('/enterprises/bind', { signedInAs: true, locale: 'en' })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="bind-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="bind-error"]').text()).toContain(
      "The registry's record does not match the registration number you entered.",
    )
  })

  it.each([
    [invalid('creditCode', 'organisation_code'), 'bind-credit-code-error', '组织机构代码'],
    [invalid('registrationNumber', 'format'), 'bind-registration-number-error', '6 至 32 位'],
    [invalid('name', 'format'), 'bind-name-error', '2 至 128 个字'],
    [{ bindEnterprise: { __typename: 'IdentityError', code: 'ALREADY_EXISTS', message: 'x' } }, 'bind-error', '该企业已经绑定'],
    [
      { bindEnterprise: { __typename: 'ProviderUnavailableError', code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'business registry', timedOut: true } },
      'bind-error',
      '工商登记系统没有及时响应，本次未作任何更改',
    ],
    [{ bindEnterprise: { __typename: 'RateLimitedError', code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 120 } }, 'bind-error', '2 分钟'],
  ])('shows the API refusal %# where it belongs', async (answer, testid, words) => {
    mockApi({ Me: () => ({ me: ME_BASIC }), BindEnterprise: () => answer })
    const { wrapper } = await mountAt('/enterprises/bind', { signedInAs: true })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="bind-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get(`[data-testid="${testid}"]`).text()).toContain(words)
  })

  it('below basic, the step-up sends me to sign in and back here', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      BindEnterprise: () => graphqlError('INSUFFICIENT_USER_AUTHENTICATION', { requiredTier: 'basic', acrValues: 'urn:onetap:acr:basic' }),
    })
    const { wrapper, router } = await mountAt('/enterprises/bind', { signedInAs: true })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="bind-form"]').trigger('submit')
    await arrivedAt(router, 'login')
    expect(router.currentRoute.value.query.redirect).toBe('/enterprises/bind')
  })

  it('is not offered to staff', async () => {
    mockApi({ Me: () => ({ me: staffMe(['platform_admin'], null) }) })
    const { wrapper } = await mountAt('/enterprises/bind', { signedInAs: true })
    expect(wrapper.find('[data-testid="bind-staff-only"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="bind-form"]').exists()).toBe(false)
  })
})
