/** Fixtures for the desk's page specs (imported by specs only). */
import type {
  DeskCasePartsFragment,
  DeskCaseRowFragment,
  DeskComplaintPartsFragment,
  DeskItemPartsFragment,
  DeskLookupMutation,
} from '@/api/generated/graphql'

export const CASE_ID = '0c1e2d3f-1111-4222-8333-444455556666'

export const ROW: DeskCaseRowFragment = {
  id: CASE_ID,
  number: '350100-20261120-000123-7',
  status: 'SUBMITTED',
  applicantKind: 'PERSON',
  applicantName: '陈*辉',
  enterpriseName: null,
  submittedAt: '2026-11-20T02:00:00+00:00',
  dueOn: null,
  overdue: false,
  item: { code: '350100-GA-0001', name: '居住证办理', nameEn: 'Residence permit' },
}

export function row(overrides: Partial<DeskCaseRowFragment>): DeskCaseRowFragment {
  return { ...ROW, ...overrides }
}

export function page<T>(nodes: T[], endCursor: string | null = null, hasNextPage = false) {
  return { pageInfo: { hasNextPage, endCursor }, edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })) }
}

export const CASE: DeskCasePartsFragment = {
  __typename: 'Case',
  id: CASE_ID,
  number: '350100-20261120-000123-7',
  status: 'SUBMITTED',
  applicantKind: 'PERSON',
  applicantName: '陈*辉',
  enterpriseName: null,
  answers: { reason: '工作', district: 'gulou', urgent: true, phone: '138****1234', legacy: 'x' },
  deliveryMethod: 'COURIER',
  deliveryAddress: '福州市鼓楼区五四路 1 号',
  feeFen: 2000,
  feeSettled: false,
  createdAt: '2026-11-20T01:00:00+00:00',
  submittedAt: '2026-11-20T02:00:00+00:00',
  acceptedAt: null,
  dueOn: null,
  promisedOn: null,
  decidedAt: null,
  completedAt: null,
  lastReason: null,
  overdue: false,
  availableActions: ['ACCEPT', 'REJECT', 'REQUEST_CORRECTION'],
  item: {
    code: '350100-GA-0001',
    version: 2,
    name: '居住证办理',
    nameEn: 'Residence permit',
    statutoryDays: 15,
    promisedDays: 7,
    department: { code: '350100-GA', name: '福州市公安局', nameEn: 'Fuzhou Public Security Bureau' },
    materials: [{ key: 'photo', name: '近期免冠照片', nameEn: 'Recent photo' }],
    form: [
      { key: 'reason', label: '申请事由', labelEn: 'Reason', type: 'TEXT', options: [] },
      {
        key: 'district',
        label: '居住区',
        labelEn: 'District',
        type: 'SELECT',
        options: [
          { value: 'gulou', label: '鼓楼区', labelEn: 'Gulou' },
          { value: 'taijiang', label: '台江区', labelEn: 'Taijiang' },
        ],
      },
      { key: 'urgent', label: '加急', labelEn: 'Urgent', type: 'BOOLEAN', options: [] },
      { key: 'phone', label: '联系电话', labelEn: 'Phone', type: 'PHONE', options: [] },
      { key: 'note', label: '备注', labelEn: 'Note', type: 'TEXTAREA', options: [] },
    ],
  },
  materials: [
    {
      id: 'm1',
      slot: 'photo',
      source: 'upload',
      status: 'accepted',
      fileName: 'photo.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 204800,
      downloadUrl: 'https://objects.example/cases/c1/m1?sig=abc',
      licenseReference: null,
      verifiedAt: null,
    },
  ],
  timeline: [
    { action: 'SUBMIT', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorRole: 'applicant', reason: null, at: '2026-11-20T02:00:00+00:00' },
  ],
}

export function caseWith(overrides: Partial<DeskCasePartsFragment>): DeskCasePartsFragment {
  return { ...CASE, ...overrides }
}

type Found = Extract<DeskLookupMutation['callCentreLookup'], { __typename: 'LookupResult' }>['cases'][number]

export const FOUND: Found = {
  caseId: CASE_ID,
  number: '350100-20261120-000123-7',
  itemName: '居住证办理',
  itemNameEn: 'Residence permit',
  departmentName: '福州市公安局',
  departmentNameEn: 'Fuzhou Public Security Bureau',
  status: 'UNDER_REVIEW',
  submittedAt: '2026-11-20T02:00:00+00:00',
  dueOn: '2026-12-10',
  applicantName: '陈**',
  applicantPhone: '138****1234',
  applicantIdNumber: '350***********1234',
  timeline: CASE.timeline,
  notes: [{ __typename: 'CaseNote', id: 'n1', text: '来电人询问进度，已告知。', authorName: '王坐席', createdAt: '2026-11-21T03:00:00+00:00' }],
}

export const COMPLAINT: DeskComplaintPartsFragment = {
  __typename: 'Complaint',
  id: 'cp1',
  caseId: CASE_ID,
  caseNumber: '350100-20261120-000123-7',
  text: '办理太慢了。',
  status: 'RECEIVED',
  answer: null,
  createdAt: '2026-11-21T03:00:00+00:00',
  updatedAt: '2026-11-21T03:00:00+00:00',
  nextStatuses: ['HANDLING'],
  department: { code: '350100-GA', name: '福州市公安局', nameEn: 'Fuzhou Public Security Bureau' },
}

export const ITEM: DeskItemPartsFragment = {
  __typename: 'ServiceItem',
  id: 'i1',
  code: '350100-GA-0001',
  versionId: 'v2',
  version: 2,
  status: 'DRAFT',
  validFrom: null,
  name: '居住证办理',
  nameEn: 'Residence permit',
  category: 'public_security',
  categoryName: '公安',
  categoryNameEn: 'Public security',
  regionCode: '350100',
  applicantKinds: ['PERSON'],
  conditions: '在本市居住半年以上。',
  conditionsEn: 'Lived in the city for six months.',
  feeFen: 2000,
  statutoryDays: 15,
  promisedDays: 7,
  personTier: 'intermediate',
  enterpriseTier: 'basic',
  deliveryOptions: ['HALL', 'COURIER'],
  fullyOnline: false,
  department: { code: '350100-GA', name: '福州市公安局', nameEn: 'Fuzhou Public Security Bureau' },
  materials: [
    {
      key: 'photo',
      name: '近期免冠照片',
      nameEn: 'Recent photo',
      required: true,
      acceptedTypes: ['image/jpeg'],
      maxFiles: 1,
      maxBytes: 5242880,
      licenseTypes: [],
      note: '',
      noteEn: '',
    },
  ],
  form: [
    {
      key: 'reason',
      label: '申请事由',
      labelEn: 'Reason',
      type: 'TEXT',
      required: true,
      minLength: 2,
      maxLength: 100,
      pattern: null,
      min: null,
      max: null,
      help: '',
      helpEn: '',
      options: [],
    },
  ],
}
