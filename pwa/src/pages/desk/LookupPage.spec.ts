import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { residentIdCheckChar } from '@/auth/idNumber'
import { staffMe } from '@/pages/enterprise/testing'
import { fill, mockApi, mountAt } from '@/test/identity'
import { CASE_ID, FOUND } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./LookupPage.vue')])
}, 60_000)
afterEach(() => {
  vi.useRealTimers()
})

const agent = () => ({ me: staffMe(['call_centre_agent'], null) })
const found = (cases = [FOUND]) => ({ callCentreLookup: { __typename: 'LookupResult', logId: 'log-7', cases } })
const ID_BODY = '35010219900307451'
const ID_NUMBER = `${ID_BODY}${residentIdCheckChar(ID_BODY)}`

async function lookup(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], fields: { kind?: string; value?: string; purpose?: string; text?: string }) {
  if (fields.kind) await wrapper.get('[data-testid="desk-lookup-kind"]').setValue(fields.kind)
  if (fields.value !== undefined) await fill(wrapper, 'desk-lookup-value', fields.value)
  if (fields.purpose) await wrapper.get('[data-testid="desk-lookup-purpose"]').setValue(fields.purpose)
  if (fields.text !== undefined) await wrapper.get('[data-testid="desk-lookup-purpose-text"]').setValue(fields.text)
  await wrapper.get('[data-testid="desk-lookup-submit"]').trigger('submit')
  await flushPromises()
}

describe('LookupPage (12345)', () => {
  it('is for call-centre agents only', async () => {
    mockApi({ Me: () => ({ me: staffMe(['window_clerk'], '350100-GA') }) })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="desk-lookup-form"]').exists()).toBe(false)
  })

  it('requires a value, a purpose and at least four characters of explanation before asking', async () => {
    const api = mockApi({ Me: agent, DeskLookup: () => found() })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    expect(wrapper.get<HTMLSelectElement>('[data-testid="desk-lookup-purpose"]').element.value).toBe('')
    await lookup(wrapper, {})
    expect(wrapper.get('[data-testid="desk-lookup-value-error"]').text()).toBe('请输入查询内容。')
    expect(wrapper.get('[data-testid="desk-lookup-purpose-error"]').text()).toBe('请选择查询目的。')
    expect(wrapper.get('[data-testid="desk-lookup-purpose-text-error"]').text()).toBe('目的说明至少 4 个字。')
    expect(document.activeElement?.id).toBe('desk-lookup-value')

    await lookup(wrapper, { value: '350100-20261120-000123-7', purpose: 'CALLER_ENQUIRY', text: ' 询问 ' })
    expect(wrapper.find('[data-testid="desk-lookup-value-error"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="desk-lookup-purpose-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="desk-lookup-purpose-text-error"]').text()).toBe('目的说明至少 4 个字。')
    expect(document.activeElement?.id).toBe('desk-lookup-purpose-text')
    expect(api.of('DeskLookup')).toHaveLength(0)
  })

  it.each([
    ['CASE_NUMBER', '350100-2026112', '办件编号应为 21 位'],
    ['PHONE', '1381234', '请输入 11 位手机号。'],
    ['ID_NUMBER', '35010219900307451X', '请输入 18 位身份证号。'],
  ])('checks the %s before using up a lookup', async (kind, value, words) => {
    const api = mockApi({ Me: agent, DeskLookup: () => found() })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    await lookup(wrapper, { kind, value, purpose: 'URGING', text: '来电催办工单 A-1' })
    expect(wrapper.get('[data-testid="desk-lookup-value-error"]').text()).toContain(words)
    expect(api.of('DeskLookup')).toHaveLength(0)
  })

  it('looks a case up by its number and shows masked data, the timeline and the notes', async () => {
    const api = mockApi({ Me: agent, DeskLookup: () => found() })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    await lookup(wrapper, { value: ' 350100 20261120 000123 7 ', purpose: 'CALLER_ENQUIRY', text: '来电人询问进度，工单 12345-001' })
    expect(api.of('DeskLookup')[0]?.variables).toEqual({
      kind: 'CASE_NUMBER',
      value: '350100202611200001237',
      purpose: 'CALLER_ENQUIRY',
      purposeText: '来电人询问进度，工单 12345-001',
    })
    expect(wrapper.get('[data-testid="desk-lookup-summary"]').text()).toBe('找到 1 件办件。')
    expect(document.activeElement?.id).toBe('desk-lookup-summary')
    expect(wrapper.get('[data-testid="desk-lookup-logged"]').text()).toContain('log-7')
    const result = wrapper.get('[data-testid="desk-lookup-result"]')
    expect(result.attributes('data-case-id')).toBe(CASE_ID)
    expect(result.get('[data-testid="desk-case-status"]').attributes('data-status')).toBe('UNDER_REVIEW')
    expect(result.get('[data-testid="desk-lookup-number"]').text()).toBe('350100-20261120-000123-7')
    expect(result.get('[data-testid="desk-lookup-name"]').text()).toBe('陈**')
    expect(result.get('[data-testid="desk-lookup-phone"]').text()).toBe('138****1234')
    expect(result.get('[data-testid="desk-lookup-id-number"]').text()).toBe('350***********1234')
    expect(result.text()).toContain('福州市公安局')
    expect(result.findAll('[data-testid="desk-timeline-event"]')).toHaveLength(1)
    expect(result.get('[data-testid="desk-note"]').text()).toContain('来电人询问进度，已告知。')
    expect(result.get('[data-testid="desk-note"]').text()).toContain('王坐席')
    // Never answers or materials.
    expect(result.find('[data-testid="desk-answers"]').exists()).toBe(false)
    expect(result.find('[data-testid="desk-material"]').exists()).toBe(false)
  })

  it('looks up by phone and by ID number, normalised as the API reads them', async () => {
    const api = mockApi({ Me: agent, DeskLookup: () => found([]) })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true, locale: 'en' })
    await lookup(wrapper, { kind: 'PHONE', value: '+86 138-1234-5678', purpose: 'COMPLAINT_FOLLOW_UP', text: 'complaint 88' })
    expect(api.of('DeskLookup')[0]?.variables).toMatchObject({ kind: 'PHONE', value: '13812345678', purpose: 'COMPLAINT_FOLLOW_UP' })
    expect(wrapper.get('[data-testid="desk-lookup-summary"]').text()).toBe('No case matches.')
    expect(wrapper.find('[data-testid="desk-lookup-result"]').exists()).toBe(false)

    await lookup(wrapper, { kind: 'ID_NUMBER', value: ID_NUMBER.toLowerCase(), purpose: 'SUPERVISION' })
    expect(api.of('DeskLookup')[1]?.variables).toMatchObject({ kind: 'ID_NUMBER', value: ID_NUMBER, purpose: 'SUPERVISION' })
  })

  it('shows when the agent may look up again after reaching the limit', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    const api = mockApi({
      Me: agent,
      DeskLookup: () => ({ callCentreLookup: { __typename: 'RateLimitedError', code: 'RATE_LIMITED', message: 'x', retryAfterSeconds: 125 } }),
    })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    await lookup(wrapper, { value: '350100-20261120-000123-7', purpose: 'OTHER', text: '回访抽查' })
    const alert = wrapper.get('[data-testid="desk-lookup-rate-limited"]')
    expect(alert.text()).toBe('查询次数已达上限，请 3 分钟后再试。')
    expect(alert.attributes('data-retry-after')).toBe('125')
    expect(wrapper.get('[data-testid="desk-lookup-submit"]').attributes('disabled')).toBeDefined()
    // Enter in a field submits the form too: nothing is asked while the limit holds.
    await wrapper.get('[data-testid="desk-lookup-form"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskLookup')).toHaveLength(1)
    vi.advanceTimersByTime(125_000)
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-lookup-rate-limited"]').text()).toBe('现在可以重新查询了。')
    expect(wrapper.get('[data-testid="desk-lookup-submit"]').attributes('disabled')).toBeUndefined()
  })

  it('puts the API’s refusal of a short purpose on its field', async () => {
    mockApi({
      Me: agent,
      DeskLookup: () => ({
        callCentreLookup: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'purposeText', reason: 'too_short' },
      }),
    })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    await lookup(wrapper, { value: '350100-20261120-000123-7', purpose: 'OTHER', text: '四个字的' })
    expect(wrapper.get('[data-testid="desk-lookup-purpose-text-error"]').text()).toBe('目的说明至少 4 个字。')
  })

  it('adds a note to a case just looked up', async () => {
    const api = mockApi({
      Me: agent,
      DeskLookup: () => found(),
      DeskAddNote: (variables) => ({
        addCaseNote: { __typename: 'CaseNote', id: 'n2', text: variables.text, authorName: '林坐席', createdAt: '2026-11-22T05:00:00+00:00' },
      }),
    })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true })
    await lookup(wrapper, { value: '350100-20261120-000123-7', purpose: 'URGING', text: '来电催办工单 A-1' })
    await wrapper.get('[data-testid="desk-note-submit"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-note-error"]').text()).toBe('请填写备注内容。')
    expect(api.of('DeskAddNote')).toHaveLength(0)

    await wrapper.get('[data-testid="desk-note-text"]').setValue('  已转部门催办。 ')
    await wrapper.get('[data-testid="desk-note-submit"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskAddNote')[0]?.variables).toEqual({ caseId: CASE_ID, text: '已转部门催办。' })
    expect(wrapper.findAll('[data-testid="desk-note"]').map((n) => n.text())).toEqual([
      expect.stringContaining('来电人询问进度'),
      expect.stringContaining('已转部门催办。'),
    ])
    expect(wrapper.get('[data-testid="desk-note-added"]').text()).toBe('备注已保存。')
    expect(wrapper.get<HTMLTextAreaElement>('[data-testid="desk-note-text"]').element.value).toBe('')
  })

  it('explains a note on a lookup more than an hour old', async () => {
    mockApi({
      Me: agent,
      DeskLookup: () => found(),
      DeskAddNote: () => ({ addCaseNote: { __typename: 'CaseworkError', code: 'NOT_FOUND', message: 'x' } }),
    })
    const { wrapper } = await mountAt('/staff/lookup', { signedInAs: true, locale: 'en' })
    await lookup(wrapper, { value: '350100-20261120-000123-7', purpose: 'URGING', text: 'ticket A-1' })
    await wrapper.get('[data-testid="desk-note-text"]').setValue('Called the department.')
    await wrapper.get('[data-testid="desk-note-submit"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-note-error"]').text()).toBe(
      'The lookup is more than an hour old. Look the case up again, then add the note.',
    )
  })
})
