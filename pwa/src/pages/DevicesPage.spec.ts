import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, graphqlError, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'

const SESSIONS = [
  {
    id: 'S2',
    device: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    methods: ['sms'],
    createdAt: '2026-11-20T08:00:00+00:00',
    lastUsedAt: '2026-11-21T08:00:00+00:00',
    current: false,
  },
  {
    id: 'S1',
    device: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
    methods: ['pwd'],
    createdAt: '2026-11-22T08:00:00+00:00',
    lastUsedAt: '2026-11-22T09:00:00+00:00',
    current: true,
  },
]

describe('DevicesPage', () => {
  it('lists my sessions with this device first and marked', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }), MySessions: () => ({ mySessions: SESSIONS }) })
    const { wrapper } = await mountAt('/me/devices', { signedInAs: true })
    const items = wrapper.findAll('[data-testid="session-item"]')
    expect(items.map((i) => i.attributes('data-current'))).toEqual(['true', 'false'])
    expect(items[0]?.find('[data-testid="session-current"]').text()).toBe('本机')
    expect(items[0]?.text()).toContain('Chrome（Android）')
    expect(items[0]?.text()).toContain('登录方式：密码')
    expect(items[0]?.find('[data-testid="session-revoke"]').exists()).toBe(false)
    expect(items[1]?.text()).toContain('Chrome（Windows）')
    expect(items[1]?.text()).toContain('短信验证码')
    expect(items[1]?.find('[data-testid="session-revoke"]').exists()).toBe(true)
  })

  it('signs another device out after confirmation', async () => {
    const api = mockApi({
      Me: () => ({ me: ME_BASIC }),
      MySessions: () => ({ mySessions: SESSIONS }),
      RevokeSession: () => ({ revokeSession: { __typename: 'Done', ok: true } }),
    })
    const { wrapper } = await mountAt('/me/devices', { signedInAs: true })
    await wrapper.get('[data-testid="session-revoke"]').trigger('click')
    await flushPromises()
    const confirm = document.querySelector<HTMLButtonElement>('.van-dialog__confirm')
    expect(confirm).not.toBeNull()
    confirm?.click()
    await flushPromises()
    expect(api.of('RevokeSession')[0]?.variables).toEqual({ sessionId: 'S2' })
    expect(wrapper.findAll('[data-testid="session-item"]')).toHaveLength(1)
    expect(wrapper.get('[data-testid="devices-notice"]').text()).toBe('已让该设备退出登录')
  })

  it('sends a signed-out visitor to sign in first, and back here afterwards', async () => {
    mockApi({})
    const { router } = await mountAt('/me/devices')
    await arrivedAt(router, 'login')
    expect(router.currentRoute.value.query.redirect).toBe('/me/devices')
  })

  it('a step-up refusal routes to the remedy and remembers the way back', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      MySessions: () => graphqlError('INSUFFICIENT_USER_AUTHENTICATION', { requiredTier: 'intermediate', acrValues: 'urn:onetap:acr:intermediate' }),
    })
    const { router, wrapper } = await mountAt('/me/devices', { signedInAs: true })
    await arrivedAt(router, 'raise-tier')
    expect(router.currentRoute.value.query.redirect).toBe('/me/devices')
    const methods = wrapper.findAll('[data-testid="raise-method"]').map((m) => m.attributes('data-method'))
    expect(methods).toEqual(['face', 'counter', 'bank_card', 'alipay', 'housing_fund'])
    expect(wrapper.find('[data-testid="raise-bank-card"]').exists()).toBe(true)
  })

  it('an expired session on a request goes to sign in', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      MySessions: () => new Response('{}', { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }),
      RefreshSession: () => ({ refreshSession: { __typename: 'IdentityError', code: 'SESSION_INVALID', message: 'x' } }),
    })
    const { router, auth } = await mountAt('/me/devices', { signedInAs: true })
    await arrivedAt(router, 'login')
    expect(router.currentRoute.value.query.redirect).toBe('/me/devices')
    expect(auth.status.value).toBe('anonymous')
  })

  it('counts my passkeys and leads to "My passkeys"', async () => {
    mockApi({
      Me: () => ({ me: ME_BASIC }),
      MySessions: () => ({ mySessions: SESSIONS }),
      MyPasskeys: () => ({ myPasskeys: [{ __typename: 'Passkey', id: 'P1', nickname: 'x', createdAt: '2026-11-20T08:00:00+00:00', lastUsedAt: null, backedUp: false, deviceType: 'single_device' }] }),
    })
    const { wrapper, router } = await mountAt('/me/devices', { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="devices-passkey-count"]').text()).toBe('One passkey added')
    await wrapper.get('[data-testid="devices-passkeys"]').trigger('click')
    await arrivedAt(router, 'passkeys')
  })
})
