import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ME_BASIC, mountAt } from '@/test/identity'
import { CASE_ID, caseOf, connection, fakeLive, mockServicesApi, OTHER_CASE_ID, submitted, summaryOf, withLive, reached } from './testing'

const DRAFT = summaryOf(caseOf({ id: OTHER_CASE_ID }))
const SUBMITTED = summaryOf(submitted('SUBMITTED', { dueOn: '2026-12-14' }))
const CLOSED = summaryOf(submitted('CLOSED', { id: 'c-closed', number: '350100-20261101-000007-3' }))

describe('MyCasesPage', { timeout: 20_000 }, () => {
  it('lists my cases with number, status chip and due date; drafts continue the form', async () => {
    const api = mockServicesApi({ Me: () => ({ me: ME_BASIC }), MyCases: () => ({ myCases: connection([SUBMITTED, DRAFT, CLOSED]) }) })
    const live = fakeLive()
    const { wrapper, router } = await mountAt('/cases', { signedInAs: true, setup: withLive(live) })
    expect(api.of('MyCases')[0]?.variables).toEqual({ status: null, first: 20, after: null })
    const items = wrapper.findAll('[data-testid="my-case"]')
    expect(items.map((i) => i.attributes('data-status'))).toEqual(['SUBMITTED', 'DRAFT', 'CLOSED'])
    expect(items[0]?.get('[data-testid="my-case-number"]').text()).toBe('350100-20261122-000123-7')
    expect(items[0]?.get('[data-testid="my-case-status"]').text()).toBe('已提交')
    expect(items[0]?.text()).toContain('应于 2026年12月14日 前办结')
    expect(items[1]?.text()).toContain('草稿（提交后生成编号）')
    expect(items[1]?.attributes('href')).toBe(`/cases/${OTHER_CASE_ID}/apply`)
    expect(items[0]?.attributes('href')).toBe(`/cases/${CASE_ID}`)
    // Only cases that can still change are watched.
    expect(live.active().map((s) => s.caseId)).toEqual([CASE_ID])

    mockServicesApi({ Me: () => ({ me: ME_BASIC }), Case: () => ({ case: submitted() }) })
    await items[0]?.trigger('click')
    await reached(router, 'case')
  })

  it('filters by status in the address', async () => {
    const api = mockServicesApi({ Me: () => ({ me: ME_BASIC }), MyCases: (v) => ({ myCases: connection(v.status === 'DRAFT' ? [DRAFT] : [SUBMITTED, DRAFT]) }) })
    const { wrapper, router } = await mountAt('/cases', { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="my-cases-filter"]').setValue('DRAFT')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'DRAFT' })
    expect(api.of('MyCases').at(-1)?.variables).toEqual({ status: 'DRAFT', first: 20, after: null })
    expect(wrapper.findAll('[data-testid="my-case"]')).toHaveLength(1)
  })

  it('loads more with the keyset cursor', async () => {
    const api = mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      MyCases: (v) => ({ myCases: v.after ? connection([CLOSED]) : connection([SUBMITTED, DRAFT], true) }),
    })
    const { wrapper } = await mountAt('/cases', { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="my-cases-more"]').trigger('click')
    await flushPromises()
    expect(api.of('MyCases')[1]?.variables).toEqual({ status: null, first: 20, after: 'cursor-2' })
    expect(wrapper.findAll('[data-testid="my-case"]')).toHaveLength(3)
    expect(wrapper.find('[data-testid="my-cases-more"]').exists()).toBe(false)
  })

  it('updates a case’s chip live when its status changes', async () => {
    const api = mockServicesApi({
      Me: () => ({ me: ME_BASIC }),
      MyCases: () => ({ myCases: connection([SUBMITTED]) }),
      Case: () => ({ case: submitted('ACCEPTED', { dueOn: '2026-12-14' }) }),
    })
    const live = fakeLive()
    const { wrapper } = await mountAt('/cases', { signedInAs: true, setup: withLive(live) })
    // The first event is the current status: nothing to fetch.
    live.emit(CASE_ID, 'SUBMITTED')
    await flushPromises()
    expect(api.of('Case')).toHaveLength(0)
    live.emit(CASE_ID, 'ACCEPTED')
    await flushPromises()
    expect(api.of('Case')[0]?.variables).toEqual({ id: CASE_ID })
    expect(wrapper.get('[data-testid="my-case"]').attributes('data-status')).toBe('ACCEPTED')
    expect(wrapper.get('[data-testid="my-case-status"]').text()).toBe('已受理')
  })

  it('offers to find a service when there is no case yet', async () => {
    mockServicesApi({ Me: () => ({ me: ME_BASIC }), MyCases: () => ({ myCases: connection([]) }) })
    const { wrapper, router } = await mountAt('/cases', { signedInAs: true, locale: 'en', setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="my-cases-empty"]').text()).toContain('You have no cases yet.')
    mockServicesApi({ Me: () => ({ me: ME_BASIC }), ServiceItems: () => ({ serviceItems: connection([]) }), ServiceCategories: () => ({ serviceCategories: [] }), CityDepartments: () => ({ region: null }) })
    await wrapper.get('[data-testid="my-cases-browse"]').trigger('click')
    await reached(router, 'services')
  })

  it('sends a signed-out visitor to sign in first', async () => {
    mockServicesApi({})
    const { router } = await mountAt('/cases')
    await reached(router, 'login')
    expect(router.currentRoute.value.query.redirect).toBe('/cases')
  })
})
