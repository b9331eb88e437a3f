import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { STORAGE_KEYS } from '@/composables/storage'
import { jsonResponse, testI18n } from '@/test/helpers'

const CITIES = [
  { code: '350100', name: '福州市', nameEn: 'Fuzhou City' },
  { code: '350200', name: '厦门市', nameEn: 'Xiamen City' },
]
const DEPARTMENTS: Record<string, Array<{ code: string; name: string; nameEn: string; category: string }>> = {
  '350100': [
    { code: '350100GA', name: '福州市公安局', nameEn: 'Fuzhou City Public Security Bureau', category: 'public-security' },
    { code: '350100SW', name: '福州市税务局', nameEn: 'Fuzhou City Tax Service', category: 'tax' },
  ],
  '350200': [],
}

type Handler = (operation: string, variables: Record<string, unknown>) => Response | Promise<Response>

const backend: Handler = (operation, variables) => {
  if (operation === 'Cities') {
    return jsonResponse({ data: { regions: { edges: CITIES.map((node) => ({ node })) } } })
  }
  const code = String(variables.code)
  const city = CITIES.find((c) => c.code === code)
  const depts = DEPARTMENTS[code] ?? []
  return jsonResponse({
    data: {
      region: city
        ? { ...city, departments: { edges: depts.map((node) => ({ node })) } }
        : null,
    },
  })
}

function mockFetch(handler: Handler) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> }
    const operation = /query (\w+)/.exec(body.query)?.[1] ?? ''
    return handler(operation, body.variables)
  })
}

async function mountHome(locale: 'zh-CN' | 'en' = 'zh-CN') {
  vi.resetModules()
  const { default: HomePage } = await import('./HomePage.vue')
  const wrapper = mount(HomePage, { global: { plugins: [testI18n(locale)] } })
  await flushPromises()
  return wrapper
}

const networkDown: Handler = () => {
  throw new TypeError('Failed to fetch')
}

describe('HomePage', () => {
  it('asks for a city first, then lists the chosen city’s departments', async () => {
    const fetchSpy = mockFetch(backend)
    const wrapper = await mountHome()

    expect(wrapper.get('[data-testid="current-city"]').text()).toBe('未选择')
    expect(wrapper.find('[data-testid="department-item"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('请选择您所在的城市')

    await wrapper.get('[data-testid="city-picker-trigger"]').trigger('click')
    const options = wrapper.findAll('[data-testid="city-option"]')
    expect(options.map((o) => o.text())).toEqual(['福州市', '厦门市'])

    await options[0]?.trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="current-city"]').text()).toBe('福州市')
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.city) ?? 'null')).toMatchObject({ code: '350100' })
    const items = wrapper.findAll('[data-testid="department-item"]')
    expect(items.map((i) => i.find('.department-item__name').text())).toEqual(['福州市公安局', '福州市税务局'])
    expect(wrapper.get('#departments-heading').text()).toBe('福州市政务服务部门')
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('restores the saved city and shows names in English', async () => {
    localStorage.setItem(STORAGE_KEYS.city, JSON.stringify(CITIES[0]))
    mockFetch(backend)
    const wrapper = await mountHome('en')
    expect(wrapper.get('[data-testid="current-city"]').text()).toBe('Fuzhou City')
    expect(wrapper.findAll('[data-testid="department-item"]')[0]?.text()).toContain(
      'Fuzhou City Public Security Bureau',
    )
  })

  it('shows an empty state for a city without departments', async () => {
    localStorage.setItem(STORAGE_KEYS.city, JSON.stringify(CITIES[1]))
    mockFetch(backend)
    const wrapper = await mountHome()
    expect(wrapper.find('[data-testid="state-empty"]').text()).toContain('该城市暂无部门信息')
  })

  it('shows a GraphQL error in the user’s language and retries', async () => {
    localStorage.setItem(STORAGE_KEYS.city, JSON.stringify(CITIES[0]))
    let fail = true
    mockFetch((operation, variables) => {
      if (operation === 'CityDepartments' && fail) {
        return jsonResponse({ errors: [{ message: 'too deep', extensions: { code: 'QUERY_TOO_DEEP' } }] })
      }
      return backend(operation, variables)
    })
    const wrapper = await mountHome()
    const error = wrapper.get('[data-testid="state-error"]')
    expect(error.text()).toContain('部门信息加载失败')
    expect(error.text()).toContain('请求过于复杂')
    expect(error.text()).not.toContain('QUERY_TOO_DEEP')

    fail = false
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="department-item"]')).toHaveLength(2)
  })

  it('offline: shows the last city list from localStorage with an offline banner', async () => {
    // A successful visit fills the cache...
    mockFetch(backend)
    let wrapper = await mountHome()
    wrapper.unmount()
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.cities) ?? '[]')).toHaveLength(2)

    // ...then the network goes away.
    vi.restoreAllMocks()
    mockFetch(networkDown)
    wrapper = await mountHome()
    expect(wrapper.get('[data-testid="offline-banner"]').text()).toContain('上次加载的数据')
    await wrapper.get('[data-testid="city-picker-trigger"]').trigger('click')
    expect(wrapper.findAll('[data-testid="city-option"]').map((o) => o.text())).toEqual(['福州市', '厦门市'])
  })

  it('offline with nothing cached: network error with retry in the picker', async () => {
    mockFetch(networkDown)
    const wrapper = await mountHome('en')
    await wrapper.get('[data-testid="city-picker-trigger"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="city-picker"]').text()).toContain('Network error')
    expect(wrapper.find('[data-testid="retry-button"]').exists()).toBe(true)
  })

  it('reports an unknown city and offers to choose again', async () => {
    localStorage.setItem(STORAGE_KEYS.city, JSON.stringify({ code: '359999', name: '某市', nameEn: 'Some City' }))
    mockFetch(backend)
    const wrapper = await mountHome()
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('未找到该城市')
  })
})
