import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { testI18n } from '@/test/helpers'
import ApplicationForm from './ApplicationForm.vue'
import { daysFromToday, type Inputs } from './formRules'
import { FORM } from './testing'

function mountForm(locale: 'zh-CN' | 'en' = 'zh-CN', errors: Record<string, string | null> = {}) {
  const inputs = ref<Inputs>({ agree: false })
  const blurred: string[] = []
  const Host = defineComponent({
    setup: () => () =>
      h(ApplicationForm, {
        fields: FORM,
        modelValue: inputs.value,
        errors,
        'onUpdate:modelValue': (next: Inputs) => (inputs.value = next),
        onBlur: (key: string) => blurred.push(key),
      }),
  })
  const wrapper = mount(Host, { global: { plugins: [testI18n(locale)] }, attachTo: document.body })
  return { wrapper, inputs, blurred }
}

describe('ApplicationForm (rendered from the item’s field list)', () => {
  it('renders one labelled control of the right kind per field, test ids on the controls', () => {
    const { wrapper } = mountForm()
    const control = (key: string) => wrapper.get(`[data-testid="apply-field-${key}"]`)
    expect(control('reason').element.tagName).toBe('TEXTAREA')
    expect(control('name_pinyin').attributes('type')).toBe('text')
    expect(control('copies').attributes('inputmode')).toBe('decimal')
    expect(control('move_date').attributes('type')).toBe('date')
    expect(control('move_date').attributes('min')).toBe(daysFromToday(0))
    expect(control('move_date').attributes('max')).toBe(daysFromToday(90))
    expect(control('kind').element.tagName).toBe('SELECT')
    expect(control('kind').findAll('option').map((o) => o.text())).toEqual(['请选择', '首次申领', '到期换领'])
    expect(control('phone').attributes('type')).toBe('tel')
    expect(control('id_number').attributes('maxlength')).toBe('18')
    expect(control('agree').attributes('type')).toBe('checkbox')
    for (const field of FORM) {
      const id = control(field.key).attributes('id')
      expect(wrapper.find(`label[for="${id}"]`).exists(), field.key).toBe(true)
    }
    // Optional fields say so; the help text is linked to its input.
    expect(wrapper.get('label[for="apply-field-name_pinyin"]').text()).toBe('姓名拼音（选填）')
    expect(control('name_pinyin').attributes('aria-describedby')).toBe('apply-field-name_pinyin-hint')
    wrapper.unmount()
  })

  it('reports what is entered in the value each type needs', async () => {
    const { wrapper, inputs, blurred } = mountForm()
    await wrapper.get('[data-testid="apply-field-reason"]').setValue('工作调动')
    await wrapper.get('[data-testid="apply-field-copies"]').setValue('2')
    await wrapper.get('[data-testid="apply-field-kind"]').setValue('renew')
    await wrapper.get('[data-testid="apply-field-id_number"]').setValue('11010519491231002ｘ')
    await wrapper.get('[data-testid="apply-field-agree"]').setValue(true)
    await wrapper.get('[data-testid="apply-field-phone"]').trigger('blur')
    expect(inputs.value).toMatchObject({ reason: '工作调动', copies: '2', kind: 'renew', id_number: '11010519491231002X', agree: true })
    expect(blurred).toContain('phone')
    expect(blurred).toContain('kind')
    wrapper.unmount()
  })

  it('shows each problem beside its field, linked for screen readers, in English too', () => {
    const { wrapper } = mountForm('en', { copies: 'At least 1.', agree: 'Confirm: I confirm this is true.' })
    const copies = wrapper.get('[data-testid="apply-field-copies"]')
    expect(copies.attributes('aria-invalid')).toBe('true')
    expect(copies.attributes('aria-describedby')).toBe('apply-field-copies-error')
    expect(wrapper.get('[data-testid="apply-field-copies-error"]').text()).toBe('At least 1.')
    expect(wrapper.get('[data-testid="apply-field-agree-error"]').text()).toContain('Confirm')
    expect(wrapper.get('label[for="apply-field-kind"]').text()).toBe('Kind')
    wrapper.unmount()
  })
})
