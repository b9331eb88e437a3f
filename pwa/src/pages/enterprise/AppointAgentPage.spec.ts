import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { arrivedAt, fill, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { addDays, addYears, dayOf, endOfDayIso, startOfDayIso } from './dates'
import { APPOINTMENT, ENTERPRISE, ENTERPRISE_ID } from './testing'

const PATH = `/enterprises/${ENTERPRISE_ID}/agents/new`
const AGENT_ID = '35010219730519023x'

const invalid = (field: string, reason: string) => ({
  appointAgent: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field, reason },
})

type Wrapper = Awaited<ReturnType<typeof mountAt>>['wrapper']

async function fillAgent(wrapper: Wrapper) {
  await fill(wrapper, 'appoint-name', ' 马文华 ')
  await fill(wrapper, 'appoint-id-number', AGENT_ID)
  await wrapper.get('[data-testid="appoint-scope-tax"]').setValue(true)
}

describe('AppointAgentPage', () => {
  it('says what is missing and focuses the first field', async () => {
    const api = mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="appoint-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="appoint-name-error"]').text()).toBe('请填写经办人姓名。')
    expect(wrapper.get('[data-testid="appoint-id-number-error"]').text()).toBe('请填写经办人身份证号。')
    expect(wrapper.get('[data-testid="appoint-scope-error"]').text()).toBe('请至少选择一项业务。')
    expect(document.activeElement?.id).toBe('appoint-agentName')
    expect(api.of('AppointAgent')).toHaveLength(0)
  })

  it('checks the ID number as it is typed', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fill(wrapper, 'appoint-id-number', '350104199201303861')
    expect(wrapper.get('[data-testid="appoint-id-number-error"]').text()).toContain('校验位')
    await fill(wrapper, 'appoint-id-number', '35010419921330')
    expect(wrapper.get('[data-testid="appoint-id-number-error"]').text()).toContain('出生日期')
    await fill(wrapper, 'appoint-id-number', AGENT_ID)
    expect(wrapper.find('[data-testid="appoint-id-number-error"]').exists()).toBe(false)
    expect(wrapper.get<HTMLInputElement>('[data-testid="appoint-id-number"]').element.value).toBe('35010219730519023X')
  })

  it('"all services" and single services exclude each other', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    const box = (id: string) => wrapper.get<HTMLInputElement>(`[data-testid="appoint-scope-${id}"]`)
    expect(wrapper.findAll('[data-testid^="appoint-scope-"]').map((b) => b.attributes('data-testid'))).toEqual([
      'appoint-scope-all',
      'appoint-scope-tax',
      'appoint-scope-social-security',
      'appoint-scope-market',
      'appoint-scope-housing',
      'appoint-scope-housing-fund',
      'appoint-scope-medical-insurance',
      'appoint-scope-transport',
    ])
    expect(wrapper.get('[data-testid="appoint-scope"]').text()).toContain('市场主体登记')
    await box('tax').setValue(true)
    await box('transport').setValue(true)
    await box('all').setValue(true)
    expect([box('all'), box('tax'), box('transport')].map((b) => b.element.checked)).toEqual([true, false, false])
    await box('housing-fund').setValue(true)
    expect([box('all'), box('housing-fund')].map((b) => b.element.checked)).toEqual([false, true])
  })

  it('appoints from today (now) to the end of the chosen last day, and lists the agent', async () => {
    const api = mockApi({
      Me: () => ({ me: ME_BASIC }),
      AppointAgent: () => ({ appointAgent: APPOINTMENT }),
      Enterprise: () => ({ enterprise: ENTERPRISE }),
      EnterpriseAgents: () => ({ enterpriseAgents: [APPOINTMENT] }),
    })
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true })
    await fillAgent(wrapper)
    await wrapper.get('[data-testid="appoint-scope-social-security"]').setValue(true)
    await wrapper.get('[data-testid="appoint-form"]').trigger('submit')
    await flushPromises()
    const today = dayOf(new Date())
    expect(api.of('AppointAgent')[0]?.variables).toEqual({
      enterpriseId: ENTERPRISE_ID,
      input: {
        agentName: '马文华',
        agentIdNumber: '35010219730519023X',
        scope: ['tax', 'social-security'],
        startsAt: null,
        expiresAt: endOfDayIso(addDays(addYears(today, 1), -1)),
      },
    })
    await arrivedAt(router, 'enterprise-agents')
    expect(wrapper.get('[data-testid="agents-notice"]').text()).toBe('已任命经办人。')
  })

  it('takes the dates from Vant date pickers, keeping the end after the start', async () => {
    const api = mockApi({ Me: () => ({ me: ME_BASIC }), AppointAgent: () => invalid('agentName', 'format') })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fillAgent(wrapper)
    const today = dayOf(new Date())

    // Start a year from today: pick the next year in the picker's year column.
    const start = wrapper.get('[data-testid="appoint-starts-at"]')
    expect(start.attributes('aria-haspopup')).toBe('dialog')
    await start.trigger('click')
    await flushPromises()
    const picker = wrapper.get('[data-testid="appoint-starts-at-picker"]')
    expect(picker.attributes('role')).toBe('dialog')
    expect(picker.text()).toContain('选择开始日期')
    const years = picker.findAll('.van-picker-column')[0]?.findAll('.van-picker-column__item') ?? []
    expect(years.map((y) => y.text())).toEqual([`${today.year}年`, `${today.year + 1}年`])
    expect(picker.findAll('.van-picker-column__wrapper').map((c) => c.attributes('role'))).toEqual(['presentation', 'presentation', 'presentation'])
    // From the keyboard: Enter on an option chooses it.
    await years[1]?.trigger('keydown', { key: 'Enter' })
    await picker.get('.van-picker__confirm').trigger('click')
    await flushPromises()

    const next = addYears(today, 1)
    const startDay = { ...next, day: Math.min(today.day, next.day) }
    expect(start.attributes('data-value')).toBe(
      `${startDay.year}-${String(startDay.month).padStart(2, '0')}-${String(startDay.day).padStart(2, '0')}`,
    )
    // The old end (a day before) is now before the start: it moves to the start.
    expect(wrapper.get('[data-testid="appoint-expires-at"]').attributes('data-value')).toBe(start.attributes('data-value'))

    await wrapper.get('[data-testid="appoint-form"]').trigger('submit')
    await flushPromises()
    const input = api.of('AppointAgent')[0]?.variables.input as Record<string, unknown>
    expect(input.startsAt).toBe(startOfDayIso(startDay))
    expect(input.expiresAt).toBe(endOfDayIso(startDay))
  })

  it.each([
    [{ appointAgent: { __typename: 'IdentityError', code: 'NOT_FOUND', message: 'x' } }, 'appoint-error', '没有找到与该姓名和身份证号匹配的已实名用户'],
    [{ appointAgent: { __typename: 'IdentityError', code: 'ALREADY_EXISTS', message: 'x' } }, 'appoint-error', '请先撤销原授权'],
    [{ appointAgent: { __typename: 'IdentityError', code: 'NOT_ALLOWED', message: 'x' } }, 'appoint-error', '法定代表人本人无需任命'],
    [invalid('expiresAt', 'too_long'), 'appoint-expires-at-error', '授权期限最长 3 年。'],
    [invalid('agentIdNumber', 'checksum'), 'appoint-id-number-error', '校验位'],
    [invalid('scope', 'too_many'), 'appoint-scope-error', '全部业务'],
  ])('shows the API refusal %# where it belongs', async (answer, testid, words) => {
    mockApi({ Me: () => ({ me: ME_BASIC }), AppointAgent: () => answer })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await fillAgent(wrapper)
    await wrapper.get('[data-testid="appoint-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get(`[data-testid="${testid}"]`).text()).toContain(words)
  })

  it('in English', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' })
    expect(wrapper.get('[data-testid="appoint-scope"]').text()).toContain('Housing provident fund')
    await wrapper.get('[data-testid="appoint-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="appoint-scope-error"]').text()).toBe('Choose at least one service.')
  })
})
