import { flushPromises } from '@vue/test-utils'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import { ETHNIC_GROUPS, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'

/** axe-core's structural rules on the identity pages (contrast is left to the browser run). */
async function seriousViolations() {
  document.title = 'OneTap' // set by installLocaleSync in the app
  const results = await axe.run(document, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    resultTypes: ['violations'],
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const backend = () =>
  mockApi({
    EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }),
    TierGuide: () => ({ tierGuide: TIER_GUIDE }),
    Me: () => ({ me: ME_BASIC }),
    MySessions: () => ({
      mySessions: [
        { id: 'S1', device: 'Mozilla/5.0 (iPhone) Safari/605.1', methods: ['pwd'], createdAt: '2026-11-22T08:00:00Z', lastUsedAt: '2026-11-22T08:00:00Z', current: true },
        { id: 'S2', device: 'unknown device', methods: ['sms'], createdAt: '2026-11-21T08:00:00Z', lastUsedAt: '2026-11-21T08:00:00Z', current: false },
      ],
    }),
  })

describe('accessibility of the identity pages (axe-core, structural rules)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`login, both tabs (${locale})`, async () => {
      backend()
      const { wrapper } = await mountAt('/login', { locale })
      expect(await seriousViolations()).toEqual([])
      await wrapper.get('[data-testid="login-tab-sms"]').trigger('click')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    })

    it(`register with every field in error (${locale})`, async () => {
      backend()
      const { wrapper } = await mountAt('/register', { locale })
      await wrapper.get('[data-testid="register-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.findAll('[aria-invalid="true"]').length).toBeGreaterThanOrEqual(5)
      expect(await seriousViolations()).toEqual([])
    })

    it(`recover, me, devices, raise (${locale})`, async () => {
      backend()
      await mountAt('/recover', { locale })
      expect(await seriousViolations()).toEqual([])
      await mountAt('/me', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      await mountAt('/me/devices', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      await mountAt('/me/verify', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
    })
  }

  it('in elder mode', async () => {
    document.documentElement.classList.add('elder-mode')
    backend()
    await mountAt('/register')
    expect(await seriousViolations()).toEqual([])
  })
})
