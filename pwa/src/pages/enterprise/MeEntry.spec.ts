import { describe, expect, it } from 'vitest'
import { arrivedAt, ETHNIC_GROUPS, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'
import { staffMe } from './testing'

/** The one way in from "Me": my enterprises for residents, the staff desk for staff. */
describe('entry points on the Me page', () => {
  const lookups = { EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }), TierGuide: () => ({ tierGuide: TIER_GUIDE }) }

  it('offers residents "my enterprises" and no staff desk', async () => {
    mockApi({ ...lookups, Me: () => ({ me: ME_BASIC }), MyEnterprises: () => ({ myEnterprises: [] }) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true })
    expect(wrapper.find('[data-testid="me-staff-desk"]').exists()).toBe(false)
    const entry = wrapper.get('[data-testid="me-enterprises"]')
    expect(entry.text()).toBe('我的企业')
    await entry.trigger('click')
    await arrivedAt(router, 'enterprises')
  })

  it('offers staff the staff desk and no resident entries', async () => {
    mockApi({ ...lookups, Me: () => ({ me: staffMe(['window_clerk']) }) })
    const { wrapper, router } = await mountAt('/me', { signedInAs: true, locale: 'en' })
    expect(wrapper.find('[data-testid="me-enterprises"]').exists()).toBe(false)
    const entry = wrapper.get('[data-testid="me-staff-desk"]')
    expect(entry.text()).toBe('Staff desk')
    await entry.trigger('click')
    await arrivedAt(router, 'staff-desk')
  })

  it('offers nothing of the kind when signed out', async () => {
    mockApi(lookups)
    const { wrapper } = await mountAt('/me')
    expect(wrapper.find('[data-testid="me-enterprises"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="me-staff-desk"]').exists()).toBe(false)
  })
})
