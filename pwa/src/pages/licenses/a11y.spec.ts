import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { ACCESS, ACTIVE_SEAL, CONSENT, consentWith, deskStaff, GRANTS, LICENSE, LICENSE_ID, RETIRED_SEAL, seriousViolations, summaryOf, SUSPENDED } from './testing'

function backend() {
  return mockApi({
    Me: () => ({ me: ME_BASIC }),
    MyLicenses: () => ({ myLicenses: [LICENSE, SUSPENDED] }),
    License: () => ({ license: SUSPENDED }),
    LicenseConsents: () => ({ licenseConsents: [CONSENT, consentWith({ id: 'c2', live: false, withdrawnAt: '2026-11-21T05:00:00+00:00' })] }),
    CityDepartments: () => ({ region: null }),
    LicenseAccessLog: () => ({ licenseAccessLog: ACCESS }),
  })
}

describe('accessibility of the e-licenses pages (axe-core, structural rules)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`the wallet and a license with its offline code shown (${locale})`, async () => {
      backend()
      await mountAt('/licenses', { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
      const { wrapper } = await mountAt(`/licenses/${LICENSE_ID}`, { locale, signedInAs: true })
      await wrapper.get('[data-testid="license-offline-toggle"]').trigger('click')
      expect(await seriousViolations()).toEqual([])
    }, 30_000)

    it(`sharing, with the form's problems shown, and the access log (${locale})`, async () => {
      backend()
      const { wrapper } = await mountAt(`/licenses/${LICENSE_ID}/share`, { locale, signedInAs: true })
      await wrapper.get('[data-testid="share-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.find('[data-testid="share-consent-error"]').exists()).toBe(true)
      expect(await seriousViolations()).toEqual([])
      await mountAt(`/licenses/${LICENSE_ID}/access`, { locale, signedInAs: true })
      expect(await seriousViolations()).toEqual([])
    }, 30_000)

    it(`the staff page, with what was shared and the seals, and the public verify page (${locale})`, async () => {
      mockApi({
        Me: () => ({ me: deskStaff(['approver', 'department_admin']) }),
        DepartmentLicenses: () => ({ departmentLicenses: [summaryOf(LICENSE), summaryOf(SUSPENDED)] }),
        LicensesSharedWithMyDepartment: () => ({ licensesSharedWithMyDepartment: GRANTS }),
        DepartmentSeals: () => ({ seals: [ACTIVE_SEAL, RETIRED_SEAL] }),
      })
      const { wrapper } = await mountAt('/staff/licenses', { locale, signedInAs: true })
      expect(wrapper.findAll('[data-testid="desk-shared-grant"]')).toHaveLength(2)
      expect(wrapper.findAll('[data-testid="desk-seal"]')).toHaveLength(2)
      await wrapper.get('[data-testid="desk-shared-read"]').trigger('click')
      expect(wrapper.find('[data-testid="desk-license-read-chosen"]').exists()).toBe(true)
      expect(await seriousViolations()).toEqual([])
      await mountAt('/licenses/verify', { locale })
      expect(await seriousViolations()).toEqual([])
    }, 30_000)
  }
})
