import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { staffMe } from '@/pages/enterprise/testing'
import { fill, mockApi, mountAt } from '@/test/identity'
import { CASE_ID, COMPLAINT, page, row } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./SupervisionPage.vue')])
}, 60_000)
afterEach(() => {
  vi.useRealTimers()
})

const DEPARTMENT = { code: '350100-GA', name: '福州市公安局', nameEn: 'Fuzhou Public Security Bureau' }
const METRICS = [
  {
    department: DEPARTMENT,
    casesReceived: 120,
    casesDecided: 80,
    onTimeRate: 0.925,
    averageHandlingDays: 4.25,
    ratingAverage: 4.6,
    ratingCount: 37,
    openCases: 40,
    overdueCases: 3,
    complaintsOpen: 2,
  },
  {
    department: { code: '350100-SB', name: '福州市人社局', nameEn: 'Fuzhou HR and Social Security Bureau' },
    casesReceived: 0,
    casesDecided: 0,
    onTimeRate: null,
    averageHandlingDays: null,
    ratingAverage: null,
    ratingCount: 0,
    openCases: 0,
    overdueCases: 0,
    complaintsOpen: 0,
  },
]
const WARNING = {
  id: 'w1',
  caseId: CASE_ID,
  caseNumber: '350100-20261120-000123-7',
  itemName: '居住证办理',
  itemNameEn: 'Residence permit',
  threshold: 80,
  raisedAt: '2026-11-21T01:00:00+00:00',
  dueOn: '2026-11-25',
}
const LOG = {
  id: 'l1',
  agentName: '王坐席',
  queryKind: 'PHONE',
  purpose: 'CALLER_ENQUIRY',
  purposeText: '来电人询问进度',
  caseNumbers: ['350100-20261120-000123-7'],
  at: '2026-11-22T03:00:00+00:00',
}

function supervisorApi(extra: Record<string, (v: Record<string, unknown>) => unknown> = {}) {
  return mockApi({
    Me: () => ({ me: staffMe(['supervisor'], null) }),
    DeskMetrics: () => ({ departmentMetrics: METRICS }),
    DeskDeadlineWarnings: () => ({ deadlineWarnings: page([WARNING]) }),
    DeskOverdueCases: () => ({ overdueCases: page([row({ status: 'UNDER_REVIEW', dueOn: '2026-11-18', overdue: true })]) }),
    DeskComplaints: () => ({ complaints: page([COMPLAINT]) }),
    DeskLookupLog: () => ({ lookupLog: page([LOG, { ...LOG, id: 'l2', caseNumbers: [], queryKind: 'ID_NUMBER' }]) }),
    ...extra,
  })
}

describe('SupervisionPage', () => {
  it('is for supervisors, platform admins and department admins', async () => {
    mockApi({ Me: () => ({ me: staffMe(['window_clerk', 'approver'], '350100-GA') }) })
    const { wrapper } = await mountAt('/staff/supervision', { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
  })

  it('shows a supervisor the department metrics of this month, then of a chosen period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-22T04:00:00+00:00'))
    const api = supervisorApi()
    const { wrapper } = await mountAt('/staff/supervision', { signedInAs: true })
    expect(wrapper.findAll('[data-testid^="desk-supervision-tab-"]').map((t) => t.attributes('data-testid'))).toEqual([
      'desk-supervision-tab-metrics',
      'desk-supervision-tab-warnings',
      'desk-supervision-tab-overdue',
      'desk-supervision-tab-complaints',
      'desk-supervision-tab-log',
    ])
    expect(api.of('DeskMetrics')[0]?.variables).toEqual({ from: '2026-11-01', to: '2026-11-22', departmentCode: null })
    const table = wrapper.get('[data-testid="desk-metrics-table"]')
    expect(table.get('caption').text()).toContain('的部门指标')
    const [first, second] = table.findAll('[data-testid="desk-metrics-row"]')
    expect(first?.get('th').text()).toBe('福州市公安局')
    expect(first?.get('[data-testid="desk-metrics-on-time"]').text()).toBe('92.5%')
    expect(first?.get('[data-testid="desk-metrics-average-days"]').text()).toBe('4.3')
    expect(first?.get('[data-testid="desk-metrics-rating"]').text()).toBe('4.6（37 条）')
    expect(first?.get('[data-testid="desk-metrics-overdue"]').text()).toBe('3')
    expect(second?.get('[data-testid="desk-metrics-on-time"]').text()).toBe('—')
    expect(second?.get('[data-testid="desk-metrics-rating"]').text()).toBe('—')

    await wrapper.get('[data-testid="desk-metrics-from"]').setValue('2026-10-01')
    await wrapper.get('[data-testid="desk-metrics-to"]').setValue('2026-09-30')
    await wrapper.get('[data-testid="desk-metrics-load"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-metrics-range-error"]').text()).toBe('结束日期不能早于开始日期。')
    expect(api.of('DeskMetrics')).toHaveLength(1)

    await wrapper.get('[data-testid="desk-metrics-to"]').setValue('2026-10-31')
    await wrapper.get('[data-testid="desk-metrics-load"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskMetrics')[1]?.variables).toEqual({ from: '2026-10-01', to: '2026-10-31', departmentCode: null })

    // One department, by its code.
    await fill(wrapper, 'desk-supervision-department', ' 350100-GA ')
    await wrapper.get('[data-testid="desk-supervision-department-apply"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskMetrics').at(-1)?.variables).toMatchObject({ departmentCode: '350100-GA' })
  })

  it('lists deadline warnings, overdue cases and the lookup log', async () => {
    supervisorApi()
    const { wrapper, router } = await mountAt('/staff/supervision?tab=warnings', { signedInAs: true, locale: 'en' })
    const warning = wrapper.get('[data-testid="desk-deadline-warning"]')
    expect(warning.attributes('data-threshold')).toBe('80')
    expect(warning.text()).toContain('80% of the statutory time used')
    expect(warning.text()).toContain('Residence permit')
    expect(warning.get('a').attributes('href')).toBe(`/staff/cases/${CASE_ID}`)

    await wrapper.get('[data-testid="desk-supervision-tab-overdue"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.tab).toBe('overdue')
    const overdue = wrapper.get('[data-testid="desk-overdue-case"]')
    expect(overdue.get('[data-testid="desk-case-due"]').attributes('data-marker')).toBe('overdue')

    await wrapper.get('[data-testid="desk-supervision-tab-log"]').trigger('click')
    await flushPromises()
    const entries = wrapper.findAll('[data-testid="desk-lookup-log-entry"]')
    expect(entries).toHaveLength(2)
    expect(entries[0]?.text()).toContain('王坐席')
    expect(entries[0]?.text()).toContain('Caller asks about progress: 来电人询问进度')
    expect(entries[0]?.text()).toContain('350100-20261120-000123-7')
    expect(entries[1]?.attributes('data-kind')).toBe('ID_NUMBER')
    expect(entries[1]?.text()).toContain('None found')
  })

  it('moves a complaint on: handling, answered with an answer, closed', async () => {
    const api = supervisorApi({
      DeskAdvanceComplaint: (variables) => {
        const to = variables.to as string
        const next = { HANDLING: ['ANSWERED'], ANSWERED: ['CLOSED'], CLOSED: [] }[to] ?? []
        return { advanceComplaint: { ...COMPLAINT, status: to, answer: variables.answer ?? (to === 'CLOSED' ? '已督促加快办理。' : null), nextStatuses: next } }
      },
    })
    const { wrapper } = await mountAt('/staff/supervision?tab=complaints', { signedInAs: true })
    const complaint = () => wrapper.get('[data-testid="desk-complaint"]')
    expect(complaint().attributes('data-status')).toBe('RECEIVED')
    expect(complaint().text()).toContain('办理太慢了。')
    expect(complaint().text()).toContain('350100-20261120-000123-7')

    await complaint().get('[data-testid="desk-complaint-handle"]').trigger('click')
    await flushPromises()
    expect(api.of('DeskAdvanceComplaint')[0]?.variables).toEqual({ complaintId: 'cp1', to: 'HANDLING', answer: null })
    expect(complaint().attributes('data-status')).toBe('HANDLING')
    expect(wrapper.get('[data-testid="desk-complaints-notice"]').text()).toBe('投诉状态已更新为「处理中」。')

    await complaint().get('[data-testid="desk-complaint-answer"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="desk-reason-confirm"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-reason-error"]').text()).toBe('请填写答复内容。')
    await wrapper.get('[data-testid="desk-reason"]').setValue('已督促加快办理。')
    await wrapper.get('[data-testid="desk-reason-confirm"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskAdvanceComplaint')[1]?.variables).toEqual({ complaintId: 'cp1', to: 'ANSWERED', answer: '已督促加快办理。' })
    expect(complaint().get('[data-testid="desk-complaint-answer-text"]').text()).toBe('已督促加快办理。')

    await complaint().get('[data-testid="desk-complaint-close"]').trigger('click')
    await flushPromises()
    expect(api.of('DeskAdvanceComplaint')[2]?.variables).toEqual({ complaintId: 'cp1', to: 'CLOSED', answer: null })
    expect(complaint().attributes('data-status')).toBe('CLOSED')
    expect(complaint().find('[data-testid^="desk-complaint-"][data-testid$="close"]').exists()).toBe(false)
  })

  it('filters complaints by status and shows only the steps the server allows', async () => {
    const api = supervisorApi({
      DeskComplaints: () => ({ complaints: page([{ ...COMPLAINT, status: 'ANSWERED', answer: '已答复。', nextStatuses: [] }]) }),
    })
    const { wrapper } = await mountAt('/staff/supervision?tab=complaints', { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-complaint-close"]').exists()).toBe(false)
    await wrapper.get('[data-testid="desk-complaints-status"]').setValue('ANSWERED')
    await flushPromises()
    expect(api.of('DeskComplaints').map((c) => c.variables.status)).toEqual([null, 'ANSWERED'])
  })

  it('shows a department admin their own department only, without metrics or the lookup log', async () => {
    const api = mockApi({
      Me: () => ({ me: staffMe(['department_admin'], '350100-GA') }),
      DeskDeadlineWarnings: () => ({ deadlineWarnings: page([]) }),
      DeskComplaints: () => ({ complaints: page([]) }),
    })
    const { wrapper } = await mountAt('/staff/supervision?tab=metrics', { signedInAs: true })
    expect(wrapper.findAll('[data-testid^="desk-supervision-tab-"]').map((t) => t.attributes('data-testid'))).toEqual([
      'desk-supervision-tab-warnings',
      'desk-supervision-tab-overdue',
      'desk-supervision-tab-complaints',
    ])
    expect(wrapper.find('[data-testid="desk-supervision-department"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="desk-supervision-own"]').text()).toContain('福州市公安局')
    expect(api.of('DeskDeadlineWarnings')[0]?.variables).toEqual({ departmentCode: '350100-GA', first: 20, after: null })
    expect(wrapper.get('[data-testid="desk-deadline-warnings-empty"]').text()).toBe('没有时限预警。')
    await wrapper.get('[data-testid="desk-supervision-tab-complaints"]').trigger('click')
    await flushPromises()
    expect(api.of('DeskComplaints')[0]?.variables).toMatchObject({ departmentCode: '350100-GA' })
    expect(api.of('DeskMetrics')).toHaveLength(0)
  })
})
