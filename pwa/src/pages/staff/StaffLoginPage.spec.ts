import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { arrivedAt, fill, ME_BASIC, mockApi, mountAt, tokens } from '@/test/identity'
import { staffMe } from '@/pages/enterprise/testing'

const REQUEST_OPTIONS = JSON.stringify({
  challenge: 'AQIDBA',
  rpId: 'localhost',
  timeout: 60000,
  allowCredentials: [{ id: 'Y3JlZA', type: 'public-key', transports: ['usb'] }],
  userVerification: 'required',
})
const CREATION_OPTIONS = JSON.stringify({
  challenge: 'BQYHCA',
  rp: { id: 'localhost', name: 'OneTap' },
  user: { id: 'dXNlcg', name: 'clerk.lin', displayName: '林窗口' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
})
const ASSERTION_JSON = { id: 'cred', rawId: 'cred', type: 'public-key', response: { signature: 'sig' } }
const ATTESTATION_JSON = { id: 'new', rawId: 'new', type: 'public-key', response: { attestationObject: 'att' } }

const get = vi.fn()
const create = vi.fn()

beforeEach(() => {
  get.mockReset().mockResolvedValue({ toJSON: () => ASSERTION_JSON })
  create.mockReset().mockResolvedValue({ toJSON: () => ATTESTATION_JSON })
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {})
  Object.defineProperty(navigator, 'credentials', { value: { get, create }, configurable: true })
})

afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'credentials')
})

const challenge = (typename: 'StaffPasskeyChallenge' | 'StaffEnrolmentRequired', options: string) => ({
  beginStaffLogin: { __typename: typename, challengeId: 'ch1', options, expiresAt: '2026-11-22T08:02:00+00:00' },
})
const failure = (code: string) => ({ beginStaffLogin: { __typename: 'IdentityError', code, message: 'x' } })

type Wrapper = Awaited<ReturnType<typeof mountAt>>['wrapper']

async function signIn(wrapper: Wrapper) {
  await fill(wrapper, 'staff-username', ' clerk.lin ')
  await fill(wrapper, 'staff-password', 'correct horse battery')
  await wrapper.get('[data-testid="staff-login-form"]').trigger('submit')
  await flushPromises()
}

describe('StaffLoginPage', () => {
  it('signs in with password, then a passkey, and opens the staff desk', async () => {
    const api = mockApi({
      BeginStaffLogin: () => challenge('StaffPasskeyChallenge', REQUEST_OPTIONS),
      FinishStaffLogin: () => ({ finishStaffLogin: tokens(7) }),
      Me: () => ({ me: staffMe(['approver']) }),
    })
    const { wrapper, router, auth } = await mountAt('/staff/login')
    await signIn(wrapper)

    expect(api.of('BeginStaffLogin')[0]?.variables).toEqual({
      username: 'clerk.lin',
      password: 'correct horse battery',
      enrolmentCode: null,
    })
    const publicKey = get.mock.calls[0]?.[0]?.publicKey as PublicKeyCredentialRequestOptions
    expect(new Uint8Array(publicKey.challenge as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3, 4]))
    expect(publicKey.rpId).toBe('localhost')
    expect(publicKey.userVerification).toBe('required')
    expect(create).not.toHaveBeenCalled()
    expect(api.of('FinishStaffLogin')[0]?.variables).toEqual({
      challengeId: 'ch1',
      credential: JSON.stringify(ASSERTION_JSON),
      enrolmentCode: null,
    })
    await arrivedAt(router, 'staff-desk')
    expect(auth.client.currentAccessToken()).toBe('A7')
    expect(wrapper.get('[data-testid="staff-desk-name"]').text()).toBe('林窗口')
  })

  it('asks for the enrolment code, then registers the first passkey with it', async () => {
    const api = mockApi({
      BeginStaffLogin: (v) => (v.enrolmentCode ? challenge('StaffEnrolmentRequired', CREATION_OPTIONS) : failure('ENROLMENT_CODE_REQUIRED')),
      FinishStaffLogin: () => ({ finishStaffLogin: tokens(8) }),
      Me: () => ({ me: staffMe(['window_clerk']) }),
    })
    const { wrapper, router } = await mountAt('/staff/login?redirect=/me')
    expect(wrapper.find('[data-testid="staff-enrolment-code"]').exists()).toBe(false)
    await signIn(wrapper)
    expect(wrapper.get('[data-testid="staff-login-error"]').text()).toBe('首次登录需要填写管理员提供的注册码。')
    const code = wrapper.get('[data-testid="staff-enrolment-code"]')
    expect(document.activeElement).toBe(code.element)
    expect(get).not.toHaveBeenCalled()

    await fill(wrapper, 'staff-enrolment-code', ' ABCD-EFGH-JKMN-PQRS ')
    await wrapper.get('[data-testid="staff-login-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('BeginStaffLogin')[1]?.variables.enrolmentCode).toBe('ABCD-EFGH-JKMN-PQRS')
    const publicKey = create.mock.calls[0]?.[0]?.publicKey as PublicKeyCredentialCreationOptions
    expect(new Uint8Array(publicKey.user.id as ArrayBuffer)).toEqual(new TextEncoder().encode('user'))
    expect(publicKey.authenticatorSelection?.residentKey).toBe('required')
    expect(api.of('FinishStaffLogin')[0]?.variables).toEqual({
      challengeId: 'ch1',
      credential: JSON.stringify(ATTESTATION_JSON),
      enrolmentCode: 'ABCD-EFGH-JKMN-PQRS',
    })
    await arrivedAt(router, 'me')
  })

  it('puts a wrong enrolment code on its field', async () => {
    mockApi({ BeginStaffLogin: (v) => failure(v.enrolmentCode ? 'CODE_INVALID' : 'ENROLMENT_CODE_REQUIRED') })
    const { wrapper } = await mountAt('/staff/login')
    await signIn(wrapper)
    await fill(wrapper, 'staff-enrolment-code', 'WRONG')
    await wrapper.get('[data-testid="staff-login-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="staff-enrolment-code-error"]').text()).toBe('注册码不正确或已过期，请向管理员索取新的注册码。')
  })

  it.each([
    [failure('LOGIN_FAILED'), '用户名或密码不正确。'],
    [{ beginStaffLogin: { __typename: 'RateLimitedError', code: 'ACCOUNT_LOCKED', message: 'x', retryAfterSeconds: 900 } }, '15 分钟'],
  ])('explains a refused password %#', async (answer, words) => {
    mockApi({ BeginStaffLogin: () => answer })
    const { wrapper } = await mountAt('/staff/login')
    await signIn(wrapper)
    expect(wrapper.get('[data-testid="staff-login-error"]').text()).toContain(words)
    expect(get).not.toHaveBeenCalled()
  })

  it('explains a cancelled passkey and does not finish', async () => {
    get.mockRejectedValue(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'))
    const api = mockApi({ BeginStaffLogin: () => challenge('StaffPasskeyChallenge', REQUEST_OPTIONS) })
    const { wrapper } = await mountAt('/staff/login', { locale: 'en' })
    await signIn(wrapper)
    expect(wrapper.get('[data-testid="staff-login-error"]').text()).toBe('The passkey check was cancelled or timed out; try again.')
    expect(api.of('FinishStaffLogin')).toHaveLength(0)
  })

  it('explains a passkey the server did not accept', async () => {
    mockApi({
      BeginStaffLogin: () => challenge('StaffPasskeyChallenge', REQUEST_OPTIONS),
      FinishStaffLogin: () => ({
        finishStaffLogin: { __typename: 'VerificationFailedError', code: 'VERIFICATION_FAILED', message: 'x', failedChecks: ['signature'] },
      }),
    })
    const { wrapper, auth } = await mountAt('/staff/login')
    await signIn(wrapper)
    expect(wrapper.get('[data-testid="staff-login-error"]').text()).toContain('通行密钥验证未通过')
    expect(auth.signedIn.value).toBe(false)
  })

  it('signs a resident out of this device before signing in as staff', async () => {
    let staff = false
    const api = mockApi({
      Me: () => ({ me: staff ? staffMe(['window_clerk']) : ME_BASIC }),
      Logout: () => ({ logout: { __typename: 'Done', ok: true } }),
      BeginStaffLogin: () => challenge('StaffPasskeyChallenge', REQUEST_OPTIONS),
      FinishStaffLogin: () => {
        staff = true
        return { finishStaffLogin: tokens(9) }
      },
    })
    const { wrapper, router, auth } = await mountAt('/staff/login', { signedInAs: true })
    expect(wrapper.get('[data-testid="staff-login-resident"]').text()).toContain('陈明辉')
    await signIn(wrapper)
    await arrivedAt(router, 'staff-desk')
    expect(api.of('Logout')[0]?.authorization).toBe('Bearer A1')
    expect(auth.client.currentAccessToken()).toBe('A9')
    expect(auth.me.value?.staff?.name).toBe('林窗口')
  })

  it('says so when the browser has no passkeys', async () => {
    vi.unstubAllGlobals()
    Reflect.deleteProperty(window, 'PublicKeyCredential')
    mockApi({})
    const { wrapper } = await mountAt('/staff/login')
    expect(wrapper.get('[data-testid="staff-login-unsupported"]').text()).toContain('不支持通行密钥')
    expect(wrapper.find('[data-testid="staff-login-form"]').exists()).toBe(false)
  })
})
