import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { graphqlError, ME_BASIC, mountAt, TIER_GUIDE, ETHNIC_GROUPS } from '@/test/identity'
import { meActingFor, staffMe } from '@/pages/enterprise/testing'
import { CASE_ID, caseOf, connection, ITEM, mockServicesApi, summaryOf, reached } from './testing'

const PATH = `/services/${ITEM.code}`

describe('ServiceItemPage (a service guide)', { timeout: 20_000 }, () => {
  it('shows conditions, materials, fee, time limits, tiers and delivery to anyone', async () => {
    mockServicesApi({ ServiceItem: () => ({ serviceItem: { ...ITEM, enterpriseTier: 'advanced', applicantKinds: ['PERSON', 'ENTERPRISE'] } }) })
    const { wrapper } = await mountAt(PATH)
    expect(wrapper.get('[data-testid="service-name"]').text()).toBe('居住证申领')
    expect(wrapper.get('[data-testid="service-code"]').text()).toBe('350100-GA-0001')
    expect(wrapper.get('[data-testid="service-category"]').text()).toBe('户籍证件')
    expect(wrapper.get('[data-testid="service-fee"]').text()).toBe('免费')
    expect(wrapper.get('[data-testid="service-statutory-days"]').text()).toBe('15 个工作日')
    expect(wrapper.get('[data-testid="service-promised-days"]').text()).toBe('7 个工作日')
    expect(wrapper.get('[data-testid="service-tier-person"] [data-tier]').attributes('data-tier')).toBe('BASIC')
    expect(wrapper.get('[data-testid="service-tier-enterprise"] [data-tier]').attributes('data-tier')).toBe('ADVANCED')
    expect(wrapper.get('[data-testid="service-tiers"]').text()).toContain('刷脸')
    expect(wrapper.get('[data-testid="service-delivery"]').text()).toBe('到政务服务中心窗口领取和快递送达')
    expect(wrapper.get('[data-testid="service-conditions"]').text()).toBe('在本市居住半年以上。')
    const slots = wrapper.findAll('[data-testid="service-material"]')
    expect(slots.map((s) => s.attributes('data-required'))).toEqual(['true', 'false'])
    expect(slots[0]?.text()).toContain('JPG / PNG')
    expect(slots[0]?.text()).toContain('1 MB')
    expect(slots[1]?.text()).toContain('最多 3 个文件')
    expect(wrapper.get('[data-testid="service-apply"]').text()).toBe('登录后可在线申请')
  })

  it('shows a fee in yuan, in English too', async () => {
    mockServicesApi({ ServiceItem: () => ({ serviceItem: { ...ITEM, feeFen: 1050 } }) })
    const { wrapper } = await mountAt(PATH, { locale: 'en' })
    expect(wrapper.get('[data-testid="service-fee"]').text()).toBe('¥10.50')
    expect(wrapper.get('[data-testid="service-name"]').text()).toBe('Residence permit application')
    expect(wrapper.get('[data-testid="service-delivery"]').text()).toBe('Collect at the service hall and By courier')
  })

  it('sends a signed-out visitor to sign in, then starts the application', async () => {
    mockServicesApi({ ServiceItem: () => ({ serviceItem: ITEM }) })
    const { wrapper, router } = await mountAt(PATH)
    await wrapper.get('[data-testid="service-apply"]').trigger('click')
    await reached(router, 'login')
    expect(router.currentRoute.value.query.redirect).toBe(`${PATH}/apply`)
  })

  it('starts a new application (or resumes the draft of this version) and replaces itself with the form', async () => {
    const api = mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      ServiceItem: () => ({ serviceItem: ITEM }),
      MyCases: () => ({ myCases: connection([]) }),
      StartApplication: () => ({ startApplication: { __typename: 'Case', id: CASE_ID } }),
      Case: () => ({ case: caseOf() }),
    })
    const { wrapper, router } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="service-apply"]').text()).toBe('在线申请')
    await wrapper.get('[data-testid="service-apply"]').trigger('click')
    await reached(router, 'case-apply')
    expect(api.of('StartApplication')[0]?.variables).toEqual({ itemCode: ITEM.code })
    expect(router.currentRoute.value.params.id).toBe(CASE_ID)
    // "Back" goes to the guide, not to the start page.
    router.back()
    await reached(router, 'service')

    const resume = mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      ServiceItem: () => ({ serviceItem: ITEM }),
      MyCases: (v) => {
        expect(v).toEqual({ status: 'DRAFT', first: 50 })
        return { myCases: connection([summaryOf(caseOf({ id: 'old-draft' }))]) }
      },
      Case: () => ({ case: caseOf({ id: 'old-draft' }) }),
    })
    const again = await mountAt(`${PATH}/apply`, { signedInAs: true })
    await reached(again.router, 'case-apply')
    expect(again.router.currentRoute.value.params.id).toBe('old-draft')
    expect(resume.of('StartApplication')).toHaveLength(0)
  })

  it('explains a refused start', async () => {
    mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      ServiceItem: () => ({ serviceItem: ITEM }),
      MyCases: () => ({ myCases: connection([]) }),
      StartApplication: () => ({ startApplication: { __typename: 'CaseworkError', code: 'NOT_ACCEPTING_APPLICATIONS', message: 'x' } }),
    })
    const { wrapper } = await mountAt(`${PATH}/apply`, { signedInAs: true })
    await flushPromises()
    expect(wrapper.get('[data-testid="start-error"]').text()).toContain('这个事项目前不受理申请')
    expect(wrapper.find('[data-testid="start-back"]').exists()).toBe(true)
  })

  it('explains an agent outside their scope', async () => {
    mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }),
      ServiceItem: () => ({ serviceItem: ITEM }),
      MyCases: () => ({ myCases: connection([]) }),
      StartApplication: () => graphqlError('AGENT_OUT_OF_SCOPE'),
    })
    const { wrapper } = await mountAt(`${PATH}/apply`, { signedInAs: true })
    await flushPromises()
    expect(wrapper.get('[data-testid="start-error"]').text()).toContain('您的经办人授权不包括这项业务')
  })

  it('says who may apply: persons only while acting for an enterprise, and not staff', async () => {
    mockServicesApi({ Me: () => ({ me: meActingFor('e1') }), ServiceItem: () => ({ serviceItem: ITEM }) })
    const acting = await mountAt(PATH, { signedInAs: true })
    expect(acting.wrapper.get('[data-testid="service-blocked"]').text()).toContain('只受理个人申请')
    expect(acting.wrapper.find('[data-testid="service-apply"]').exists()).toBe(false)

    mockServicesApi({ Me: () => ({ me: staffMe(['window_clerk']) }), ServiceItem: () => ({ serviceItem: ITEM }) })
    const staff = await mountAt(PATH, { signedInAs: true })
    expect(staff.wrapper.get('[data-testid="service-blocked"]').text()).toContain('工作人员账号不能提交申请')
  })

  it('says when the service does not take applications, or does not exist', async () => {
    mockServicesApi({ ServiceItem: () => ({ serviceItem: { ...ITEM, acceptingApplications: false } }) })
    const closed = await mountAt(PATH)
    expect(closed.wrapper.get('[data-testid="service-blocked"]').text()).toContain('不受理网上申请')

    mockServicesApi({ ServiceItem: () => ({ serviceItem: null }) })
    const missing = await mountAt(PATH)
    expect(missing.wrapper.text()).toContain('没有找到这个事项')
    expect(missing.wrapper.find('[data-testid="service-back"]').exists()).toBe(true)
  })
})
