import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { staffMe } from '@/pages/enterprise/testing'
import { graphqlError, mockApi, mountAt } from '@/test/identity'
import { CASE, CASE_ID, caseWith } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./CasePage.vue')])
}, 60_000)

const PATH = `/staff/cases/${CASE_ID}`
const WARNINGS = [
  { id: 'w1', threshold: 50, raisedAt: '2026-11-25T01:00:00+00:00' },
  { id: 'w2', threshold: 80, raisedAt: '2026-11-28T01:00:00+00:00' },
]
const caseworkError = (code: string) => ({ advanceCase: { __typename: 'CaseworkError', code, message: 'x' } })

function api(options: { roles?: string[]; record?: typeof CASE | null; advance?: (v: Record<string, unknown>) => unknown } = {}) {
  return mockApi({
    Me: () => ({ me: staffMe(options.roles ?? ['window_clerk'], '350100-GA') }),
    DeskCase: () => ({ case: options.record === undefined ? CASE : options.record }),
    DeskCaseWarnings: () => ({ caseWarnings: WARNINGS }),
    DeskAdvanceCase: (variables) => (options.advance ? options.advance(variables) : caseworkError('TRANSITION_NOT_ALLOWED')),
  })
}

function dialog() {
  return document.querySelector('[data-testid="desk-reason-dialog"]')
}

describe('CasePage', () => {
  it('shows the case: status, masked applicant, answers under their labels, materials, timeline and warnings', async () => {
    const calls = api()
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(calls.of('DeskCase')[0]?.variables).toEqual({ id: CASE_ID })
    expect(calls.of('DeskCaseWarnings')[0]?.variables).toEqual({ caseId: CASE_ID })
    expect(wrapper.get('[data-testid="desk-case-number"]').text()).toBe('350100-20261120-000123-7')
    expect(wrapper.get('[data-testid="desk-case-item"]').text()).toBe('居住证办理')
    const status = wrapper.get('[data-testid="desk-case-status"]')
    expect(status.attributes('data-status')).toBe('SUBMITTED')
    expect(status.text()).toBe('已提交')
    expect(wrapper.get('[data-testid="desk-case-applicant"]').text()).toBe('陈*辉')
    expect(wrapper.get('[data-testid="desk-case-fee"]').text()).toBe('¥20.00（尚未缴费）')
    expect(wrapper.text()).toContain('法定 15 个工作日，承诺 7 个工作日')
    expect(wrapper.text()).toContain('快递寄送')

    const answers = Object.fromEntries(
      wrapper.findAll('[data-testid="desk-answer"]').map((a) => [a.attributes('data-key'), [a.get('dt').text(), a.get('dd').text()]]),
    )
    expect(answers).toEqual({
      reason: ['申请事由', '工作'],
      district: ['居住区', '鼓楼区'],
      urgent: ['加急', '是'],
      phone: ['联系电话', '138****1234'],
      note: ['备注', '—'],
      legacy: ['legacy', 'x'],
    })

    const material = wrapper.get('[data-testid="desk-material"]')
    expect(material.text()).toContain('近期免冠照片')
    expect(material.text()).toContain('photo.jpg')
    const link = material.get('[data-testid="desk-material-download"]')
    expect(link.attributes('href')).toBe('https://objects.example/cases/c1/m1?sig=abc')
    expect(link.attributes('rel')).toContain('noopener')
    expect(link.attributes('aria-label')).toBe('下载 photo.jpg')

    expect(wrapper.findAll('[data-testid="desk-timeline-event"]').map((e) => e.attributes('data-action'))).toEqual(['SUBMIT'])
    expect(wrapper.get('[data-testid="desk-timeline-event"]').text()).toContain('申请人')
    expect(wrapper.findAll('[data-testid="desk-warning"]').map((w) => w.text().split(' · ')[0])).toEqual([
      '已用去法定时限的 50%',
      '已用去法定时限的 80%',
    ])
  })

  it('in English, with the overdue warning and a settled fee', async () => {
    api({ record: caseWith({ status: 'UNDER_REVIEW', overdue: true, dueOn: '2026-11-20', feeSettled: true, availableActions: [] }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="desk-case-status"]').text()).toBe('Under review')
    expect(wrapper.get('[data-testid="desk-case-overdue"]').text()).toBe('This case is past its statutory deadline.')
    expect(wrapper.get('[data-testid="desk-case-due"]').attributes('data-marker')).toBe('overdue')
    expect(wrapper.get('[data-testid="desk-case-fee"]').text()).toBe('CN¥20.00 (paid)')
    const answers = wrapper.findAll('[data-testid="desk-answer"]').map((a) => a.text())
    expect(answers).toContain('DistrictGulou')
    expect(answers).toContain('UrgentYes')
  })

  it.each([
    [['window_clerk'], ['ACCEPT', 'REJECT', 'REQUEST_CORRECTION'] as const, ['accept', 'reject', 'request_correction']],
    [['approver'], ['START_REVIEW'] as const, ['start_review']],
    [['department_admin'], ['APPROVE', 'DENY', 'REQUEST_CORRECTION'] as const, ['approve', 'deny', 'request_correction']],
  ])('offers %s exactly the actions the server lists', async (roles, actions, ids) => {
    api({ roles, record: caseWith({ availableActions: [...actions] }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    const buttons = wrapper.findAll('[data-testid^="desk-action-"]').map((b) => b.attributes('data-testid'))
    expect(buttons).toEqual(ids.map((id) => `desk-action-${id}`))
    expect(wrapper.find('[data-testid="desk-no-actions"]').exists()).toBe(false)
  })

  it('lets a supervisor read a case without any action', async () => {
    api({ roles: ['supervisor'], record: caseWith({ availableActions: [] }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid^="desk-action-"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="desk-no-actions"]').text()).toBe('当前没有您可以进行的办理操作。')
    expect(wrapper.find('[data-testid="desk-case-back"]').exists()).toBe(false)
  })

  it('keeps call-centre agents out (they look cases up with a purpose instead)', async () => {
    const calls = api({ roles: ['call_centre_agent'] })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
    expect(calls.of('DeskCase')).toHaveLength(0)
  })

  it('accepts a case at once and shows its new status and actions', async () => {
    const accepted = caseWith({
      status: 'ACCEPTED',
      acceptedAt: '2026-11-22T02:00:00+00:00',
      dueOn: '2026-12-14',
      availableActions: [],
      timeline: [
        ...CASE.timeline,
        { action: 'ACCEPT', fromStatus: 'SUBMITTED', toStatus: 'ACCEPTED', actorRole: 'window_clerk', reason: null, at: '2026-11-22T02:00:00+00:00' },
      ],
    })
    const calls = api({ advance: () => ({ advanceCase: accepted }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-action-accept"]').trigger('click')
    await flushPromises()
    expect(calls.of('DeskAdvanceCase')[0]?.variables).toEqual({ caseId: CASE_ID, action: 'ACCEPT', reason: null })
    expect(dialog()).toBeNull()
    expect(wrapper.get('[data-testid="desk-case-status"]').attributes('data-status')).toBe('ACCEPTED')
    expect(wrapper.get('[data-testid="desk-case-notice"]').text()).toBe('已完成：受理。')
    expect(wrapper.findAll('[data-testid="desk-timeline-event"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="desk-no-actions"]').exists()).toBe(true)
  })

  it('asks for the reason of a rejection, refuses an empty one, and sends it', async () => {
    const rejected = caseWith({ status: 'REJECTED', lastReason: '材料不属于本事项。', availableActions: ['CLOSE'] })
    const calls = api({ advance: () => ({ advanceCase: rejected }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-action-reject"]').trigger('click')
    await flushPromises()
    expect(dialog()?.textContent).toContain('不予受理')
    expect(dialog()?.textContent).toContain('理由（申请人会看到）')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('desk-reason')

    await wrapper.get('[data-testid="desk-reason"]').setValue('   ')
    await wrapper.get('[data-testid="desk-reason-confirm"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-reason-error"]').text()).toBe('请填写理由。')
    expect(calls.of('DeskAdvanceCase')).toHaveLength(0)

    await wrapper.get('[data-testid="desk-reason"]').setValue('  材料不属于本事项。 ')
    await wrapper.get('[data-testid="desk-reason-confirm"]').trigger('submit')
    await flushPromises()
    expect(calls.of('DeskAdvanceCase')[0]?.variables).toEqual({ caseId: CASE_ID, action: 'REJECT', reason: '材料不属于本事项。' })
    expect(wrapper.get('[data-testid="desk-reason-dialog"]').isVisible()).toBe(false)
    expect(wrapper.get('[data-testid="desk-case-status"]').attributes('data-status')).toBe('REJECTED')
    expect(wrapper.get('[data-testid="desk-case-last-reason"]').text()).toBe('材料不属于本事项。')
    expect(wrapper.find('[data-testid="desk-action-close"]').exists()).toBe(true)
  })

  it('can cancel the reason dialog; the text does not carry over to the next action', async () => {
    const calls = api({ record: caseWith({ status: 'UNDER_REVIEW', availableActions: ['APPROVE', 'DENY', 'REQUEST_CORRECTION'] }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="desk-action-deny"]').trigger('click')
    await flushPromises()
    expect(dialog()?.textContent).toContain('Reason (the applicant sees it)')
    await wrapper.get('[data-testid="desk-reason"]').setValue('half written')
    await wrapper.get('[data-testid="desk-reason-cancel"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-reason-dialog"]').isVisible()).toBe(false)
    await wrapper.get('[data-testid="desk-action-request_correction"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-reason-dialog"]').isVisible()).toBe(true)
    expect(dialog()?.textContent).toContain('Request correction')
    expect(wrapper.get<HTMLTextAreaElement>('[data-testid="desk-reason"]').element.value).toBe('')
    expect(calls.of('DeskAdvanceCase')).toHaveLength(0)
  })

  it('keeps the dialog open with the server’s answer about the reason', async () => {
    api({
      advance: () => ({ advanceCase: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'reason', reason: 'too_long' } }),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-action-request_correction"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="desk-reason"]').setValue('请补充身份证复印件。')
    await wrapper.get('[data-testid="desk-reason-confirm"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-reason-server-error"]').text()).toBe('填写的信息有误，请检查后重试。')
    expect(wrapper.get<HTMLTextAreaElement>('[data-testid="desk-reason"]').element.value).toBe('请补充身份证复印件。')
  })

  it.each([
    ['zh-CN', '该办件的费用尚未缴清，暂不能办结。'],
    ['en', 'The fee for this case has not been paid yet, so it cannot be completed.'],
  ] as const)('explains an unpaid fee when completing (%s)', async (locale, words) => {
    const calls = api({ record: caseWith({ status: 'APPROVED', availableActions: ['COMPLETE'] }), advance: () => caseworkError('FEE_UNSETTLED') })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale })
    await wrapper.get('[data-testid="desk-action-complete"]').trigger('click')
    await flushPromises()
    const notice = wrapper.get('[data-testid="desk-case-notice"]')
    expect(notice.text()).toBe(words)
    expect(notice.attributes('data-tone')).toBe('warning')
    expect(wrapper.get('[data-testid="desk-case-status"]').attributes('data-status')).toBe('APPROVED')
    expect(calls.of('DeskCase')).toHaveLength(1)
  })

  it('explains a case someone else moved on, and shows it as it is now', async () => {
    let handled = false
    const calls = mockApi({
      Me: () => ({ me: staffMe(['window_clerk'], '350100-GA') }),
      DeskCase: () => ({ case: handled ? caseWith({ status: 'ACCEPTED', availableActions: [] }) : CASE }),
      DeskCaseWarnings: () => ({ caseWarnings: [] }),
      DeskAdvanceCase: () => {
        handled = true
        return caseworkError('TRANSITION_NOT_ALLOWED')
      },
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="desk-warnings-none"]').text()).toBe('没有时限预警。')
    await wrapper.get('[data-testid="desk-action-accept"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-case-notice"]').text()).toBe('办件当前的状态不能进行这项操作，可能已被他人处理。')
    expect(calls.of('DeskCase')).toHaveLength(2)
    expect(wrapper.get('[data-testid="desk-case-status"]').attributes('data-status')).toBe('ACCEPTED')
    expect(wrapper.find('[data-testid="desk-action-accept"]').exists()).toBe(false)
  })

  it('reads a case that is not there (or not visible) like a missing one', async () => {
    api({ record: null })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="desk-case-missing"]').text()).toBe('没有找到这个办件，或者您无权查看。')
  })

  it('explains a failed load and retries', async () => {
    let fail = true
    mockApi({
      Me: () => ({ me: staffMe(['approver'], '350100-GA') }),
      DeskCase: () => (fail ? graphqlError('INTERNAL') : { case: CASE }),
      DeskCaseWarnings: () => graphqlError('INTERNAL'),
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('服务出现问题')
    fail = false
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="desk-case-status"]').exists()).toBe(true)
    // Warnings that cannot load do not hide the case.
    expect(wrapper.text()).toContain('时限预警加载失败。')
  })
})
