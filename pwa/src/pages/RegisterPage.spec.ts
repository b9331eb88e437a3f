import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, ETHNIC_GROUPS, fill, ME_BASIC, mockApi, mountAt, tokens, TIER_GUIDE } from '@/test/identity'

const codeSent = () => ({
  sendSmsCode: { __typename: 'SmsCodeSent', expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfterSeconds: 60 },
})

function api(register: () => unknown, extra: Record<string, () => unknown> = {}) {
  return mockApi({
    EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }),
    TierGuide: () => ({ tierGuide: TIER_GUIDE }),
    SendSmsCode: codeSent,
    SandboxSmsInbox: () => ({ sandboxSmsInbox: [] }),
    Register: () => ({ register: register() }),
    Me: () => ({ me: ME_BASIC }),
    ...extra,
  })
}

async function fillForm(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], overrides: Record<string, string> = {}) {
  const values = {
    'register-name': '林淑芬',
    'register-id-number': '35020319850722916x',
    'register-phone': '13950125678',
    'register-sms-code': '135790',
    'register-password': 'tea garden 2024',
    ...overrides,
  }
  for (const [testid, value] of Object.entries(values)) await fill(wrapper, testid, value)
  await wrapper.get('[data-testid="register-ethnicity"]').setValue('01')
  await flushPromises()
}

describe('RegisterPage', () => {
  it('checks the ID number as it is typed and offers the sex it encodes', async () => {
    api(() => null)
    const { wrapper } = await mountAt('/register')
    await fill(wrapper, 'register-id-number', '110105194912310021')
    expect(wrapper.get('[data-testid="register-id-number-error"]').text()).toBe('身份证号最后一位（校验位）不对，请逐位核对。')
    await fill(wrapper, 'register-id-number', '11010519490230')
    expect(wrapper.get('[data-testid="register-id-number-error"]').text()).toContain('出生日期')

    await fill(wrapper, 'register-id-number', '11010519491231002x')
    const input = wrapper.get('[data-testid="register-id-number"]').element as HTMLInputElement
    expect(input.value).toBe('11010519491231002X')
    expect(input.getAttribute('aria-invalid')).toBeNull()
    expect(wrapper.find('[data-testid="register-id-number-error"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('出生日期 1949-12-31，性别女')
    expect((wrapper.get('[data-testid="register-sex-F"]').element as HTMLInputElement).checked).toBe(true)

    await wrapper.get('[data-testid="register-sex-M"]').setValue(true)
    expect(wrapper.get('[data-testid="register-sex-error"]').text()).toBe('所选性别与身份证号不一致，请核对。')
  })

  it('lists the ethnic groups from the API in the user’s language', async () => {
    api(() => null)
    const { wrapper } = await mountAt('/register', { locale: 'en' })
    const options = wrapper.findAll('[data-testid="register-ethnicity"] option').map((o) => o.text())
    expect(options).toEqual(['Choose your ethnic group', 'Han', 'Hui'])
  })

  it('explains every problem on its field before sending anything', async () => {
    const fake = api(() => null)
    const { wrapper } = await mountAt('/register')
    await fill(wrapper, 'register-password', '13950125678abc')
    await fill(wrapper, 'register-phone', '13950125678')
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="register-name-error"]').text()).toBe('请填写姓名。')
    expect(wrapper.get('[data-testid="register-id-number-error"]').text()).toBe('请填写身份证号。')
    expect(wrapper.get('[data-testid="register-sex-error"]').text()).toBe('请选择性别。')
    expect(wrapper.get('[data-testid="register-ethnicity-error"]').text()).toBe('请选择民族。')
    expect(wrapper.get('[data-testid="register-sms-code-error"]').text()).toBe('请填写短信验证码。')
    expect(wrapper.get('[data-testid="register-password-error"]').text()).toBe('密码不能包含手机号。')
    expect(fake.of('Register')).toHaveLength(0)
    expect(document.activeElement?.id).toBe('register-name')
  })

  it('registers, sends the normalised ID number, signs in and shows "Me"', async () => {
    const fake = api(() => tokens())
    const { wrapper, router } = await mountAt('/register')
    await fill(wrapper, 'register-phone', '13950125678')
    await wrapper.get('[data-testid="register-send-code"]').trigger('click')
    await flushPromises()
    expect(fake.of('SendSmsCode')[0]?.variables).toEqual({ phone: '13950125678', purpose: 'REGISTER' })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    expect(fake.of('Register')[0]?.variables).toEqual({
      input: {
        name: '林淑芬',
        idNumber: '35020319850722916X',
        sex: 'F',
        ethnicity: '01',
        phone: '13950125678',
        smsCode: '135790',
        password: 'tea garden 2024',
      },
    })
    await arrivedAt(router, 'me')
    expect(wrapper.get('[data-testid="me-tier"]').text()).toBe('初级实名')
  })

  it('a registry mismatch says which checks failed in plain words, and marks those fields', async () => {
    api(() => ({
      __typename: 'VerificationFailedError',
      code: 'REGISTRY_MISMATCH',
      message: 'The population registry did not confirm: name, ethnicity.',
      failedChecks: ['name', 'ethnicity'],
    }))
    const { wrapper } = await mountAt('/register')
    await fillForm(wrapper)
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    const alert = wrapper.get('[data-testid="register-error"]').text()
    expect(alert).toContain('身份信息核验未通过')
    expect(alert).toContain('姓名和民族不一致')
    expect(alert).toContain('本次未作任何更改')
    expect(alert).not.toContain('REGISTRY_MISMATCH')
    expect(wrapper.get('[data-testid="register-name-error"]').text()).toBe('与公安人口库记录不一致，请核对。')
    expect(wrapper.get('[data-testid="register-ethnicity-error"]').text()).toBe('与公安人口库记录不一致，请核对。')
    expect(wrapper.find('[data-testid="register-phone-error"]').exists()).toBe(false)
  })

  it('an unavailable registry says nothing was changed (English)', async () => {
    api(() => ({
      __typename: 'ProviderUnavailableError',
      code: 'PROVIDER_UNAVAILABLE',
      message: 'x',
      provider: 'population registry',
      timedOut: true,
    }))
    const { wrapper } = await mountAt('/register', { locale: 'en' })
    await fillForm(wrapper)
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    const alert = wrapper.get('[data-testid="register-error"]')
    expect(alert.text()).toContain('We cannot check your details right now')
    expect(alert.text()).toContain('The population registry did not answer in time. Nothing was changed')
    expect(alert.attributes('data-tone')).toBe('warning')
  })

  it('puts a server-side field error on its field', async () => {
    api(() => ({ __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'password', reason: 'too_short' }))
    const { wrapper } = await mountAt('/register')
    await fillForm(wrapper)
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="register-password-error"]').text()).toBe('密码至少需要 10 个字符。')
    expect(wrapper.find('[data-testid="register-error"]').exists()).toBe(false)
  })

  it('a wrong SMS code is shown on the code field', async () => {
    api(() => ({ __typename: 'IdentityError', code: 'CODE_INVALID', message: 'The code is wrong; 4 attempt(s) left.' }))
    const { wrapper } = await mountAt('/register')
    await fillForm(wrapper)
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="register-sms-code-error"]').text()).toBe('验证码不正确、已过期或已使用，请重新获取。')
  })

  it('an existing account links to sign-in and recovery', async () => {
    api(() => ({ __typename: 'IdentityError', code: 'ALREADY_EXISTS', message: 'x' }))
    const { wrapper } = await mountAt('/register')
    await fillForm(wrapper)
    await wrapper.get('[data-testid="register-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="register-error"]').text()).toContain('账号已存在')
    expect(wrapper.find('[data-testid="register-go-login"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="register-go-recover"]').exists()).toBe(true)
  })

  it('a rate-limited send counts down from retryAfterSeconds and says so', async () => {
    api(() => null, {
      SendSmsCode: () => ({ sendSmsCode: { __typename: 'RateLimitedError', code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 42 } }),
    })
    const { wrapper } = await mountAt('/register')
    await fill(wrapper, 'register-phone', '13950125678')
    await wrapper.get('[data-testid="register-send-code"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="register-send-code"]').text()).toMatch(/4[12] 秒后可重发/)
    expect(wrapper.get('[data-testid="register-sms-code-error"]').text()).toMatch(/操作太频繁了，请 4[12] 秒后再试/)
  })

  it('an SMS outage says nothing was changed', async () => {
    api(() => null, {
      SendSmsCode: () => ({
        sendSmsCode: { __typename: 'ProviderUnavailableError', code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'SMS', timedOut: false },
      }),
    })
    const { wrapper } = await mountAt('/register')
    await fill(wrapper, 'register-phone', '13900000000')
    await wrapper.get('[data-testid="register-send-code"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="register-sms-code-error"]').text()).toBe('短信服务暂时出了问题，本次未作任何更改，请稍后再试。')
  })
})
