import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { CaseDetailFragment } from '@/api/generated/graphql'
import { ME_BASIC, mountAt } from '@/test/identity'
import { CASE_ID, caseOf, fakeLive, mockServicesApi, RATING, submitted, withLive, reached } from './testing'

const PATH = `/cases/${CASE_ID}`
const me = () => ({ Me: () => ({ me: ME_BASIC }) })

const timeline = (...steps: Array<[CaseDetailFragment['timeline'][number]['action'], CaseDetailFragment['status'], string | null]>) =>
  steps.map(([action, toStatus, reason], index) => ({
    action,
    fromStatus: null,
    toStatus,
    actorRole: action === 'SUBMIT' || action === 'RESUBMIT' || action === 'WITHDRAW' ? 'applicant' : 'window_clerk',
    reason,
    at: `2026-11-2${2 + index}T03:00:00+00:00`,
  }))

describe('CasePage', { timeout: 20_000 }, () => {
  it('shows status, number, deadlines, fee, timeline, answers and materials with download links', async () => {
    mockServicesApi({
      ...me(),
      Case: () => ({
        case: submitted('ACCEPTED', {
          feeFen: 2000,
          dueOn: '2026-12-14',
          promisedOn: '2026-12-03',
          acceptedAt: '2026-11-23T03:00:00+00:00',
          timeline: timeline(['SUBMIT', 'SUBMITTED', null], ['ACCEPT', 'ACCEPTED', null]),
        }),
      }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    const status = wrapper.get('[data-testid="case-status"]')
    expect(status.attributes('data-status')).toBe('ACCEPTED')
    expect(status.text()).toBe('已受理')
    expect(wrapper.get('[data-testid="case-number"]').text()).toBe('350100-20261122-000123-7')
    expect(wrapper.get('[data-testid="case-due-on"]').text()).toBe('2026年12月14日')
    expect(wrapper.get('[data-testid="case-promised-on"]').text()).toBe('2026年12月3日')
    expect(wrapper.get('[data-testid="case-fee"]').text()).toBe('20 元')
    // The fee's payment is only named: no payment screen, no button.
    expect(wrapper.get('[data-testid="case-fee-note"]').text()).toContain('统一支付平台')
    expect(wrapper.find('[data-testid="case-fee-note"] button').exists()).toBe(false)
    const events = wrapper.findAll('[data-testid="case-event"]')
    expect(events.map((e) => e.attributes('data-action'))).toEqual(['ACCEPT', 'SUBMIT'])
    expect(events[0]?.text()).toContain('窗口工作人员')
    expect(wrapper.get('[data-testid="case-answers"]').text()).toContain('首次申领')
    const download = wrapper.get('[data-testid="case-material-download"]')
    expect(download.attributes('href')).toContain('X-Amz-Signature=get')
    expect(download.attributes('aria-label')).toBe('下载 photo.jpg')
    expect(wrapper.find('[data-testid="case-withdraw"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="case-rate"]').exists()).toBe(false)
  })

  it('shows a new status live, without reloading, when staff act on the case', async () => {
    let current = submitted()
    const api = mockServicesApi({ ...me(), Case: () => ({ case: current }) })
    const live = fakeLive()
    const { wrapper } = await mountAt(PATH, { signedInAs: true, setup: withLive(live) })
    expect(live.active(CASE_ID)).toHaveLength(1)
    live.emit(CASE_ID, 'SUBMITTED')
    await flushPromises()
    expect(api.of('Case')).toHaveLength(1)
    expect(wrapper.get('[data-testid="case-live"]').attributes('data-state')).toBe('live')

    current = submitted('UNDER_REVIEW', { timeline: timeline(['SUBMIT', 'SUBMITTED', null], ['ACCEPT', 'ACCEPTED', null], ['START_REVIEW', 'UNDER_REVIEW', null]) })
    live.emit(CASE_ID, 'UNDER_REVIEW')
    await flushPromises()
    expect(api.of('Case')).toHaveLength(2)
    expect(wrapper.get('[data-testid="case-status"]').attributes('data-status')).toBe('UNDER_REVIEW')
    expect(wrapper.findAll('[data-testid="case-event"]')).toHaveLength(3)
    expect(wrapper.get('[data-testid="case-announcement"]').text()).toBe('办件状态已更新：审查中')

    // A finished case has nothing more to watch.
    current = submitted('DELIVERED', { decidedAt: '2026-11-25T03:00:00+00:00', availableActions: [] })
    mockServicesApi({ ...me(), Case: () => ({ case: current }), CaseRating: () => ({ caseRating: null }) })
    live.emit(CASE_ID, 'DELIVERED')
    await flushPromises()
    expect(wrapper.get('[data-testid="case-status"]').attributes('data-status')).toBe('DELIVERED')
    expect(live.active(CASE_ID)).toHaveLength(0)
  })

  it('shows why a correction is asked for, and leads to the form to correct and resubmit', async () => {
    mockServicesApi({
      ...me(),
      Case: () => ({ case: submitted('CORRECTION_REQUESTED', { lastReason: '照片不清晰', availableActions: ['RESUBMIT', 'WITHDRAW'] }) }),
    })
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="case-reason"]').text()).toBe('需要补正：照片不清晰')
    await wrapper.get('[data-testid="case-resubmit"]').trigger('click')
    await reached(router, 'case-apply')
  })

  it('withdraws with a reason', async () => {
    const api = mockServicesApi({
      ...me(),
      Case: () => ({ case: submitted() }),
      WithdrawApplication: (v) => ({
        withdrawApplication: { __typename: 'Case', ...submitted('WITHDRAWN', { lastReason: String(v.reason), availableActions: [] }) },
      }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="case-withdraw"]').trigger('click')
    await wrapper.get('[data-testid="case-withdraw-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="case-withdraw-error"]').text()).toBe('请填写原因。')
    expect(api.of('WithdrawApplication')).toHaveLength(0)
    await wrapper.get('[data-testid="case-withdraw-reason"]').setValue('信息填写有误')
    await wrapper.get('[data-testid="case-withdraw-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('WithdrawApplication')[0]?.variables).toEqual({ caseId: CASE_ID, reason: '信息填写有误' })
    expect(wrapper.get('[data-testid="case-status"]').attributes('data-status')).toBe('WITHDRAWN')
    expect(wrapper.get('[data-testid="case-notice"]').text()).toBe('申请已撤回。')
    expect(wrapper.get('[data-testid="case-reason"]').text()).toBe('撤回原因：信息填写有误')
    expect(wrapper.find('[data-testid="case-withdraw"]').exists()).toBe(false)
  })

  it('rates a finished case, and changes the rating while allowed', async () => {
    const finished = submitted('COMPLETED', { decidedAt: '2026-11-25T03:00:00+00:00', availableActions: [] })
    const api = mockServicesApi({
      ...me(),
      Case: () => ({ case: finished }),
      CaseRating: () => ({ caseRating: null }),
      RateCase: (v) => ({ rateCase: { __typename: 'Rating', ...RATING, score: Number(v.score), comment: String(v.comment ?? '') } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="case-rate"]').trigger('click')
    await wrapper.get('[data-testid="case-rate-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="case-rate-error"]').text()).toBe('请选择 1 至 5 分。')
    await wrapper.get('[data-testid="case-rate-score-5"]').setValue(true)
    await wrapper.get('[data-testid="case-rate-comment"]').setValue(' 很方便 ')
    await wrapper.get('[data-testid="case-rate-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('RateCase')[0]?.variables).toEqual({ caseId: CASE_ID, score: 5, comment: '很方便' })
    expect(wrapper.get('[data-testid="case-rating"]').attributes('data-score')).toBe('5')
    expect(wrapper.get('[data-testid="case-rate-saved"]').text()).toBe('感谢您的评价。')
    expect(wrapper.find('[data-testid="case-rate-edit"]').exists()).toBe(true)
  })

  it('stops offering to change a rating once the API says it is locked', async () => {
    mockServicesApi({
      ...me(),
      Case: () => ({ case: submitted('DELIVERED', { decidedAt: '2026-11-25T03:00:00+00:00', availableActions: [] }) }),
      CaseRating: () => ({ caseRating: RATING }),
      RateCase: () => ({ rateCase: { __typename: 'CaseworkError', code: 'RATING_LOCKED', message: 'x' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="case-rating"]').text()).toContain('我的评价：4 分')
    expect(wrapper.get('[data-testid="case-rating-until"]').text()).toContain('前修改')
    await wrapper.get('[data-testid="case-rate-edit"]').trigger('click')
    await wrapper.get('[data-testid="case-rate-score-2"]').setValue(true)
    await wrapper.get('[data-testid="case-rate-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="case-rate-error"]').text()).toBe('评价已超过可修改的期限，不能再修改。')
    expect(wrapper.find('[data-testid="case-rate-edit"]').exists()).toBe(false)

    mockServicesApi({
      ...me(),
      Case: () => ({ case: submitted('DELIVERED', { decidedAt: '2026-11-25T03:00:00+00:00', availableActions: [] }) }),
      CaseRating: () => ({ caseRating: { ...RATING, editable: false } }),
    })
    const later = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(later.wrapper.find('[data-testid="case-rate-edit"]').exists()).toBe(false)
  })

  it('files a complaint about the case', async () => {
    const api = mockServicesApi({
      ...me(),
      Case: () => ({ case: submitted() }),
      FileComplaint: () => ({ fileComplaint: { __typename: 'Complaint', id: 'k42', status: 'RECEIVED', caseNumber: '350100-20261122-000123-7' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en', setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="case-complain"]').trigger('click')
    await wrapper.get('[data-testid="case-complain-text"]').setValue('窗口让我跑了三次')
    await wrapper.get('[data-testid="case-complain-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('FileComplaint')[0]?.variables).toEqual({ caseId: CASE_ID, text: '窗口让我跑了三次' })
    expect(wrapper.get('[data-testid="case-complain-done"]').text()).toBe('Complaint received, reference k42.')
  })

  it('leads a draft back to its form', async () => {
    mockServicesApi({ ...me(), Case: () => ({ case: caseOf() }) })
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="case-number"]').text()).toBe('草稿，提交后生成编号')
    expect(wrapper.find('[data-testid="case-complain"]').exists()).toBe(false)
    await wrapper.get('[data-testid="case-continue"]').trigger('click')
    await reached(router, 'case-apply')
  })

  it('reads a case that is not mine exactly like a missing one', async () => {
    mockServicesApi({ ...me(), Case: () => ({ case: null }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="case-not-found"]').text()).toBe('没有找到这个办件。')
  })
})
