import { flushPromises } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CaseDetailFragment } from '@/api/generated/graphql'
import { ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { CASE as DESK_CASE, CASE_ID as DESK_CASE_ID, caseWith } from '@/pages/desk/testing'
import { CASE_ID, caseOf, fakeLive, ITEM, mockServicesApi, withLive } from '@/pages/services/testing'
import { deskStaff, LICENSE, LICENSE_ID, USABLE } from './testing'

/**
 * "Zero materials" (零材料): a slot an e-license satisfies offers the applicant's valid
 * licenses instead of an upload, and a license material is shown as verified — to the
 * applicant while applying and to staff at the desk.
 */
beforeAll(async () => {
  await Promise.all([import('@/router'), import('@/pages/services/ApplyPage.vue'), import('@/pages/desk/CasePage.vue')])
}, 60_000)

const APPLY = `/cases/${CASE_ID}/apply`
const slot = { ...ITEM.materials[1]!, key: 'permit', name: '居住证', nameEn: 'Residence permit', required: true, maxFiles: 1, licenseTypes: ['residence-permit'] }
const item = { ...ITEM, materials: [ITEM.materials[0]!, slot] }
const LICENSE_MATERIAL = {
  id: 'm9',
  slot: 'permit',
  source: 'license',
  status: 'accepted',
  fileName: '福建省居住证',
  contentType: 'application/pdf',
  sizeBytes: null,
  downloadUrl: null,
  licenseReference: LICENSE.identifier,
  verifiedAt: '2026-11-22T03:00:00+00:00',
}

function backend(extra: Record<string, (v: Record<string, unknown>) => unknown> = {}, theCase: CaseDetailFragment = caseOf({ item })) {
  return mockServicesApi({ Me: () => ({ me: ME_BASIC }), Case: () => ({ case: theCase }), ...extra })
}

const open = { signedInAs: true, setup: withLive(fakeLive()) }

describe('a material slot an e-license satisfies', { timeout: 20_000 }, () => {
  it('offers "use my e-license" only where a license type fits', async () => {
    backend()
    const { wrapper } = await mountAt(APPLY, open)
    expect(wrapper.find('[data-testid="apply-material-permit-license"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="apply-material-photo-license"]').exists()).toBe(false)
    // Uploading stays possible as the alternative.
    expect(wrapper.find('[data-testid="apply-material-permit"]').exists()).toBe(true)
  })

  it('lists my valid licenses of those types and uses the chosen one instead of an upload', async () => {
    const api = backend({
      UsableLicenses: () => ({ usableLicenses: USABLE }),
      UseLicenseForMaterial: () => ({ useLicenseForMaterial: { __typename: 'CaseMaterial', ...LICENSE_MATERIAL } }),
    })
    const { wrapper } = await mountAt(APPLY, open)
    await wrapper.get('[data-testid="apply-material-permit-license"]').trigger('click')
    await flushPromises()
    expect(api.of('UsableLicenses')[0]?.variables).toEqual({ caseId: CASE_ID, slot: 'permit' })
    const choice = wrapper.get('[data-testid="apply-material-permit-licenses"]')
    const option = choice.get('[data-testid="apply-license-option"]')
    expect(option.attributes('data-license-id')).toBe(LICENSE_ID)
    expect(option.text()).toContain('福建省居住证 · 福州市公安局')
    expect(option.text()).toContain('有效期至 2027年11月22日')

    await option.trigger('click')
    await flushPromises()
    expect(api.of('UseLicenseForMaterial')[0]?.variables).toEqual({ caseId: CASE_ID, slot: 'permit', licenseId: LICENSE_ID })
    expect(api.uploads).toHaveLength(0)
    const file = wrapper.get('[data-testid="apply-slot-permit"] [data-testid="apply-material-file"]')
    expect(file.attributes('data-source')).toBe('license')
    expect(file.text()).toContain('电子证照')
    expect(file.text()).toContain('福建省居住证')
    expect(file.get('[data-testid="apply-material-verified"]').text()).toBe('已核验 · 2026/11/22 11:00')
    expect(wrapper.get('[data-testid="apply-material-status-permit"]').attributes('data-state')).toBe('done')
    expect(wrapper.find('[data-testid="apply-material-permit-licenses"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="apply-material-permit"]').exists()).toBe(false) // the slot is full
  })

  it('shows a license material already attached as verified, in English', async () => {
    backend({}, caseOf({ item, materials: [LICENSE_MATERIAL] }))
    const { wrapper } = await mountAt(APPLY, { ...open, locale: 'en' })
    expect(wrapper.get('[data-testid="apply-material-verified"]').text()).toBe('Verified · 11/22/2026, 11:00')
  })

  it('says when a license material has not been verified yet', async () => {
    const unverified = { ...LICENSE_MATERIAL, verifiedAt: null }
    backend({}, caseOf({ item, materials: [unverified] }))
    const { wrapper } = await mountAt(APPLY, open)
    expect(wrapper.get('[data-testid="apply-material-verified"]').text()).toBe('待核验')
  })

  it('says so when I have no valid license of those types, and lets me go back to uploading', async () => {
    backend({ UsableLicenses: () => ({ usableLicenses: [{ ...USABLE[0]!, status: 'SUSPENDED' }] }) })
    const { wrapper } = await mountAt(APPLY, open)
    await wrapper.get('[data-testid="apply-material-permit-license"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="apply-license-none"]').text()).toBe('您没有可用于此项的有效证照，请上传文件。')
    expect(wrapper.find('[data-testid="apply-license-option"]').exists()).toBe(false)
    await wrapper.get('[data-testid="apply-license-cancel"]').trigger('click')
    expect(wrapper.find('[data-testid="apply-material-permit-licenses"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="apply-material-permit-license"]').exists()).toBe(true)
  })

  it('explains a license that fails the check, in words', async () => {
    backend({
      UsableLicenses: () => ({ usableLicenses: USABLE }),
      UseLicenseForMaterial: () => ({ useLicenseForMaterial: { __typename: 'LicenseError', code: 'LICENSE_INVALID', message: 'x' } }),
    })
    const { wrapper } = await mountAt(APPLY, { ...open, locale: 'en' })
    await wrapper.get('[data-testid="apply-material-permit-license"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="apply-license-option"]').trigger('click')
    await flushPromises()
    const status = wrapper.get('[data-testid="apply-material-status-permit"]')
    expect(status.attributes('data-state')).toBe('error')
    expect(status.text()).toContain('did not pass the check')
    expect(wrapper.find('[data-testid="apply-slot-permit"] [data-testid="apply-material-file"]').exists()).toBe(false)
  })

  it('shows staff a license material as verified at the desk', async () => {
    const material = { ...DESK_CASE.materials[0]!, id: 'm9', source: 'license', fileName: '福建省居住证', downloadUrl: null, licenseReference: LICENSE.identifier, verifiedAt: '2026-11-22T03:00:00+00:00' }
    const pending = { ...material, id: 'm10', verifiedAt: null }
    mockApi({
      Me: () => ({ me: deskStaff(['window_clerk']) }),
      DeskCase: () => ({ case: caseWith({ materials: [material, pending] }) }),
      DeskCaseWarnings: () => ({ caseWarnings: [] }),
    })
    const { wrapper } = await mountAt(`/staff/cases/${DESK_CASE_ID}`, { signedInAs: true })
    const rows = wrapper.findAll('[data-testid="desk-material"]')
    expect(rows[0]?.text()).toContain(`电子证照 ${LICENSE.identifier}`)
    const verified = wrapper.findAll('[data-testid="desk-material-verified"]')
    expect(verified.map((v) => v.attributes('data-verified'))).toEqual(['true', 'false'])
    expect(verified[0]?.text()).toContain('已核验')
    expect(verified[1]?.text()).toBe('尚未核验签名和状态')
  })
})
