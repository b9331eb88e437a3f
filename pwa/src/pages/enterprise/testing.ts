/** Fixtures for the enterprise and staff page specs (imported by specs only). */
import type {
  AgentAppointmentPartsFragment,
  EnterprisePartsFragment,
  MeQuery,
  MyEnterprisesQuery,
  StaffMemberPartsFragment,
} from '@/api/generated/graphql'
import { ME_BASIC } from '@/test/identity'

export const ENTERPRISE_ID = '5d1f0f0e-1111-4222-8333-444455556666'
export const OTHER_ID = '7a2b0c0d-1111-4222-8333-444455556666'

export const ENTERPRISE: EnterprisePartsFragment = {
  __typename: 'Enterprise',
  id: ENTERPRISE_ID,
  name: '福州闽江数字科技有限公司',
  creditCode: '91350102MA2XK8N32U',
  registrationNumber: '350102110008170',
  tier: 'BASIC',
  legalRepresentativeName: '陈明辉',
  viewerIsLegalRepresentative: true,
  boundAt: '2026-11-20T08:00:00+00:00',
  evidence: [
    {
      id: 'ev1',
      tier: 'BASIC',
      method: 'business_registry',
      provider: 'sandbox',
      verifier: null,
      createdAt: '2026-11-20T08:00:00+00:00',
      revokedAt: null,
      revokeReason: null,
    },
  ],
}

type MyEnterprise = MyEnterprisesQuery['myEnterprises'][number]

export const REPRESENTED: MyEnterprise = {
  enterpriseId: ENTERPRISE_ID,
  name: '福州闽江数字科技有限公司',
  creditCode: '91350102MA2XK8N32U',
  tier: 'BASIC',
  role: 'LEGAL_REPRESENTATIVE',
  status: 'ACTIVE',
  appointmentId: null,
  scope: ['*'],
  startsAt: null,
  expiresAt: null,
  actingNow: false,
}

export const AGENT_OF: MyEnterprise = {
  enterpriseId: OTHER_ID,
  name: '厦门鹭江贸易有限公司',
  creditCode: '91350203260154831Y',
  tier: 'INTERMEDIATE',
  role: 'AGENT',
  status: 'ACTIVE',
  appointmentId: 'ap1',
  scope: ['tax', 'social-security'],
  startsAt: '2026-01-01T00:00:00+00:00',
  expiresAt: '2027-12-31T15:59:59+00:00',
  actingNow: false,
}

export const APPOINTMENT: AgentAppointmentPartsFragment = {
  __typename: 'AgentAppointment',
  id: 'ap1',
  enterpriseId: ENTERPRISE_ID,
  agentName: '郑**',
  agentIdNumber: '350104**********60',
  scope: ['tax', 'housing-fund'],
  startsAt: '2026-01-01T00:00:00+00:00',
  expiresAt: '2027-12-31T15:59:59+00:00',
  appointedAt: '2026-01-01T00:00:00+00:00',
  revokedAt: null,
  status: 'ACTIVE',
}

export type Me = NonNullable<MeQuery['me']>

export function meActingFor(enterpriseId: string | null): Me {
  return { ...ME_BASIC, actingFor: enterpriseId ? `enterprise:${enterpriseId}` : null }
}

export function staffMe(roles: string[], departmentCode: string | null = '350100-GA'): Me {
  return {
    subject: 'staff:s1',
    kind: 'staff',
    tier: 'INTERMEDIATE',
    roles,
    actingFor: null,
    amr: ['pwd', 'hwk'],
    authTime: '2026-11-22T08:00:00+00:00',
    person: null,
    staff: {
      id: 's1',
      username: 'clerk.lin',
      name: '林窗口',
      departmentCode,
      departmentName: departmentCode ? '福州市公安局' : null,
      roles,
    },
  }
}

export const STAFF_MEMBER: StaffMemberPartsFragment = {
  __typename: 'StaffMember',
  id: 's2',
  username: 'approver.wu',
  name: '吴审批',
  departmentCode: '350100-GA',
  departmentName: '福州市公安局',
  roles: ['APPROVER'],
  active: true,
  createdAt: '2026-11-01T08:00:00+00:00',
  passkeyCount: 1,
  enrolmentExpiresAt: null,
}
