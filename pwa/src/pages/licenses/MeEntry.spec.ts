import { describe, expect, it } from 'vitest'
import { arrivedAt, ETHNIC_GROUPS, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'
import { staffMe } from '@/pages/enterprise/testing'
import { LICENSE, OWN_KEY } from './testing'

/** The wallet's way in from "Me", and signing out there drops its offline copy. */
describe('the wallet entry on the Me page', { timeout: 20_000 }, () => {
  const lookups = { EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }), TierGuide: () => ({ tierGuide: TIER_GUIDE }) }

  it('offers residents "my e-licenses", leading to the wallet', async () => {
    mockApi({ ...lookups, Me: () => ({ me: ME_BASIC }), MyLicenses: () => ({ myLicenses: [] }) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true })
    const entry = wrapper.get('[data-testid="me-licenses"]')
    expect(entry.text()).toBe('我的电子证照')
    await entry.trigger('click')
    await arrivedAt(router, 'licenses')
  })

  it('is not offered to staff', async () => {
    mockApi({ ...lookups, Me: () => ({ me: staffMe(['window_clerk']) }) })
    const { wrapper } = await mountAt('/me', { signedInAs: true, locale: 'en' })
    expect(wrapper.find('[data-testid="me-licenses"]').exists()).toBe(false)
  })

  it('signing out on this page forgets the wallet’s offline copy', async () => {
    localStorage.setItem(OWN_KEY, JSON.stringify([LICENSE]))
    mockApi({ ...lookups, Me: () => ({ me: ME_BASIC }), Logout: () => ({ logout: true }) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true })
    await wrapper.get('[data-testid="logout"]').trigger('click')
    await arrivedAt(router, 'home')
    expect(localStorage.getItem(OWN_KEY)).toBeNull()
  })
})
