import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { testI18n } from '@/test/helpers'
import DepartmentList from './DepartmentList.vue'

const departments = [
  { code: '350100GA', name: '福州市公安局', nameEn: 'Fuzhou City Public Security Bureau', category: 'public-security' },
  { code: '350100SW', name: '福州市税务局', nameEn: 'Fuzhou City Tax Service', category: 'tax' },
  { code: '350100XX', name: '福州市某中心', nameEn: 'Fuzhou Some Centre', category: 'brand-new-category' },
]

function mountList(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(DepartmentList, {
    props: { departments, labelledby: 'heading' },
    global: { plugins: [testI18n(locale)] },
  })
}

describe('DepartmentList', () => {
  it('renders one department-item per department with Chinese names', () => {
    const wrapper = mountList('zh-CN')
    const items = wrapper.findAll('[data-testid="department-item"]')
    expect(items).toHaveLength(3)
    expect(items[0]?.text()).toContain('福州市公安局')
    expect(items[0]?.text()).toContain('公安')
    expect(items[1]?.attributes('data-code')).toBe('350100SW')
    expect(wrapper.get('ul').attributes('aria-labelledby')).toBe('heading')
  })

  it('uses English names and category labels in English', () => {
    const wrapper = mountList('en')
    const items = wrapper.findAll('[data-testid="department-item"]')
    expect(items[0]?.text()).toContain('Fuzhou City Public Security Bureau')
    expect(items[0]?.text()).toContain('Public security')
    expect(items[1]?.text()).toContain('Tax')
  })

  it('shows unknown categories verbatim', () => {
    const wrapper = mountList('zh-CN')
    expect(wrapper.findAll('[data-testid="department-item"]')[2]?.text()).toContain('brand-new-category')
  })

  it('switches language reactively', async () => {
    const i18n = testI18n('zh-CN')
    const wrapper = mount(DepartmentList, { props: { departments }, global: { plugins: [i18n] } })
    i18n.global.locale.value = 'en'
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toContain('Fuzhou City Tax Service')
  })
})
