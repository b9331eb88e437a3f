import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fill, ME_BASIC, mockApi, mountAt } from '@/test/identity'

const PASSKEYS = [
  {
    __typename: 'Passkey',
    id: 'P1',
    nickname: 'Chrome（Android）',
    createdAt: '2026-11-20T08:00:00+00:00',
    lastUsedAt: '2026-11-21T08:00:00+00:00',
    backedUp: true,
    deviceType: 'multi_device',
  },
  {
    __typename: 'Passkey',
    id: 'P2',
    nickname: '办公电脑',
    createdAt: '2026-11-22T08:00:00+00:00',
    lastUsedAt: null,
    backedUp: false,
    deviceType: 'single_device',
  },
]

const CREATION = JSON.stringify({
  rp: { name: '闽政一点通', id: 'localhost' },
  user: { id: 'AQID', name: '138****1234', displayName: '陈明辉' },
  challenge: 'AAEC',
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  excludeCredentials: [],
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
})

function webAuthn(create: () => Promise<unknown>) {
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {})
  Object.defineProperty(navigator, 'credentials', { value: { create: vi.fn(create), get: vi.fn() }, configurable: true })
}

afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'credentials')
})

const base = () => ({ Me: () => ({ me: ME_BASIC }), MyPasskeys: () => ({ myPasskeys: PASSKEYS }) })

describe('PasskeysPage', () => {
  it('lists my passkeys: name, when added and last used, synced or not', async () => {
    webAuthn(async () => null)
    mockApi(base())
    const { wrapper } = await mountAt('/me/passkeys', { signedInAs: true })
    const items = wrapper.findAll('[data-testid="passkey-item"]')
    expect(items).toHaveLength(2)
    expect(items[0]?.get('[data-testid="passkey-name"]').text()).toBe('Chrome（Android）')
    expect(items[0]?.text()).toContain('添加于')
    expect(items[0]?.get('[data-testid="passkey-last-used"]').text()).toContain('最近使用')
    expect(items[0]?.get('[data-testid="passkey-backed-up"]').attributes('data-backed-up')).toBe('true')
    expect(items[1]?.get('[data-testid="passkey-last-used"]').text()).toBe('尚未用于登录')
    expect(items[1]?.get('[data-testid="passkey-backed-up"]').text()).toBe('只保存在这台设备上')
  })

  it('adds a passkey made by the browser, with its nickname', async () => {
    webAuthn(async () => ({
      id: 'AQI',
      rawId: new Uint8Array([1, 2]).buffer,
      type: 'public-key',
      response: { clientDataJSON: new Uint8Array([123, 125]).buffer, attestationObject: new Uint8Array([0xa0]).buffer },
    }))
    const added = { ...PASSKEYS[1]!, id: 'P3', nickname: '我的手机' }
    const api = mockApi({
      ...base(),
      BeginPasskeyRegistration: () => ({
        beginPasskeyRegistration: { __typename: 'PasskeyOptions', challengeId: 'C9', options: CREATION, expiresAt: '2026-11-22T12:02:00+00:00' },
      }),
      FinishPasskeyRegistration: () => ({ finishPasskeyRegistration: added }),
    })
    const { wrapper } = await mountAt('/me/passkeys', { signedInAs: true })
    await fill(wrapper, 'passkey-nickname', ' 我的手机 ')
    await wrapper.get('[data-testid="passkey-add-form"]').trigger('submit')
    await flushPromises()
    const finish = api.of('FinishPasskeyRegistration')[0]?.variables as Record<string, string>
    expect(finish.challengeId).toBe('C9')
    expect(finish.nickname).toBe('我的手机')
    expect(JSON.parse(finish.credential!)).toMatchObject({ id: 'AQI', response: { attestationObject: 'oA' } })
    expect(wrapper.findAll('[data-testid="passkey-item"]')).toHaveLength(3)
    expect(wrapper.get('[data-testid="passkeys-notice"]').text()).toContain('通行密钥已添加')
  })

  it('says so when the device already has a passkey, or the person cancels', async () => {
    let failure = new DOMException('', 'InvalidStateError')
    webAuthn(async () => {
      throw failure
    })
    const api = mockApi({
      ...base(),
      BeginPasskeyRegistration: () => ({
        beginPasskeyRegistration: { __typename: 'PasskeyOptions', challengeId: 'C9', options: CREATION, expiresAt: '2026-11-22T12:02:00+00:00' },
      }),
    })
    const { wrapper } = await mountAt('/me/passkeys', { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="passkey-add-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="passkeys-notice"]').text()).toContain('already holds one of your passkeys')
    failure = new DOMException('', 'NotAllowedError')
    await wrapper.get('[data-testid="passkey-add-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="passkeys-notice"]').text()).toContain('Cancelled')
    expect(api.of('FinishPasskeyRegistration')).toHaveLength(0)
  })

  it('renames a passkey', async () => {
    webAuthn(async () => null)
    const api = mockApi({
      ...base(),
      RenamePasskey: (v) => ({ renamePasskey: { ...PASSKEYS[1]!, nickname: v.nickname } }),
    })
    const { wrapper } = await mountAt('/me/passkeys', { signedInAs: true })
    await wrapper.findAll('[data-testid="passkey-rename"]')[1]!.trigger('click')
    await flushPromises()
    await fill(wrapper, 'passkey-rename-input', '家里的电脑')
    await wrapper.get('[data-testid="passkey-rename-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('RenamePasskey')[0]?.variables).toEqual({ id: 'P2', nickname: '家里的电脑' })
    expect(wrapper.findAll('[data-testid="passkey-name"]').map((n) => n.text())).toEqual(['Chrome（Android）', '家里的电脑'])
  })

  it('removes a passkey after confirmation', async () => {
    webAuthn(async () => null)
    const api = mockApi({ ...base(), RemovePasskey: () => ({ removePasskey: { __typename: 'Done', ok: true } }) })
    const { wrapper } = await mountAt('/me/passkeys', { signedInAs: true })
    await wrapper.findAll('[data-testid="passkey-remove"]')[0]!.trigger('click')
    await flushPromises()
    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
    await flushPromises()
    expect(api.of('RemovePasskey')[0]?.variables).toEqual({ id: 'P1' })
    expect(wrapper.findAll('[data-testid="passkey-item"]')).toHaveLength(1)
    expect(wrapper.get('[data-testid="passkeys-notice"]').text()).toBe('通行密钥已删除')
  })

  it('explains that this browser cannot add passkeys instead of offering a button that fails', async () => {
    mockApi(base())
    const { wrapper } = await mountAt('/me/passkeys', { signedInAs: true })
    expect(wrapper.find('[data-testid="passkey-add"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="passkeys-unsupported"]').text()).toContain('这个浏览器不支持通行密钥')
    // Existing passkeys can still be managed.
    expect(wrapper.findAll('[data-testid="passkey-remove"]')).toHaveLength(2)
  })
})
