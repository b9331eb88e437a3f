import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { staffMe } from '@/pages/enterprise/testing'
import { arrivedAt, fill, mockApi, mountAt } from '@/test/identity'
import { ITEM, page } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./CataloguePage.vue'), import('./ItemPage.vue'), import('./NewItemPage.vue')])
}, 60_000)

const admin = () => ({ me: staffMe(['department_admin'], '350100-GA') })
const CATEGORIES = [
  { code: 'public_security', name: '公安', nameEn: 'Public security' },
  { code: 'social_security', name: '社会保障', nameEn: 'Social security' },
]
const PUBLISHED = { ...ITEM, versionId: 'v1', version: 1, status: 'PUBLISHED' as const, validFrom: '2026-01-01T00:00:00+00:00' }

describe('catalogue editor (department admins)', () => {
  it('is for department and platform admins', async () => {
    mockApi({ Me: () => ({ me: staffMe(['approver'], '350100-GA') }) })
    const { wrapper } = await mountAt('/staff/catalogue', { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-not-for-role"]').exists()).toBe(true)
  })

  it("lists the department's published items and opens one by its code", async () => {
    const api = mockApi({
      Me: admin,
      DeskServiceItems: () => ({ serviceItems: page([{ id: 'i1', code: '350100-GA-0001', name: '居住证办理', nameEn: 'Residence permit', version: 1, status: 'PUBLISHED' }]) }),
      DeskItemVersions: () => ({ serviceItemVersions: [] }),
    })
    const { wrapper, router } = await mountAt('/staff/catalogue', { signedInAs: true })
    expect(api.of('DeskServiceItems')[0]?.variables).toEqual({ departmentCode: '350100-GA', first: 30, after: null })
    const item = wrapper.get('[data-testid="desk-catalogue-item"]')
    expect(item.text()).toContain('居住证办理')
    expect(item.get('a').attributes('href')).toBe('/staff/catalogue/350100-GA-0001')

    await wrapper.get('[data-testid="desk-catalogue-open"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-catalogue-code-error"]').text()).toBe('请填写事项编码。')
    await fill(wrapper, 'desk-catalogue-code', ' 350100-GA-0099 ')
    await wrapper.get('[data-testid="desk-catalogue-open"]').trigger('submit')
    await arrivedAt(router, 'desk-catalogue-item')
    expect(router.currentRoute.value.params.code).toBe('350100-GA-0099')
    expect(wrapper.get('[data-testid="desk-catalogue-missing"]').text()).toContain('没有找到这个事项')
  })

  it('edits a draft: local checks, the API’s problem in the form fields JSON, then saved', async () => {
    let attempt = 0
    const api = mockApi({
      Me: admin,
      DeskItemVersions: () => ({ serviceItemVersions: [PUBLISHED, ITEM] }),
      DeskServiceCategories: () => ({ serviceCategories: CATEGORIES }),
      DeskUpdateDraft: (variables) => {
        attempt += 1
        if (attempt === 1) {
          return { updateServiceItemDraft: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'form[0]', reason: 'invalid_spec' } }
        }
        const input = variables.input as Record<string, unknown>
        return { updateServiceItemDraft: { ...ITEM, name: input.name as string, feeFen: input.feeFen as number | null } }
      },
    })
    const { wrapper } = await mountAt('/staff/catalogue/350100-GA-0001', { signedInAs: true })
    const versions = wrapper.findAll('[data-testid="desk-catalogue-version"]')
    expect(versions.map((v) => [v.attributes('data-version'), v.attributes('data-status')])).toEqual([
      ['2', 'DRAFT'],
      ['1', 'PUBLISHED'],
    ])
    // A draft exists: no second one.
    expect(wrapper.find('[data-testid="desk-catalogue-draft"]').exists()).toBe(false)

    await wrapper.get('[data-testid="desk-catalogue-edit"]').trigger('click')
    await flushPromises()
    expect(wrapper.get<HTMLInputElement>('[data-testid="desk-item-name"]').element.value).toBe('居住证办理')
    expect(wrapper.get<HTMLInputElement>('[data-testid="desk-item-fee"]').element.value).toBe('20')
    expect(wrapper.get<HTMLSelectElement>('[data-testid="desk-item-category"]').element.value).toBe('public_security')
    expect(wrapper.get<HTMLSelectElement>('[data-testid="desk-item-person-tier"]').element.value).toBe('intermediate')
    expect(JSON.parse(wrapper.get<HTMLTextAreaElement>('[data-testid="desk-item-form"]').element.value)[0]).toMatchObject({
      key: 'reason',
      type: 'text',
      minLength: 2,
    })

    await fill(wrapper, 'desk-item-name', '')
    await fill(wrapper, 'desk-item-fee', '12.345')
    await fill(wrapper, 'desk-item-promised-days', '30')
    await wrapper.get('[data-testid="desk-item-materials"]').setValue('{"not": "a list"}')
    await wrapper.get('[data-testid="desk-item-delivery-hall"]').setValue(false)
    await wrapper.get('[data-testid="desk-item-delivery-courier"]').setValue(false)
    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-item-name-error"]').text()).toBe('请填写事项名称。')
    expect(wrapper.get('[data-testid="desk-item-fee-error"]').text()).toBe('收费请填写金额，最多两位小数。')
    expect(wrapper.get('[data-testid="desk-item-promised-days-error"]').text()).toBe('承诺时限不能长于法定时限。')
    expect(wrapper.get('[data-testid="desk-item-materials-error"]').text()).toBe('不是有效的 JSON 数组。')
    expect(wrapper.get('[data-testid="desk-item-delivery-options-error"]').text()).toBe('请至少选择一项。')
    expect(document.activeElement?.id).toBe('desk-item-name')
    expect(api.of('DeskUpdateDraft')).toHaveLength(0)

    await fill(wrapper, 'desk-item-name', '居住证申领')
    await fill(wrapper, 'desk-item-fee', '')
    await fill(wrapper, 'desk-item-promised-days', '7')
    await wrapper.get('[data-testid="desk-item-materials"]').setValue('[]')
    await wrapper.get('[data-testid="desk-item-delivery-hall"]').setValue(true)
    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await flushPromises()
    const input = api.of('DeskUpdateDraft')[0]?.variables.input as Record<string, unknown>
    expect(api.of('DeskUpdateDraft')[0]?.variables.versionId).toBe('v2')
    expect(input).toMatchObject({
      name: '居住证申领',
      feeFen: null,
      statutoryDays: 15,
      promisedDays: 7,
      personTier: 'intermediate',
      deliveryOptions: ['HALL'],
      materials: [],
      applicantKinds: ['PERSON'],
    })
    expect(input).not.toHaveProperty('code')
    expect(wrapper.get('[data-testid="desk-item-form-error"]').text()).toBe('申请表字段（JSON）有误（位置：form[0]）。')

    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-catalogue-notice"]').text()).toBe('草稿已保存。')
    expect(wrapper.find('[data-testid="desk-item-editor"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="desk-catalogue-version"]')[0]?.text()).toContain('居住证申领')
  })

  it('publishes a draft and retires a published version after confirmation', async () => {
    let published = false
    const api = mockApi({
      Me: admin,
      DeskItemVersions: () => ({
        serviceItemVersions: published ? [{ ...PUBLISHED, status: 'RETIRED' }, { ...ITEM, status: 'PUBLISHED' }] : [PUBLISHED, ITEM],
      }),
      DeskPublishVersion: () => {
        published = true
        return { publishServiceItemVersion: { ...ITEM, status: 'PUBLISHED' } }
      },
      DeskRetireVersion: () => ({ retireServiceItemVersion: { __typename: 'CaseworkError', code: 'CONFLICT', message: 'x' } }),
    })
    const { wrapper } = await mountAt('/staff/catalogue/350100-GA-0001', { signedInAs: true })
    await wrapper.get('[data-testid="desk-catalogue-publish"]').trigger('click')
    await flushPromises()
    expect(api.of('DeskPublishVersion')[0]?.variables).toEqual({ versionId: 'v2', validFrom: null })
    expect(wrapper.get('[data-testid="desk-catalogue-notice"]').text()).toBe('第 2 版已发布，上一版已停用。')
    expect(wrapper.findAll('[data-testid="desk-catalogue-version"]').map((v) => v.attributes('data-status'))).toEqual(['PUBLISHED', 'RETIRED'])
    expect(wrapper.find('[data-testid="desk-catalogue-draft"]').exists()).toBe(true)

    await wrapper.get('[data-testid="desk-catalogue-retire"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('.van-dialog')?.textContent).toContain('确定停用第 2 版吗')
    document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
    await flushPromises()
    expect(api.of('DeskRetireVersion')[0]?.variables).toEqual({ versionId: 'v2' })
    expect(wrapper.get('[data-testid="desk-catalogue-notice"]').text()).toBe('与当前记录冲突，请刷新后重试。')
  })

  it('creates a new item of the department, with the code the API refuses shown on its field', async () => {
    let attempt = 0
    const api = mockApi({
      Me: admin,
      DeskServiceCategories: () => ({ serviceCategories: CATEGORIES }),
      DeskCreateItem: () => {
        attempt += 1
        return attempt === 1
          ? { createServiceItem: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'code', reason: 'format' } }
          : { createServiceItem: { ...ITEM, code: '350100-GA-0100', version: 1, versionId: 'v9' } }
      },
      DeskItemVersions: () => ({ serviceItemVersions: [{ ...ITEM, code: '350100-GA-0100', version: 1, versionId: 'v9' }] }),
    })
    const { wrapper, router } = await mountAt('/staff/catalogue/new', { signedInAs: true, locale: 'en' })
    expect(wrapper.get<HTMLInputElement>('[data-testid="desk-item-code"]').element.value).toBe('350100-')
    expect(wrapper.get('[data-testid="desk-item-department-fixed"]').text()).toBe('Department: 350100-GA')
    await fill(wrapper, 'desk-item-code', '350100-GA-0100')
    await fill(wrapper, 'desk-item-name', '新事项')
    await fill(wrapper, 'desk-item-name-en', 'New item')
    await wrapper.get('[data-testid="desk-item-category"]').setValue('social_security')
    await wrapper.get('[data-testid="desk-item-conditions"]').setValue('无')
    await wrapper.get('[data-testid="desk-item-conditions-en"]').setValue('None')
    await wrapper.get('[data-testid="desk-item-fully-online"]').setValue(true)
    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskCreateItem')[0]?.variables.input).toMatchObject({
      code: '350100-GA-0100',
      departmentCode: '350100-GA',
      category: 'social_security',
      fullyOnline: true,
      feeFen: null,
      materials: [],
      form: [],
    })
    expect(wrapper.get('[data-testid="desk-item-code-error"]').text()).toContain('is not in the right form')

    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await arrivedAt(router, 'desk-catalogue-item')
    expect(router.currentRoute.value.params.code).toBe('350100-GA-0100')
    expect(wrapper.get('[data-testid="desk-catalogue-notice"]').text()).toBe('Item created (draft version 1).')
  })

  it('lets a platform admin choose the department of a new item', async () => {
    const api = mockApi({
      Me: () => ({ me: staffMe(['platform_admin'], null) }),
      DeskServiceCategories: () => ({ serviceCategories: CATEGORIES }),
      DeskCreateItem: () => ({ createServiceItem: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'departmentCode', reason: 'unknown' } }),
    })
    const { wrapper } = await mountAt('/staff/catalogue/new', { signedInAs: true })
    expect(wrapper.find('[data-testid="desk-item-department-fixed"]').exists()).toBe(false)
    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-item-department-code-error"]').text()).toBe('请填写所属部门代码。')
    await fill(wrapper, 'desk-item-department-code', '350100-XX')
    await fill(wrapper, 'desk-item-code', '350100-XX-1')
    await fill(wrapper, 'desk-item-name', '新事项')
    await fill(wrapper, 'desk-item-name-en', 'New item')
    await wrapper.get('[data-testid="desk-item-category"]').setValue('public_security')
    await wrapper.get('[data-testid="desk-item-conditions"]').setValue('无')
    await wrapper.get('[data-testid="desk-item-conditions-en"]').setValue('None')
    await wrapper.get('[data-testid="desk-item-editor"]').trigger('submit')
    await flushPromises()
    expect(api.of('DeskCreateItem')[0]?.variables.input).toMatchObject({ departmentCode: '350100-XX' })
    expect(wrapper.get('[data-testid="desk-item-department-code-error"]').text()).toBe('所属部门代码不存在，请检查。')
  })
})
