import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, ETHNIC_GROUPS, graphqlError, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'

const STEP_UP = {
  requiredTier: 'advanced',
  acrValues: 'urn:onetap:acr:advanced',
  maxAge: 120,
  action: 'identity.reveal_id_number',
}
const base = () => ({
  Me: () => ({ me: ME_BASIC }),
  TierGuide: () => ({ tierGuide: TIER_GUIDE }),
  EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }),
})

describe('SensitiveDetails on "my identity"', () => {
  it('asks for a face check bound to identity.reveal_id_number with {} when the API wants one', async () => {
    const api = mockApi({ ...base(), RevealIdNumber: () => graphqlError('INSUFFICIENT_USER_AUTHENTICATION', STEP_UP) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true })
    expect(wrapper.find('[data-testid="identity-id-number"]').exists()).toBe(false)
    await wrapper.get('[data-testid="identity-reveal"]').trigger('click')
    await arrivedAt(router, 'face-check')
    expect(api.of('RevealIdNumber')[0]?.variables).toEqual({ stepUpId: null })
    expect(router.currentRoute.value.query).toEqual({
      action: 'identity.reveal_id_number',
      arguments: '{}',
      maxAge: '120',
      redirect: '/me',
    })
  })

  it('spends the handed-back check on the same request, shows the number briefly, then hides it', async () => {
    const api = mockApi({ ...base(), RevealIdNumber: () => ({ revealIdNumber: { __typename: 'IdNumberRevealed', idNumber: '350102197803157299' } }) })
    const { wrapper, router } = await mountAt('/me?stepUpId=F1&stepUpAction=identity.reveal_id_number', { signedInAs: true })
    await flushPromises()
    expect(api.of('RevealIdNumber')[0]?.variables).toEqual({ stepUpId: 'F1' })
    expect(wrapper.get('[data-testid="identity-id-number"]').text()).toBe('350102197803157299')
    expect(wrapper.get('[data-testid="identity-reveal-timer"]').text()).toContain('60 秒')
    // The single-use id leaves the address bar.
    expect(router.currentRoute.value.fullPath).toBe('/me')
    await wrapper.get('[data-testid="identity-hide"]').trigger('click')
    expect(wrapper.find('[data-testid="identity-id-number"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="identity-reveal"]').exists()).toBe(true)
  })

  it('does not loop when a handed-back check cannot be spent', async () => {
    mockApi({ ...base(), RevealIdNumber: () => graphqlError('INSUFFICIENT_USER_AUTHENTICATION', { ...STEP_UP, reason: 'stale' }) })
    const { wrapper, router } = await mountAt('/me?stepUpId=F1&stepUpAction=identity.reveal_id_number', { signedInAs: true, locale: 'en' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('me')
    expect(wrapper.get('[data-testid="identity-error"]').text()).toContain('face check')
  })

  it('ignores a check handed back for another action', async () => {
    const api = mockApi(base())
    await mountAt('/me?stepUpId=F1&stepUpAction=cases.pay', { signedInAs: true })
    expect(api.of('RevealIdNumber')).toHaveLength(0)
  })

  it('links to changing the phone', async () => {
    // Intermediate, as changing the phone needs: a basic user is sent on to raise the level
    // at once, which the wait below could miss.
    const person = { ...ME_BASIC.person!, tier: 'INTERMEDIATE' as const }
    mockApi({ ...base(), Me: () => ({ me: { ...ME_BASIC, tier: 'INTERMEDIATE', person } }) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true })
    await wrapper.get('[data-testid="identity-change-phone"]').trigger('click')
    await arrivedAt(router, 'change-phone')
  })
})
