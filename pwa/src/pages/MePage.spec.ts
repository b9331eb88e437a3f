import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { STORAGE_KEYS } from '@/composables/storage'
import { arrivedAt, ETHNIC_GROUPS, ME_BASIC, mockApi, mountAt, TIER_GUIDE, tokens } from '@/test/identity'

const lookups = {
  EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }),
  TierGuide: () => ({ tierGuide: TIER_GUIDE }),
}

describe('MePage', () => {
  it('signed out: offers sign-in and registration', async () => {
    mockApi(lookups)
    const { wrapper } = await mountAt('/me')
    expect(wrapper.find('[data-testid="me-anonymous"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="me-login"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="me-register"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="logout"]').exists()).toBe(false)
  })

  it('shows the tier, what it allows, how to raise it, and the evidence', async () => {
    mockApi({ ...lookups, Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt('/me', { signedInAs: true })
    const tier = wrapper.get('[data-testid="me-tier"]')
    expect(tier.attributes('data-tier')).toBe('BASIC')
    expect(tier.text()).toBe('初级实名')
    expect(wrapper.get('[data-testid="me-name"]').text()).toBe('陈明辉')
    expect(wrapper.get('[data-testid="me-id-number"]').text()).toBe('350102**********99')
    expect(wrapper.text()).toContain('汉族')

    const allows = wrapper.findAll('[data-testid="me-allows"] li').map((li) => li.attributes('data-key'))
    expect(allows).toEqual(['browse', 'ask', 'apply_basic', 'track_cases', 'bind_enterprise'])
    expect(wrapper.get('[data-testid="me-next-allows"]').text()).toContain('更换绑定手机号')
    const how = wrapper.findAll('[data-testid="me-how-to-raise"] li').map((li) => li.attributes('data-key'))
    expect(how).toEqual(['face', 'counter', 'bank_card', 'alipay', 'housing_fund'])
    expect(wrapper.find('[data-testid="me-raise-tier"]').exists()).toBe(true)

    const evidence = wrapper.findAll('[data-testid="me-evidence-item"]')
    expect(evidence).toHaveLength(1)
    expect(evidence[0]?.text()).toContain('公安人口库核验')
    expect(evidence[0]?.text()).toContain('演示环境')
  })

  it('intermediate: explains that advanced is per transaction instead of offering a raise', async () => {
    const me = { ...ME_BASIC, tier: 'INTERMEDIATE' as const, person: { ...ME_BASIC.person!, tier: 'INTERMEDIATE' as const } }
    mockApi({ ...lookups, Me: () => ({ me }) })
    const { wrapper } = await mountAt('/me', { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="me-tier"]').text()).toBe('Intermediate')
    expect(wrapper.find('[data-testid="me-raise-tier"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Advanced is not kept')
    expect(wrapper.findAll('[data-testid="me-allows"] li').map((li) => li.attributes('data-key'))).toContain('e_licenses')
  })

  it('logs out: ends the session on the server and forgets it here', async () => {
    const api = mockApi({ ...lookups, Me: () => ({ me: ME_BASIC }), Logout: () => ({ logout: { __typename: 'Done', ok: true } }) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true })
    expect(localStorage.getItem(STORAGE_KEYS.refreshToken)).toBe('R1')
    await wrapper.get('[data-testid="logout"]').trigger('click')
    await flushPromises()
    expect(api.of('Logout')[0]?.authorization).toBe('Bearer A1')
    expect(localStorage.getItem(STORAGE_KEYS.refreshToken)).toBeNull()
    await arrivedAt(router, 'home')
  })

  it('restores a stored session at start-up', async () => {
    localStorage.setItem(STORAGE_KEYS.refreshToken, 'R1')
    const api = mockApi({ ...lookups, RefreshSession: () => ({ refreshSession: tokens(2) }), Me: () => ({ me: ME_BASIC }) })
    const { wrapper, auth } = await mountAt('/me')
    await auth.restore()
    await flushPromises()
    expect(api.of('RefreshSession')[0]?.variables).toEqual({ refreshToken: 'R1' })
    expect(localStorage.getItem(STORAGE_KEYS.refreshToken)).toBe('R2')
    expect(wrapper.get('[data-testid="me-tier"]').attributes('data-tier')).toBe('BASIC')
  })

  it('a refused stored session signs out locally', async () => {
    localStorage.setItem(STORAGE_KEYS.refreshToken, 'stale')
    mockApi({
      ...lookups,
      RefreshSession: () => ({ refreshSession: { __typename: 'IdentityError', code: 'SESSION_INVALID', message: 'x' } }),
    })
    const { wrapper, auth } = await mountAt('/me')
    await auth.restore()
    await flushPromises()
    expect(localStorage.getItem(STORAGE_KEYS.refreshToken)).toBeNull()
    expect(wrapper.find('[data-testid="me-anonymous"]').exists()).toBe(true)
  })
})
