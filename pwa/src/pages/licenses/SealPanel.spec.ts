import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SealPartsFragment } from '@/api/generated/graphql'
import { graphqlError, mockApi, mountAt, type OperationHandler } from '@/test/identity'
import { ACTIVE_SEAL, deskStaff, RETIRED_SEAL, SEAL_IMAGE, seriousViolations } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('./StaffLicensesPage.vue')])
}, 60_000)

const PATH = '/staff/licenses'
const ADMIN = ['department_admin']

function backend(seals: () => SealPartsFragment[], extra: Record<string, OperationHandler> = {}, roles: string[] = ADMIN) {
  return mockApi({
    Me: () => ({ me: deskStaff(roles) }),
    DepartmentLicenses: () => ({ departmentLicenses: [] }),
    LicensesSharedWithMyDepartment: () => ({ licensesSharedWithMyDepartment: [] }),
    DepartmentSeals: () => ({ seals: seals() }),
    ...extra,
  })
}

function dialog(): Element | null {
  return document.querySelector('.van-dialog')
}

async function press(selector: string) {
  document.querySelector<HTMLButtonElement>(selector)?.click()
  await flushPromises()
}

describe('electronic seals on the staff page', { timeout: 20_000 }, () => {
  for (const roles of [['approver'], ['window_clerk']]) {
    it(`is not offered to ${roles.join(', ')}`, async () => {
      const api = backend(() => [ACTIVE_SEAL], {}, roles)
      const { wrapper } = await mountAt(PATH, { signedInAs: true })
      expect(wrapper.find('[data-testid="desk-license-read-form"]').exists()).toBe(true)
      expect(wrapper.find('[data-testid="desk-seals"]').exists()).toBe(false)
      expect(api.of('DepartmentSeals')).toHaveLength(0)
    })
  }

  it('shows the active seal and the retired one, each with its dates and image', async () => {
    const api = backend(() => [RETIRED_SEAL, ACTIVE_SEAL])
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(api.of('DepartmentSeals')[0]?.variables).toEqual({ departmentCode: '350100-GA' })
    const panel = wrapper.get('[data-testid="desk-seals"]')
    expect(panel.get('h3').text()).toBe('电子印章')
    const rows = panel.findAll('[data-testid="desk-seal"]')
    expect(rows.map((r) => [r.attributes('data-kid'), r.attributes('data-active')])).toEqual([
      [ACTIVE_SEAL.kid, 'true'],
      [RETIRED_SEAL.kid, 'false'],
    ])
    const [active, retired] = rows
    expect(active!.get('[data-testid="desk-seal-state"]').text()).toBe('在用')
    expect(active!.get('[data-testid="desk-seal-kid"]').text()).toBe(ACTIVE_SEAL.kid)
    expect(active!.get('[data-testid="desk-seal-valid-from"]').attributes('datetime')).toBe(ACTIVE_SEAL.validFrom)
    expect(active!.find('[data-testid="desk-seal-retired-at"]').exists()).toBe(false)
    const image = active!.get('[data-testid="desk-seal-image"]')
    expect(image.element.tagName).toBe('IMG')
    expect(image.attributes('src')).toBe(SEAL_IMAGE)
    expect(image.attributes('alt')).toBe(`福州市公安局的电子印章印模（${ACTIVE_SEAL.kid}）`)
    expect(retired!.get('[data-testid="desk-seal-state"]').text()).toBe('已停用')
    expect(retired!.get('[data-testid="desk-seal-retired-at"]').attributes('datetime')).toBe(RETIRED_SEAL.retiredAt)
    expect(retired!.get('[data-testid="desk-seal-retired-at"]').text()).toContain('2026')
    expect(panel.find('[data-testid="desk-seal-rotate"]').exists()).toBe(true)
    expect(panel.find('[data-testid="desk-seal-create"]').exists()).toBe(false)
  })

  it('creates the first seal when there is none', async () => {
    let seals: SealPartsFragment[] = []
    const api = backend(() => seals, {
      CreateSeal: () => {
        seals = [ACTIVE_SEAL]
        return { createSeal: { __typename: 'Seal', ...ACTIVE_SEAL } }
      },
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="desk-seals-empty"]').text()).toBe('本部门还没有电子印章。签发证照前需要先创建。')
    expect(wrapper.find('[data-testid="desk-seal-rotate"]').exists()).toBe(false)
    await wrapper.get('[data-testid="desk-seal-create"]').trigger('click')
    await flushPromises()
    expect(api.of('CreateSeal')[0]?.variables).toEqual({ departmentCode: '350100-GA' })
    expect(wrapper.get('[data-testid="desk-seals-notice"]').text()).toBe(`已创建电子印章 ${ACTIVE_SEAL.kid}，此后签发的证照将使用它签章。`)
    expect(wrapper.findAll('[data-testid="desk-seal"]').map((r) => r.attributes('data-active'))).toEqual(['true'])
    expect(wrapper.find('[data-testid="desk-seal-create"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="desk-seal-rotate"]').exists()).toBe(true)
  })

  it('rotates only after a confirmation that explains what rotation means', async () => {
    const NEW = { ...ACTIVE_SEAL, kid: 'seal-350100-GA-20261124020000-c3d4', validFrom: '2026-11-24T02:00:00+00:00' }
    let seals = [ACTIVE_SEAL]
    const api = backend(() => seals, {
      RotateSeal: () => {
        seals = [NEW, { ...ACTIVE_SEAL, active: false, retiredAt: NEW.validFrom }]
        return { rotateSeal: { __typename: 'Seal', ...NEW } }
      },
    })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-seal-rotate"]').trigger('click')
    await flushPromises()
    const text = dialog()?.textContent ?? ''
    expect(text).toContain('更换电子印章')
    expect(text).toContain(`旧印章 ${ACTIVE_SEAL.kid} 停止签章`)
    expect(text).toContain('用旧印章签发的证照仍可正常核验')
    await press('.van-dialog__cancel')
    expect(api.of('RotateSeal')).toHaveLength(0)

    await wrapper.get('[data-testid="desk-seal-rotate"]').trigger('click')
    await flushPromises()
    await press('.van-dialog__confirm')
    expect(api.of('RotateSeal')[0]?.variables).toEqual({ departmentCode: '350100-GA' })
    expect(wrapper.get('[data-testid="desk-seals-notice"]').text()).toBe(`已更换电子印章，新印章 ${NEW.kid} 已启用。`)
    const rows = wrapper.findAll('[data-testid="desk-seal"]')
    expect(rows.map((r) => [r.attributes('data-kid'), r.attributes('data-active')])).toEqual([
      [NEW.kid, 'true'],
      [ACTIVE_SEAL.kid, 'false'],
    ])
  })

  it('explains refusals in words: one exists already (CONFLICT), none to rotate (SEAL_MISSING, in English)', async () => {
    let seals: SealPartsFragment[] = []
    backend(() => seals, {
      CreateSeal: () => {
        seals = [ACTIVE_SEAL] // another admin was quicker
        return { createSeal: { __typename: 'LicenseError', code: 'CONFLICT', message: 'x' } }
      },
    })
    let { wrapper } = await mountAt(PATH, { signedInAs: true })
    await wrapper.get('[data-testid="desk-seal-create"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="desk-seals-notice"]').text()).toBe('本部门已有在用的电子印章，不能再创建；如需更换，请点“更换印章”。')
    expect(wrapper.findAll('[data-testid="desk-seal"]')).toHaveLength(1) // re-read: shown as it is now

    backend(() => [ACTIVE_SEAL], { RotateSeal: () => ({ rotateSeal: { __typename: 'LicenseError', code: 'SEAL_MISSING', message: 'x' } }) })
    ;({ wrapper } = await mountAt(PATH, { signedInAs: true, locale: 'en' }))
    await wrapper.get('[data-testid="desk-seal-rotate"]').trigger('click')
    await flushPromises()
    expect(dialog()?.textContent).toContain('Licenses the old seal signed still verify.')
    await press('.van-dialog__confirm')
    expect(wrapper.get('[data-testid="desk-seals-notice"]').text()).toBe('Your department has no active seal to rotate; create one first.')
  })

  it('shows a refusal to list the seals in words, with a retry', async () => {
    let fail = true
    const api = backend(() => [ACTIVE_SEAL], { DepartmentSeals: () => (fail ? graphqlError('FORBIDDEN') : { seals: [ACTIVE_SEAL] }) })
    const { wrapper } = await mountAt(PATH, { signedInAs: true })
    expect(wrapper.get('[data-testid="desk-seals-error"]').text()).toBe('电子印章加载失败：您没有权限进行这项操作。')
    expect(wrapper.find('[data-testid="desk-seal-create"]').exists()).toBe(false)
    fail = false
    await wrapper.get('[data-testid="desk-seals-retry"]').trigger('click')
    await flushPromises()
    expect(api.of('DepartmentSeals')).toHaveLength(2)
    expect(wrapper.find('[data-testid="desk-seals-error"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="desk-seal"]')).toHaveLength(1)
  })

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`passes axe's structural checks: empty with a refusal, and listing (${locale})`, async () => {
      backend(() => [], { CreateSeal: () => ({ createSeal: { __typename: 'LicenseError', code: 'CONFLICT', message: 'x' } }) })
      const { wrapper } = await mountAt(PATH, { signedInAs: true, locale })
      await wrapper.get('[data-testid="desk-seal-create"]').trigger('click')
      await flushPromises()
      expect(wrapper.find('[data-testid="desk-seals-notice"]').exists()).toBe(true)
      expect(await seriousViolations()).toEqual([])
      backend(() => [ACTIVE_SEAL, RETIRED_SEAL])
      await mountAt(PATH, { signedInAs: true, locale })
      expect(await seriousViolations()).toEqual([])
    }, 30_000)
  }
})
