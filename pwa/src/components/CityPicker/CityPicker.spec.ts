import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { testI18n } from '@/test/helpers'
import CityPicker from './CityPicker.vue'

const cities = [
  { code: '350100', name: '福州市', nameEn: 'Fuzhou City' },
  { code: '350200', name: '厦门市', nameEn: 'Xiamen City' },
]

type Props = InstanceType<typeof CityPicker>['$props']

function mountPicker(props: Partial<Props> = {}, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(CityPicker, {
    props: { show: true, cities, loading: false, ...props },
    global: { plugins: [testI18n(locale)] },
  })
}

describe('CityPicker', () => {
  it('is a labelled dialog listing the cities', () => {
    const wrapper = mountPicker()
    const dialog = wrapper.get('[data-testid="city-picker"]')
    expect(dialog.attributes('role')).toBe('dialog')
    const titleId = dialog.attributes('aria-labelledby')
    expect(titleId).toBeTruthy()
    expect(wrapper.get(`#${titleId}`).text()).toBe('选择所在城市')
    const options = wrapper.findAll('[data-testid="city-option"]')
    expect(options.map((o) => o.text())).toEqual(['福州市', '厦门市'])
  })

  it('shows English names in English', () => {
    const wrapper = mountPicker({}, 'en')
    expect(wrapper.findAll('[data-testid="city-option"]').map((o) => o.text())).toEqual([
      'Fuzhou City',
      'Xiamen City',
    ])
  })

  it('marks the selected city', () => {
    const wrapper = mountPicker({ selectedCode: '350200' })
    const [fuzhou, xiamen] = wrapper.findAll('[data-testid="city-option"]')
    expect(fuzhou?.attributes('aria-pressed')).toBe('false')
    expect(xiamen?.attributes('aria-pressed')).toBe('true')
  })

  it('emits select and closes when a city is tapped', async () => {
    const wrapper = mountPicker()
    await wrapper.findAll('[data-testid="city-option"]')[1]?.trigger('click')
    expect(wrapper.emitted('select')?.[0]).toEqual([cities[1]])
    expect(wrapper.emitted('update:show')?.[0]).toEqual([false])
  })

  it('shows a loading state', () => {
    const wrapper = mountPicker({ cities: null, loading: true })
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('正在加载城市列表')
  })

  it('shows an error with a retry button', async () => {
    const wrapper = mountPicker({ cities: null, errorMessage: '网络连接失败' })
    expect(wrapper.get('[data-testid="state-error"]').attributes('role')).toBe('alert')
    expect(wrapper.text()).toContain('城市列表加载失败')
    await wrapper.get('[data-testid="retry-button"]').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('shows an empty state', () => {
    const wrapper = mountPicker({ cities: [] })
    expect(wrapper.find('[data-testid="state-empty"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('暂无可选城市')
  })

  it('closes on cancel', async () => {
    const wrapper = mountPicker()
    await wrapper.get('.city-picker__cancel').trigger('click')
    expect(wrapper.emitted('update:show')?.[0]).toEqual([false])
  })
})
