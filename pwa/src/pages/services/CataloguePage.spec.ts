import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { ServiceItemSummaryFragment } from '@/api/generated/graphql'
import { mountAt } from '@/test/identity'
import { connection, ITEM, mockServicesApi, reached } from './testing'

const PASSPORT: ServiceItemSummaryFragment = {
  ...ITEM,
  id: 'item2',
  code: '350000-CRJ-0001',
  name: '普通护照签发',
  nameEn: 'Passport issue',
  feeFen: 12000,
  fullyOnline: false,
  personTier: 'intermediate',
  department: { code: '350000-GA', name: '福建省公安厅', nameEn: 'Fujian Public Security Department' },
}

const CATEGORIES = [
  { code: 'household', name: '户籍证件', nameEn: 'Household registration and ID', itemCount: 12 },
  { code: 'social-security', name: '社会保障', nameEn: 'Social security', itemCount: 8 },
]

function backend(pages: Array<{ items: ServiceItemSummaryFragment[]; more?: boolean }> = [{ items: [ITEM, PASSPORT] }]) {
  let page = 0
  return mockServicesApi({
    ServiceItems: (v) => {
      const current = v.after ? pages[++page] ?? { items: [] } : ((page = 0), pages[0]!)
      return { serviceItems: connection(current.items, current.more ?? false) }
    },
    ServiceCategories: () => ({ serviceCategories: CATEGORIES }),
    CityDepartments: (v) => ({
      region: {
        code: v.code,
        name: '福建省',
        nameEn: 'Fujian',
        departments: connection([{ code: `${String(v.code).slice(0, 2)}0000-GA`, name: '福建省公安厅', nameEn: 'Fujian Public Security Department', category: 'public-security' }]),
      },
    }),
  })
}

describe('CataloguePage (anonymous browsing and search)', { timeout: 20_000 }, () => {
  it('lists published items with fee, promised time, online badge and tier, without signing in', async () => {
    const api = backend()
    const { wrapper } = await mountAt('/services')
    const items = wrapper.findAll('[data-testid="catalogue-item"]')
    expect(items.map((i) => i.attributes('data-code'))).toEqual(['350100-GA-0001', '350000-CRJ-0001'])
    expect(items[0]?.text()).toContain('居住证申领')
    expect(items[0]?.text()).toContain('福州市公安局')
    expect(items[0]?.get('[data-testid="catalogue-item-fee"]').text()).toBe('免费')
    expect(items[0]?.text()).toContain('承诺 7 个工作日办结')
    expect(items[0]?.text()).toContain('全程网办')
    expect(items[1]?.get('[data-testid="catalogue-item-fee"]').text()).toBe('120 元')
    expect(items[1]?.get('[data-tier]').attributes('data-tier')).toBe('INTERMEDIATE')
    expect(api.of('ServiceItems')[0]?.variables).toEqual({
      query: null,
      departmentCode: null,
      category: null,
      tier: null,
      fullyOnline: null,
      first: 20,
      after: null,
    })
    expect(api.calls.every((c) => c.authorization === null)).toBe(true)
    // Filter choices: categories with counts, the province's departments.
    expect(wrapper.get('[data-testid="catalogue-filter-category"]').text()).toContain('户籍证件（12）')
    expect(api.of('CityDepartments')[0]?.variables).toEqual({ code: '350000', first: 100 })
    expect(wrapper.get('[data-testid="catalogue-filter-department"]').text()).toContain('福建省公安厅')
  })

  it('searches by words, kept in the address', async () => {
    const api = backend()
    const { wrapper, router } = await mountAt('/services')
    await wrapper.get('[data-testid="catalogue-search"]').setValue(' 护照 ')
    await wrapper.get('[data-testid="catalogue-search-form"]').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '护照' })
    expect(api.of('ServiceItems').at(-1)?.variables).toMatchObject({ query: '护照', after: null })
    expect(wrapper.text()).toContain('“护照”的搜索结果')
  })

  it('filters by department, category, tier and fully online, and clears the filters', async () => {
    const api = backend()
    const { wrapper, router } = await mountAt('/services?q=社保')
    expect(api.of('ServiceItems')[0]?.variables).toMatchObject({ query: '社保' })
    await wrapper.get('[data-testid="catalogue-filter-department"]').setValue('350000-GA')
    await flushPromises()
    await wrapper.get('[data-testid="catalogue-filter-category"]').setValue('household')
    await flushPromises()
    await wrapper.get('[data-testid="catalogue-filter-tier"]').setValue('intermediate')
    await flushPromises()
    await wrapper.get('[data-testid="catalogue-filter-online"]').setValue(true)
    await flushPromises()
    expect(api.of('ServiceItems').at(-1)?.variables).toEqual({
      query: '社保',
      departmentCode: '350000-GA',
      category: 'household',
      tier: 'intermediate',
      fullyOnline: true,
      first: 20,
      after: null,
    })
    expect(router.currentRoute.value.query).toEqual({ q: '社保', department: '350000-GA', category: 'household', tier: 'intermediate', online: '1' })
    await wrapper.get('[data-testid="catalogue-clear"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '社保' })
  })

  it('loads more results with the keyset cursor', async () => {
    const api = backend([{ items: [ITEM], more: true }, { items: [PASSPORT] }])
    const { wrapper } = await mountAt('/services')
    await wrapper.get('[data-testid="catalogue-more"]').trigger('click')
    await flushPromises()
    expect(api.of('ServiceItems')[1]?.variables).toMatchObject({ after: 'cursor-1' })
    expect(wrapper.findAll('[data-testid="catalogue-item"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="catalogue-more"]').exists()).toBe(false)
  })

  it('says when nothing matches', async () => {
    backend([{ items: [] }])
    const { wrapper } = await mountAt('/services?q=不存在&online=1', { locale: 'en' })
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('No service matches')
    expect(wrapper.find('[data-testid="catalogue-clear"]').exists()).toBe(true)
  })

  it('opens a service guide', async () => {
    backend()
    const { wrapper, router } = await mountAt('/services')
    mockServicesApi({ ServiceItem: () => ({ serviceItem: ITEM }) })
    await wrapper.get('[data-testid="catalogue-item"]').trigger('click')
    await reached(router, 'service')
    expect(router.currentRoute.value.params.code).toBe('350100-GA-0001')
  })
})
