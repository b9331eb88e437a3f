import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { staffMe } from '@/pages/enterprise/testing'
import { arrivedAt, graphqlError, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { page, row, ROW } from './testing'

// The first mount transforms the app's modules (Vant included): do it once, up front.
beforeAll(async () => {
  await Promise.all([import('@/router'), import('./QueuesPage.vue'), import('@/pages/staff/StaffLoginPage.vue')])
}, 60_000)

const clerk = () => ({ me: staffMe(['window_clerk'], '350100-GA') })

/** 2026-11-22 in China: a due date of 11-24 is two days away. (Only `Date` is faked.) */
function todayIs22November(): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-22T04:00:00+00:00'))
}
afterEach(() => {
  vi.useRealTimers()
})

describe('QueuesPage', () => {
  it('points a signed-out visitor to the staff sign-in, coming back afterwards', async () => {
    mockApi({})
    const { wrapper, router } = await mountAt('/staff/cases?queue=overdue')
    expect(wrapper.get('[data-testid="desk-signed-out"]').text()).toContain('请先以工作人员身份登录')
    await wrapper.get('[data-testid="desk-login"]').trigger('click')
    await arrivedAt(router, 'staff-login')
    expect(router.currentRoute.value.query.redirect).toBe('/staff/cases?queue=overdue')
  })

  it('tells a resident, and staff without a case role, that the queues are not for them', async () => {
    const api = mockApi({ Me: () => ({ me: ME_BASIC }) })
    const resident = await mountAt('/staff/cases', { signedInAs: true })
    expect(resident.wrapper.get('[data-testid="desk-signed-out"]').text()).toContain('居民账号')

    mockApi({ Me: () => ({ me: staffMe(['call_centre_agent'], null) }) })
    const agent = await mountAt('/staff/cases', { signedInAs: true })
    expect(agent.wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
    expect(agent.wrapper.find('[data-testid="desk-queue-new"]').exists()).toBe(false)
    expect(api.of('DeskCaseQueue')).toHaveLength(0)
  })

  it('shows the new cases first: grouped number, item, masked applicant, status and deadline markers', async () => {
    todayIs22November()
    const api = mockApi({
      Me: clerk,
      DeskCaseQueue: () => ({
        caseQueue: page([
          ROW,
          row({ id: 'c2', number: '35010020261119000045X', status: 'UNDER_REVIEW', dueOn: '2026-11-20', overdue: true }),
          row({ id: 'c3', status: 'ACCEPTED', dueOn: '2026-11-24', applicantKind: 'ENTERPRISE', enterpriseName: '福州闽江数字科技有限公司' }),
          row({ id: 'c4', status: 'ACCEPTED', dueOn: '2026-12-24' }),
        ]),
      }),
    })
    const { wrapper } = await mountAt('/staff/cases', { signedInAs: true })
    expect(api.of('DeskCaseQueue')[0]?.variables).toEqual({ queue: 'NEW', first: 20, after: null })
    expect(wrapper.get('[data-testid="desk-queue-new"]').attributes('aria-selected')).toBe('true')
    expect(wrapper.get('[data-testid="desk-queue-due_soon"]').attributes('aria-selected')).toBe('false')
    expect(wrapper.text()).toContain('福州市公安局的办件')

    const rows = wrapper.findAll('[data-testid="desk-case"]')
    expect(rows).toHaveLength(4)
    expect(rows[0]?.get('[data-testid="desk-case-number"]').text()).toBe('350100-20261120-000123-7')
    expect(rows[0]?.text()).toContain('居住证办理')
    expect(rows[0]?.get('[data-testid="desk-case-applicant"]').text()).toBe('陈*辉')
    expect(rows[0]?.get('[data-testid="desk-case-status"]').attributes('data-status')).toBe('SUBMITTED')
    expect(rows[0]?.get('[data-testid="desk-case-status"]').text()).toBe('已提交')
    expect(rows[0]?.get('[data-testid="desk-case-due"]').text()).toContain('受理后计算')
    // An ungrouped number is grouped for reading aloud.
    expect(rows[1]?.get('[data-testid="desk-case-number"]').text()).toBe('350100-20261119-000045-X')
    expect(rows[1]?.get('[data-testid="desk-case-due"]').attributes('data-marker')).toBe('overdue')
    expect(rows[1]?.get('[data-testid="desk-overdue"]').text()).toBe('已超期')
    expect(rows[2]?.get('[data-testid="desk-case-due"]').attributes('data-marker')).toBe('due-soon')
    expect(rows[2]?.get('[data-testid="desk-case-applicant"]').text()).toBe('福州闽江数字科技有限公司（经办人：陈*辉）')
    expect(rows[3]?.get('[data-testid="desk-case-due"]').attributes('data-marker')).toBe('none')
    expect(rows[0]?.get('[data-testid="desk-case-open"]').attributes('href')).toBe(`/staff/cases/${ROW.id}`)
  })

  it('switches queues through the URL, and every row of the due-soon queue is marked', async () => {
    todayIs22November()
    const api = mockApi({
      Me: clerk,
      DeskCaseQueue: (variables) =>
        variables.queue === 'DUE_SOON'
          ? { caseQueue: page([row({ status: 'UNDER_REVIEW', dueOn: '2026-11-27' })]) }
          : { caseQueue: page([]) },
    })
    const { wrapper, router } = await mountAt('/staff/cases', { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="desk-queue-empty"]').text()).toBe('No new cases waiting for intake.')
    await wrapper.get('[data-testid="desk-queue-due_soon"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.queue).toBe('due_soon')
    expect(api.of('DeskCaseQueue').map((c) => c.variables.queue)).toEqual(['NEW', 'DUE_SOON'])
    expect(wrapper.get('[data-testid="desk-queue-due_soon"]').attributes('aria-selected')).toBe('true')
    // Five calendar days away, but the server put it in "due soon" (weekend, holidays).
    expect(wrapper.get('[data-testid="desk-case-due"]').attributes('data-marker')).toBe('due-soon')
    expect(wrapper.get('[data-testid="desk-due-soon"]').text()).toBe('Due soon')

    for (const name of ['overdue', 'mine', 'open']) {
      await wrapper.get(`[data-testid="desk-queue-${name}"]`).trigger('click')
      await flushPromises()
    }
    expect(api.of('DeskCaseQueue').map((c) => c.variables.queue)).toEqual(['NEW', 'DUE_SOON', 'OVERDUE', 'MINE', 'OPEN'])
    expect(wrapper.get('[data-testid="desk-queue-empty"]').text()).toBe('Your department has no open cases.')
  })

  it('opens the queue named in the URL and loads more after the last cursor', async () => {
    const api = mockApi({
      Me: () => ({ me: staffMe(['approver'], '350100-GA') }),
      DeskCaseQueue: (variables) =>
        variables.after === 'cur-1'
          ? { caseQueue: page([row({ id: 'c9', number: '350100-20261101-000009-1' })]) }
          : { caseQueue: page([row({ id: 'c1' })], 'cur-1', true) },
    })
    const { wrapper } = await mountAt('/staff/cases?queue=MINE', { signedInAs: true })
    expect(api.of('DeskCaseQueue')[0]?.variables).toEqual({ queue: 'MINE', first: 20, after: null })
    await wrapper.get('[data-testid="desk-load-more"]').trigger('click')
    await flushPromises()
    expect(api.of('DeskCaseQueue')[1]?.variables).toEqual({ queue: 'MINE', first: 20, after: 'cur-1' })
    expect(wrapper.findAll('[data-testid="desk-case"]').map((r) => r.attributes('data-case-id'))).toEqual(['c1', 'c9'])
    expect(wrapper.find('[data-testid="desk-load-more"]').exists()).toBe(false)
  })

  it('explains a failed load and retries', async () => {
    let fail = true
    mockApi({
      Me: clerk,
      DeskCaseQueue: () => (fail ? graphqlError('FORBIDDEN') : { caseQueue: page([ROW]) }),
    })
    const { wrapper } = await mountAt('/staff/cases', { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('您没有权限进行这项操作')
    fail = false
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="desk-case"]')).toHaveLength(1)
  })
})
