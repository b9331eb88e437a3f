import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { STORAGE_KEYS } from '@/composables/storage'
import { arrivedAt, fill, graphqlError, ME_BASIC, mockApi, mountAt, tokens } from '@/test/identity'

const me = () => ({ me: ME_BASIC })

describe('LoginPage', () => {
  it('signs in with an ID number (lowercase x accepted) and password, then shows "Me"', async () => {
    const api = mockApi({
      LoginWithPassword: () => ({ loginWithPassword: tokens() }),
      Me: me,
      TierGuide: () => ({ tierGuide: [] }),
      EthnicGroups: () => ({ ethnicGroups: [] }),
    })
    const { wrapper, router } = await mountAt('/login')
    await fill(wrapper, 'login-identifier', '11010519491231002x')
    await fill(wrapper, 'login-password', 'correct horse battery')
    await wrapper.get('[data-testid="login-password-form"]').trigger('submit')
    await flushPromises()

    expect(api.of('LoginWithPassword')[0]?.variables).toEqual({
      identifier: '11010519491231002X',
      password: 'correct horse battery',
    })
    await arrivedAt(router, 'me')
    expect(localStorage.getItem(STORAGE_KEYS.refreshToken)).toBe('R1')
    // `me` is loaded with the new access token.
    expect(api.of('Me').at(-1)?.authorization).toBe('Bearer A1')
    expect(wrapper.get('[data-testid="me-tier"]').attributes('data-tier')).toBe('BASIC')
  })

  it('returns to ?redirect= after signing in', async () => {
    mockApi({
      LoginWithPassword: () => ({ loginWithPassword: tokens() }),
      Me: me,
      MySessions: () => ({ mySessions: [] }),
    })
    const { wrapper, router } = await mountAt('/login?redirect=/me/devices')
    expect(wrapper.text()).toContain('完成后将回到刚才的页面')
    await fill(wrapper, 'login-identifier', '13805911234')
    await fill(wrapper, 'login-password', 'correct horse battery')
    await wrapper.get('[data-testid="login-submit"]').trigger('submit')
    await arrivedAt(router, 'devices')
    expect(router.currentRoute.value.fullPath).toBe('/me/devices')
  })

  it('ignores a redirect to another site', async () => {
    mockApi({ LoginWithPassword: () => ({ loginWithPassword: tokens() }), Me: me, TierGuide: () => ({ tierGuide: [] }), EthnicGroups: () => ({ ethnicGroups: [] }) })
    const { wrapper, router } = await mountAt('/login?redirect=//evil.example/')
    await fill(wrapper, 'login-identifier', '13805911234')
    await fill(wrapper, 'login-password', 'correct horse battery')
    await wrapper.get('[data-testid="login-password-form"]').trigger('submit')
    await arrivedAt(router, 'me')
  })

  it('asks for both fields before sending anything', async () => {
    const api = mockApi({})
    const { wrapper } = await mountAt('/login')
    await wrapper.get('[data-testid="login-password-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="login-identifier-error"]').text()).toBe('请填写身份证号或手机号。')
    expect(wrapper.get('[data-testid="login-password-error"]').text()).toBe('请填写密码。')
    expect(api.calls).toHaveLength(0)
  })

  it('links to staff sign-in, in both languages', async () => {
    mockApi({})
    const { wrapper, router } = await mountAt('/login')
    const link = wrapper.get('[data-testid="login-staff"]')
    expect(link.text()).toBe('工作人员登录')
    expect(link.attributes('href')).toBe('/staff/login')
    await link.trigger('click')
    await arrivedAt(router, 'staff-login')

    const english = await mountAt('/login', { locale: 'en' })
    expect(english.wrapper.get('[data-testid="login-staff"]').text()).toBe('Staff sign-in')
  })

  it('explains a wrong password and a locked account in the user’s language', async () => {
    let answer: unknown = { __typename: 'IdentityError', code: 'LOGIN_FAILED', message: 'The ID number or phone, or the password, is wrong.' }
    mockApi({ LoginWithPassword: () => ({ loginWithPassword: answer }) })
    const { wrapper } = await mountAt('/login', { locale: 'en' })
    await fill(wrapper, 'login-identifier', '13805911234')
    await fill(wrapper, 'login-password', 'wrong password!')
    await wrapper.get('[data-testid="login-password-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('The ID number or phone, or the password, is wrong.')

    answer = { __typename: 'RateLimitedError', code: 'ACCOUNT_LOCKED', message: 'locked', retryAfterSeconds: 300 }
    await wrapper.get('[data-testid="login-password-form"]').trigger('submit')
    await flushPromises()
    const text = wrapper.get('[data-testid="login-error"]').text()
    expect(text).toContain('Try again in 5 minutes')
    expect(text).not.toContain('ACCOUNT_LOCKED')
  })

  it('signs in with an SMS code, read from the sandbox inbox', async () => {
    const api = mockApi({
      SendSmsCode: () => ({
        sendSmsCode: { __typename: 'SmsCodeSent', expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfterSeconds: 60 },
      }),
      SandboxSmsInbox: () => ({
        sandboxSmsInbox: [{ text: '【一键办】验证码 246810，5 分钟内有效。您正在登录一键办，请勿告诉他人。', sentAt: '2026-11-22T12:00:00+00:00' }],
      }),
      LoginWithSms: () => ({ loginWithSms: tokens() }),
      Me: me,
      TierGuide: () => ({ tierGuide: [] }),
      EthnicGroups: () => ({ ethnicGroups: [] }),
    })
    const { wrapper, router } = await mountAt('/login')
    await wrapper.get('[data-testid="login-tab-sms"]').trigger('click')
    await flushPromises()
    await fill(wrapper, 'login-phone', '13805911234')
    await wrapper.get('[data-testid="login-send-code"]').trigger('click')
    await flushPromises()

    expect(api.of('SendSmsCode')[0]?.variables).toEqual({ phone: '13805911234', purpose: 'LOGIN' })
    const send = wrapper.get('[data-testid="login-send-code"]')
    expect(send.text()).toMatch(/\d+ 秒后可重发/)
    expect(send.attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="login-sandbox-inbox"]').trigger('click')
    await flushPromises()
    const use = document.querySelector<HTMLElement>('[data-testid="sandbox-sms-use"]')
    expect(use?.dataset.code).toBe('246810')
    use?.click()
    await flushPromises()
    expect((wrapper.get('[data-testid="login-sms-code"]').element as HTMLInputElement).value).toBe('246810')

    await wrapper.get('[data-testid="login-sms-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('LoginWithSms')[0]?.variables).toEqual({ phone: '13805911234', code: '246810' })
    await arrivedAt(router, 'me')
  })

  it('hides the sandbox inbox outside the sandbox (FORBIDDEN)', async () => {
    mockApi({
      SendSmsCode: () => ({ sendSmsCode: { __typename: 'SmsCodeSent', expiresAt: new Date().toISOString(), resendAfterSeconds: 60 } }),
      SandboxSmsInbox: () => graphqlError('FORBIDDEN'),
    })
    const { wrapper } = await mountAt('/login?tab=sms')
    await fill(wrapper, 'login-phone', '13805911234')
    await wrapper.get('[data-testid="login-send-code"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="login-code-sent"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="login-sandbox-inbox"]').exists()).toBe(false)
  })

  it('says when no account uses the phone', async () => {
    mockApi({ LoginWithSms: () => ({ loginWithSms: { __typename: 'IdentityError', code: 'LOGIN_FAILED', message: 'x' } }) })
    const { wrapper } = await mountAt('/login?tab=sms')
    await fill(wrapper, 'login-phone', '13805911234')
    await fill(wrapper, 'login-sms-code', '123456')
    await wrapper.get('[data-testid="login-sms-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="login-sms-error"]').text()).toBe('这个手机号还没有注册账号，请先注册。')
  })

  it('shows a phone problem from "send code" on the phone field', async () => {
    const api = mockApi({})
    const { wrapper } = await mountAt('/login?tab=sms')
    await fill(wrapper, 'login-phone', '12345')
    await wrapper.get('[data-testid="login-send-code"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="login-phone-error"]').text()).toBe('请输入 11 位中国大陆手机号。')
    expect(api.calls).toHaveLength(0)
  })

  it('shows the passkey button only when the API offers passkey sign-in and the browser can', async () => {
    mockApi({})
    const withPasskeys = (on: boolean) => async () => {
      const { features } = await import('@/auth/features')
      features.passkeyLogin = on
    }
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {})
    try {
      const off = await mountAt('/login', { setup: withPasskeys(false) })
      expect(off.wrapper.find('[data-testid="login-passkey"]').exists()).toBe(false)
      const on = await mountAt('/login', { setup: withPasskeys(true) })
      expect(on.wrapper.find('[data-testid="login-passkey"]').exists()).toBe(true)
    } finally {
      vi.unstubAllGlobals()
    }
    const noWebAuthn = await mountAt('/login', { setup: withPasskeys(true) })
    expect(noWebAuthn.wrapper.find('[data-testid="login-passkey"]').exists()).toBe(false)
  })

  describe('with a passkey', () => {
    const OPTIONS = JSON.stringify({ challenge: 'AAEC', timeout: 120000, rpId: 'localhost', allowCredentials: [], userVerification: 'required' })
    const begun = () => ({
      beginPasskeyLogin: { __typename: 'PasskeyOptions', challengeId: 'C1', options: OPTIONS, expiresAt: '2026-11-22T12:02:00+00:00' },
    })
    const assertion = {
      id: 'AQI',
      rawId: new Uint8Array([1, 2]).buffer,
      type: 'public-key',
      response: {
        clientDataJSON: new Uint8Array([123, 125]).buffer,
        authenticatorData: new Uint8Array([5]).buffer,
        signature: new Uint8Array([6]).buffer,
        userHandle: new Uint8Array([7]).buffer,
      },
    }

    function webAuthn(get: () => Promise<unknown>) {
      vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {})
      Object.defineProperty(navigator, 'credentials', { value: { get: vi.fn(get), create: vi.fn() }, configurable: true })
      return navigator.credentials.get as ReturnType<typeof vi.fn>
    }
    const enable = async () => {
      const { features } = await import('@/auth/features')
      features.passkeyLogin = true
    }

    afterEach(() => {
      vi.unstubAllGlobals()
      Reflect.deleteProperty(navigator, 'credentials')
    })

    it('signs in: options to the browser, its credential JSON back, then "Me"', async () => {
      const get = webAuthn(async () => assertion)
      const api = mockApi({
        BeginPasskeyLogin: begun,
        FinishPasskeyLogin: () => ({ finishPasskeyLogin: tokens() }),
        Me: me,
        TierGuide: () => ({ tierGuide: [] }),
        EthnicGroups: () => ({ ethnicGroups: [] }),
      })
      const { wrapper, router } = await mountAt('/login', { setup: enable })
      await wrapper.get('[data-testid="login-passkey"]').trigger('click')
      await flushPromises()

      const publicKey = (get.mock.calls[0]?.[0] as CredentialRequestOptions).publicKey
      expect(new Uint8Array(publicKey?.challenge as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 2]))
      expect(publicKey?.userVerification).toBe('required')
      const finish = api.of('FinishPasskeyLogin')[0]?.variables as { challengeId: string; credential: string }
      expect(finish.challengeId).toBe('C1')
      expect(JSON.parse(finish.credential)).toMatchObject({
        id: 'AQI',
        rawId: 'AQI',
        type: 'public-key',
        response: { clientDataJSON: 'e30', authenticatorData: 'BQ', signature: 'Bg', userHandle: 'Bw' },
      })
      await arrivedAt(router, 'me')
      expect(localStorage.getItem(STORAGE_KEYS.refreshToken)).toBe('R1')
    })

    it('says so when the person cancels, in their language, and nothing is sent', async () => {
      webAuthn(async () => {
        throw new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError')
      })
      const api = mockApi({ BeginPasskeyLogin: begun })
      const { wrapper } = await mountAt('/login', { setup: enable, locale: 'en' })
      await wrapper.get('[data-testid="login-passkey"]').trigger('click')
      await flushPromises()
      expect(wrapper.get('[data-testid="login-passkey-error"]').text()).toBe(
        'Cancelled, or the confirmation timed out. Nothing was changed; you can try again.',
      )
      expect(api.of('FinishPasskeyLogin')).toHaveLength(0)
    })

    it('explains a passkey no account uses', async () => {
      webAuthn(async () => assertion)
      mockApi({
        BeginPasskeyLogin: begun,
        FinishPasskeyLogin: () => ({ finishPasskeyLogin: { __typename: 'IdentityError', code: 'LOGIN_FAILED', message: 'x' } }),
      })
      const { wrapper } = await mountAt('/login', { setup: enable })
      await wrapper.get('[data-testid="login-passkey"]').trigger('click')
      await flushPromises()
      expect(wrapper.get('[data-testid="login-passkey-error"]').text()).toContain('这个通行密钥没有对应的账号')
    })
  })
})
