/**
 * Fixtures and helpers for the e-licenses specs (imported by specs only): licenses in each
 * status with their QR SVGs, consents, access entries, a staff member of the issuing
 * department, and axe's structural check as the other areas run it.
 */
import axe from 'axe-core'
import type {
  LicenseAccessLogQuery,
  LicenseConsentPartsFragment,
  LicensePartsFragment,
  LicenseSummaryFragment,
  LicensesSharedWithMyDepartmentQuery,
  SealPartsFragment,
  UsableLicensesQuery,
} from '@/api/generated/graphql'
import { ME_BASIC } from '@/test/identity'
import { staffMe } from '@/pages/enterprise/testing'

export const LICENSE_ID = '8f2c1a9e-5b4d-4e3f-9a1b-2c3d4e5f6a7b'
export const OTHER_LICENSE_ID = '9a3d2b0f-6c5e-4f40-8b2c-3d4e5f6a7b8c'
export const ENTERPRISE_ID = '5d1f0f0e-1111-4222-8333-444455556666'

export const QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h7v7H0z"/><title>verify</title></svg>'
export const OFFLINE_QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 45 45"><path d="M0 0h7v7H0z"/><title>offline</title></svg>'

export const LICENSE: LicensePartsFragment = {
  id: LICENSE_ID,
  identifier: '1.2.156.3005.2.11100000MB0143028A.12350100003591337X.00012.001.K',
  typeCode: 'residence-permit',
  name: '福建省居住证',
  nameEn: 'Fujian residence permit',
  departmentCode: '350100-GA',
  departmentName: '福州市公安局',
  departmentNameEn: 'Fuzhou Public Security Bureau',
  holderKind: 'PERSON',
  holderName: '陈明辉',
  fields: [
    { key: 'name', label: '姓名', labelEn: 'Name', value: '陈明辉' },
    { key: 'address', label: '居住地址', labelEn: 'Address', value: '福州市鼓楼区五四路 1 号' },
  ],
  validFrom: '2026-11-22T02:00:00+00:00',
  validUntil: '2027-11-22T02:00:00+00:00',
  status: 'VALID',
  statusReason: null,
  statusChangedAt: null,
  issuedAt: '2026-11-22T02:00:00+00:00',
  caseNumber: '350100-20261120-000123-7',
  verifyUrl: 'https://onetap.example/v/AB12CD34EF',
  qrSvg: QR_SVG,
  signedPayload: 'eyJhbGciOiJFZERTQSJ9.eyJpZCI6IjEifQ.c2ln',
  offlineQrSvg: OFFLINE_QR_SVG,
  pdfSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
}

export function licenseWith(overrides: Partial<LicensePartsFragment>): LicensePartsFragment {
  return { ...LICENSE, ...overrides }
}

export const SUSPENDED = licenseWith({
  id: OTHER_LICENSE_ID,
  name: '个体工商户营业执照',
  nameEn: 'Individual business license',
  departmentName: '福州市市场监督管理局',
  departmentNameEn: 'Fuzhou Market Supervision Administration',
  status: 'SUSPENDED',
  statusReason: '经营地址核查中',
  statusChangedAt: '2026-11-25T02:00:00+00:00',
  validUntil: null,
})

/** The staff's view: no QR codes, the holder masked. */
export function summaryOf(license: LicensePartsFragment): LicenseSummaryFragment {
  const { verifyUrl: _u, qrSvg: _q, signedPayload: _s, offlineQrSvg: _o, pdfSha256: _p, ...summary } = license
  return { ...summary, holderName: '陈*辉' }
}

export const CONSENT: LicenseConsentPartsFragment = {
  id: 'c1',
  licenseId: LICENSE_ID,
  departmentCode: '350100-RS',
  departmentName: '福州市人力资源和社会保障局',
  serviceItemCode: null,
  serviceItemName: null,
  purpose: '办理社保卡申领',
  expiresAt: '2026-12-22T15:59:59+00:00',
  createdAt: '2026-11-22T03:00:00+00:00',
  withdrawnAt: null,
  live: true,
}

export function consentWith(overrides: Partial<LicenseConsentPartsFragment>): LicenseConsentPartsFragment {
  return { ...CONSENT, ...overrides }
}

type Access = LicenseAccessLogQuery['licenseAccessLog'][number]

export const ACCESS: Access[] = [
  {
    id: 'a1',
    licenseId: LICENSE_ID,
    at: '2026-11-23T02:00:00+00:00',
    departmentCode: '350100-RS',
    departmentName: '福州市人力资源和社会保障局',
    purpose: '办理社保卡申领',
    granted: true,
    refusal: null,
  },
  {
    id: 'a2',
    licenseId: LICENSE_ID,
    at: '2026-11-24T02:00:00+00:00',
    departmentCode: '350100-ZJ',
    departmentName: '福州市住房和城乡建设局',
    purpose: '核对住房信息',
    granted: false,
    refusal: 'CONSENT_REQUIRED',
  },
]

export const USABLE: UsableLicensesQuery['usableLicenses'] = [
  {
    id: LICENSE_ID,
    identifier: LICENSE.identifier,
    typeCode: LICENSE.typeCode,
    name: LICENSE.name,
    nameEn: LICENSE.nameEn,
    departmentName: LICENSE.departmentName,
    departmentNameEn: LICENSE.departmentNameEn,
    holderName: LICENSE.holderName,
    validUntil: LICENSE.validUntil,
    status: 'VALID',
  },
]

type Grant = LicensesSharedWithMyDepartmentQuery['licensesSharedWithMyDepartment'][number]

/** Consents in force for the staff's department: one named directly, one for a service item. */
export const GRANTS: Grant[] = [
  {
    consentId: 'k2',
    licenseId: OTHER_LICENSE_ID,
    licenseName: '个体工商户营业执照',
    licenseNameEn: 'Individual business license',
    holderKind: 'ENTERPRISE',
    holderName: '福州闽江茶业有限公司',
    purpose: '核对经营场所信息',
    expiresAt: '2026-12-24T15:59:59+00:00',
    createdAt: '2026-11-23T03:00:00+00:00',
    serviceItemCode: '350100-GA-0007',
    serviceItemName: '户口迁入',
  },
  {
    consentId: 'k1',
    licenseId: LICENSE_ID,
    licenseName: '福建省居住证',
    licenseNameEn: 'Fujian residence permit',
    holderKind: 'PERSON',
    holderName: '陈**',
    purpose: '办理落户手续',
    expiresAt: '2026-12-22T15:59:59+00:00',
    createdAt: '2026-11-22T03:00:00+00:00',
    serviceItemCode: null,
    serviceItemName: null,
  },
]

export const SEAL_IMAGE = 'https://objects.example/onetap-licenses/seals/350100-GA/seal.png?sig=1'

export const ACTIVE_SEAL: SealPartsFragment = {
  kid: 'seal-350100-GA-20261123020000-b2c3',
  departmentCode: '350100-GA',
  validFrom: '2026-11-23T02:00:00+00:00',
  retiredAt: null,
  active: true,
  imageUrl: SEAL_IMAGE,
}

export const RETIRED_SEAL: SealPartsFragment = {
  kid: 'seal-350100-GA-20260101000000-a1b2',
  departmentCode: '350100-GA',
  validFrom: '2026-01-01T00:00:00+00:00',
  retiredAt: '2026-11-23T02:00:00+00:00',
  active: false,
  imageUrl: `${SEAL_IMAGE}&old`,
}

/** A resident acting for an enterprise. */
export const ME_ACTING = { ...ME_BASIC, actingFor: `enterprise:${ENTERPRISE_ID}` }

/** Staff of the issuing department (the licenses' department is 350100-GA). */
export function deskStaff(roles: string[] = ['approver']) {
  return staffMe(roles, '350100-GA')
}

/** Storage key of the wallet's copy for ME_BASIC acting for herself. */
export const OWN_KEY = 'onetap:cache:licenses:person:1|self'

/** A rejected fetch (no answer at all): the client reports it as a NetworkError. */
export function offline(): never {
  throw new TypeError('Failed to fetch')
}

/** axe-core's structural rules (contrast is left to the browser run), as the other areas run them. */
export async function seriousViolations(): Promise<string[]> {
  document.title = 'OneTap'
  const results = await axe.run(document, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    resultTypes: ['violations'],
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
