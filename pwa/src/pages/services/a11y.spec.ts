import { flushPromises } from '@vue/test-utils'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import { ME_BASIC, mountAt } from '@/test/identity'
import { CASE_ID, caseOf, connection, fakeLive, ITEM, mockServicesApi, RATING, submitted, summaryOf, withLive } from './testing'

/** axe-core's structural rules on the services pages (contrast is left to the browser run). */
async function seriousViolations() {
  document.title = 'OneTap'
  const results = await axe.run(document, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    resultTypes: ['violations'],
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

function backend() {
  return mockServicesApi({
    Me: () => ({ me: ME_BASIC }),
    ServiceItems: () => ({ serviceItems: connection([ITEM], true) }),
    ServiceCategories: () => ({ serviceCategories: [{ code: 'household', name: '户籍证件', nameEn: 'Household', itemCount: 3 }] }),
    CityDepartments: () => ({ region: null }),
    ServiceItem: () => ({ serviceItem: { ...ITEM, applicantKinds: ['PERSON', 'ENTERPRISE'], enterpriseTier: 'advanced' } }),
    MyCases: () => ({ myCases: connection([summaryOf(submitted()), summaryOf(caseOf({ id: 'd1' }))], true) }),
    Case: (v) =>
      v.id === CASE_ID
        ? { case: submitted('COMPLETED', { feeFen: 2000, decidedAt: '2026-11-25T03:00:00+00:00', availableActions: [] }) }
        : { case: caseOf({ id: 'd1' }) },
    CaseRating: () => ({ caseRating: RATING }),
  })
}

describe('accessibility of the services pages (axe-core, structural rules)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`catalogue and a service guide (${locale})`, async () => {
      backend()
      await mountAt('/services?q=居住证', { locale })
      expect(await seriousViolations()).toEqual([])
      await mountAt(`/services/${ITEM.code}`, { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
    }, 30_000)

    it(`the application form, with its problems shown, and the review (${locale})`, async () => {
      backend()
      const { wrapper } = await mountAt('/cases/d1/apply', { locale, signedInAs: true })
      await wrapper.get('[data-testid="apply-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.find('[data-testid="apply-field-reason-error"]').exists()).toBe(true)
      expect(await seriousViolations()).toEqual([])
      await mountAt('/cases/d1/apply?step=review', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
    }, 30_000)

    it(`my cases and a finished case with its rating and the forms open (${locale})`, async () => {
      backend()
      await mountAt('/cases', { locale, signedInAs: true, setup: withLive(fakeLive()) })
      expect(await seriousViolations()).toEqual([])
      const { wrapper } = await mountAt(`/cases/${CASE_ID}`, { locale, signedInAs: true, setup: withLive(fakeLive()) })
      await wrapper.get('[data-testid="case-rate-edit"]').trigger('click')
      await wrapper.get('[data-testid="case-complain"]').trigger('click')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    }, 30_000)
  }
})
