import { flushPromises } from '@vue/test-utils'
import axe from 'axe-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { staffMe } from '@/pages/enterprise/testing'
import { fill, mockApi, mountAt } from '@/test/identity'
import { CASE, CASE_ID, COMPLAINT, FOUND, ITEM, page, row, ROW } from './testing'

/** axe-core's structural rules on the desk pages (contrast is left to the browser run). */
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

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./QueuesPage.vue'), import('./CasePage.vue'), import('./LookupPage.vue'), import('./SupervisionPage.vue')])
}, 60_000)

function everything(roles: string[], department: string | null) {
  return mockApi({
    Me: () => ({ me: staffMe(roles, department) }),
    DeskCaseQueue: () => ({ caseQueue: page([ROW, row({ id: 'c2', overdue: true, dueOn: '2026-11-01', status: 'UNDER_REVIEW' })], 'c', true) }),
    DeskCase: () => ({ case: CASE }),
    DeskCaseWarnings: () => ({ caseWarnings: [{ id: 'w1', threshold: 80, raisedAt: '2026-11-21T01:00:00+00:00' }] }),
    DeskLookup: () => ({ callCentreLookup: { __typename: 'LookupResult', logId: 'log-1', cases: [FOUND] } }),
    DeskMetrics: () => ({
      departmentMetrics: [
        {
          department: CASE.item.department,
          casesReceived: 3,
          casesDecided: 2,
          onTimeRate: 1,
          averageHandlingDays: 2,
          ratingAverage: 5,
          ratingCount: 1,
          openCases: 1,
          overdueCases: 0,
          complaintsOpen: 1,
        },
      ],
    }),
    DeskComplaints: () => ({ complaints: page([COMPLAINT]) }),
    DeskServiceCategories: () => ({ serviceCategories: [{ code: 'public_security', name: '公安', nameEn: 'Public security' }] }),
    DeskItemVersions: () => ({ serviceItemVersions: [ITEM] }),
  })
}

describe('accessibility of the desk (axe-core, structural rules)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`queues and a case with the reason dialog open (${locale})`, async () => {
      everything(['window_clerk'], '350100-GA')
      await mountAt('/staff/cases', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      const { wrapper } = await mountAt(`/staff/cases/${CASE_ID}`, { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      await wrapper.get('[data-testid="desk-action-reject"]').trigger('click')
      await wrapper.get('[data-testid="desk-reason-confirm"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    }, 20_000)

    it(`the 12345 lookup, with errors and with a result (${locale})`, async () => {
      everything(['call_centre_agent'], null)
      const { wrapper } = await mountAt('/staff/lookup', { locale, signedInAs: true })
      await wrapper.get('[data-testid="desk-lookup-submit"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
      await fill(wrapper, 'desk-lookup-value', '350100-20261120-000123-7')
      await wrapper.get('[data-testid="desk-lookup-purpose"]').setValue('URGING')
      await wrapper.get('[data-testid="desk-lookup-purpose-text"]').setValue('来电催办工单')
      await wrapper.get('[data-testid="desk-lookup-submit"]').trigger('submit')
      await flushPromises()
      expect(wrapper.find('[data-testid="desk-lookup-result"]').exists()).toBe(true)
      expect(await seriousViolations()).toEqual([])
    }, 20_000)

    it(`supervision and the catalogue editor (${locale})`, async () => {
      everything(['supervisor', 'department_admin'], '350100-GA')
      await mountAt('/staff/supervision', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      await mountAt('/staff/supervision?tab=complaints', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      const editor = await mountAt('/staff/catalogue/350100-GA-0001', { locale, signedInAs: true })
      await editor.wrapper.get('[data-testid="desk-catalogue-edit"]').trigger('click')
      await flushPromises()
      await fill(editor.wrapper, 'desk-item-name', '')
      await editor.wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
      await flushPromises()
      expect(await seriousViolations()).toEqual([])
    }, 20_000)
  }
})
