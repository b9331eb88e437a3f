/**
 * Fixtures and fakes for the services page specs (imported by specs only): an item with a
 * field of every type and a photo slot, cases in several states, a fake API that also
 * takes the material PUTs, and a fake graphql-ws client for the live status.
 */
import { flushPromises } from '@vue/test-utils'
import { vi } from 'vitest'
import type { Client, ClientOptions, Sink } from 'graphql-ws'
import type {
  CaseDetailFragment,
  CaseStatus,
  CaseSummaryFragment,
  RatingPartsFragment,
  ServiceItemDetailFragment,
} from '@/api/generated/graphql'
import { jsonResponse } from '@/test/helpers'
import type { ApiCall, OperationHandler } from '@/test/identity'

export const CASE_ID = '0b9d6a52-3c1e-4c55-9a0e-5f2f2c6f9a10'
export const OTHER_CASE_ID = '1c8e7b63-4d2f-4d66-8b1f-6a3a3d7a0b21'
export const VALID_ID_NUMBER = '11010519491231002X'
export const UPLOAD_URL = 'http://objects.test/cases/c1/m1?X-Amz-Signature=abc'

const field = (overrides: Partial<ServiceItemDetailFragment['form'][number]>): ServiceItemDetailFragment['form'][number] => ({
  key: 'x',
  label: 'x',
  labelEn: 'x',
  type: 'TEXT',
  required: false,
  minLength: null,
  maxLength: null,
  pattern: null,
  min: null,
  max: null,
  options: [],
  help: '',
  helpEn: '',
  ...overrides,
})

export const FORM: ServiceItemDetailFragment['form'] = [
  field({ key: 'reason', label: '申请事由', labelEn: 'Reason', type: 'TEXTAREA', required: true, minLength: 4, maxLength: 200 }),
  field({ key: 'name_pinyin', label: '姓名拼音', labelEn: 'Name in pinyin', type: 'TEXT', pattern: '[A-Z ]+', help: '大写字母', helpEn: 'Capital letters' }),
  field({ key: 'copies', label: '份数', labelEn: 'Copies', type: 'NUMBER', required: true, min: 1, max: 5 }),
  field({ key: 'move_date', label: '迁入日期', labelEn: 'Moving date', type: 'DATE', min: 0, max: 90 }),
  field({
    key: 'kind',
    label: '申领类型',
    labelEn: 'Kind',
    type: 'SELECT',
    required: true,
    options: [
      { value: 'first', label: '首次申领', labelEn: 'First issue' },
      { value: 'renew', label: '到期换领', labelEn: 'Renewal' },
    ],
  }),
  field({ key: 'phone', label: '联系电话', labelEn: 'Phone', type: 'PHONE', required: true }),
  field({ key: 'id_number', label: '身份证号', labelEn: 'ID number', type: 'ID_NUMBER' }),
  field({ key: 'agree', label: '本人承诺所填信息真实', labelEn: 'I confirm this is true', type: 'BOOLEAN', required: true }),
]

export const ITEM: ServiceItemDetailFragment = {
  id: 'item1',
  code: '350100-GA-0001',
  versionId: 'v1',
  version: 1,
  name: '居住证申领',
  nameEn: 'Residence permit application',
  category: 'household',
  categoryName: '户籍证件',
  categoryNameEn: 'Household registration and ID',
  department: { code: '350100-GA', name: '福州市公安局', nameEn: 'Fuzhou Public Security Bureau' },
  regionCode: '350100',
  applicantKinds: ['PERSON'],
  conditions: '在本市居住半年以上。',
  conditionsEn: 'Lived in the city for six months or more.',
  materials: [
    {
      key: 'photo',
      name: '近期免冠照片',
      nameEn: 'Recent photo',
      required: true,
      acceptedTypes: ['image/jpeg', 'image/png'],
      maxFiles: 1,
      maxBytes: 1024 * 1024,
      note: '白底',
      noteEn: 'White background',
      licenseTypes: [],
    },
    {
      key: 'lease',
      name: '租房合同',
      nameEn: 'Lease',
      required: false,
      acceptedTypes: ['application/pdf'],
      maxFiles: 3,
      maxBytes: 5 * 1024 * 1024,
      note: '',
      noteEn: '',
      licenseTypes: [],
    },
  ],
  form: FORM,
  feeFen: null,
  statutoryDays: 15,
  promisedDays: 7,
  personTier: 'basic',
  enterpriseTier: 'basic',
  deliveryOptions: ['HALL', 'COURIER'],
  fullyOnline: true,
  acceptingApplications: true,
  validFrom: '2026-01-01T00:00:00+08:00',
}

export const GOOD_ANSWERS = {
  reason: '工作调动到福州',
  copies: 1,
  kind: 'first',
  phone: '13800138000',
  agree: true,
}

export function caseOf(overrides: Partial<CaseDetailFragment> = {}): CaseDetailFragment {
  return {
    id: CASE_ID,
    number: null,
    status: 'DRAFT',
    applicantKind: 'PERSON',
    applicantName: '陈明辉',
    enterpriseName: null,
    answers: {},
    deliveryMethod: null,
    deliveryAddress: null,
    feeFen: null,
    feeSettled: false,
    createdAt: '2026-11-22T02:00:00+00:00',
    submittedAt: null,
    acceptedAt: null,
    dueOn: null,
    promisedOn: null,
    decidedAt: null,
    completedAt: null,
    lastReason: null,
    overdue: false,
    availableActions: ['SUBMIT', 'WITHDRAW'],
    item: ITEM,
    materials: [],
    timeline: [],
    ...overrides,
  }
}

export const PHOTO = {
  id: 'm1',
  slot: 'photo',
  source: 'upload',
  status: 'accepted',
  fileName: 'photo.jpg',
  contentType: 'image/jpeg',
  sizeBytes: 2048,
  downloadUrl: 'http://objects.test/cases/c1/m1?X-Amz-Signature=get',
  licenseReference: null,
  verifiedAt: null,
}

/** A draft ready to submit (answers, photo, hall delivery). */
export function readyDraft(overrides: Partial<CaseDetailFragment> = {}): CaseDetailFragment {
  return caseOf({ answers: GOOD_ANSWERS, materials: [PHOTO], deliveryMethod: 'HALL', ...overrides })
}

export function submitted(status: CaseStatus = 'SUBMITTED', overrides: Partial<CaseDetailFragment> = {}): CaseDetailFragment {
  return readyDraft({
    status,
    number: '350100-20261122-000123-7',
    submittedAt: '2026-11-22T03:00:00+00:00',
    availableActions: ['WITHDRAW'],
    timeline: [
      { action: 'SUBMIT', fromStatus: 'DRAFT', toStatus: 'SUBMITTED', actorRole: 'applicant', reason: null, at: '2026-11-22T03:00:00+00:00' },
    ],
    ...overrides,
  })
}

export function summaryOf(detail: CaseDetailFragment): CaseSummaryFragment {
  return {
    id: detail.id,
    number: detail.number,
    status: detail.status,
    applicantKind: detail.applicantKind,
    enterpriseName: detail.enterpriseName,
    createdAt: detail.createdAt,
    submittedAt: detail.submittedAt,
    dueOn: detail.dueOn,
    overdue: detail.overdue,
    item: detail.item,
  }
}

export function connection<T>(nodes: T[], hasNextPage = false) {
  return {
    pageInfo: { hasNextPage, endCursor: nodes.length ? `cursor-${nodes.length}` : null },
    edges: nodes.map((node, index) => ({ cursor: `cursor-${index + 1}`, node })),
  }
}

export const RATING: RatingPartsFragment = {
  id: 'r1',
  score: 4,
  comment: '办得很快',
  createdAt: '2026-11-25T02:00:00+00:00',
  updatedAt: '2026-11-25T02:00:00+00:00',
  editableUntil: '2026-11-28T02:00:00+00:00',
  editable: true,
}

export interface UploadCall {
  url: string
  method: string
  headers: Headers
  body: unknown
}

/**
 * A fake API like `mockApi` (`@/test/identity`), keyed by operation name, which also takes
 * the PUTs of material bytes to presigned URLs (`upload`, default 200) and records them.
 */
export function mockServicesApi(
  handlers: Record<string, OperationHandler>,
  upload: (call: UploadCall) => Response | Promise<Response> = () => new Response(null, { status: 200 }),
) {
  const calls: ApiCall[] = []
  const uploads: UploadCall[] = []
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    const method = init?.method ?? 'GET'
    if (method !== 'POST') {
      const call = { url: String(url), method, headers: new Headers(init?.headers), body: init?.body }
      uploads.push(call)
      return upload(call)
    }
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> }
    const operation = /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? ''
    const call = { operation, variables: body.variables, authorization: new Headers(init?.headers).get('authorization') }
    calls.push(call)
    const handler = handlers[operation]
    if (!handler) throw new Error(`no handler for ${operation}`)
    const result = await handler(body.variables, call)
    return result instanceof Response ? result : jsonResponse({ data: result })
  })
  return { spy, calls, uploads, of: (operation: string) => calls.filter((c) => c.operation === operation) }
}

interface FakeSubscription {
  caseId: string
  sink: Sink
  active: boolean
}

/**
 * A fake graphql-ws client factory: records the options each client was made with and
 * its subscriptions, and lets a spec push events, errors and closes.
 */
export function fakeLive() {
  const clients: Array<{ options: ClientOptions; terminated: number; disposed: boolean }> = []
  const subscriptions: FakeSubscription[] = []

  const factory = (options: ClientOptions): Client => {
    const record = { options, terminated: 0, disposed: false }
    clients.push(record)
    const client = {
      subscribe(payload: { variables?: Record<string, unknown> | null }, sink: Sink) {
        const subscription = { caseId: String(payload.variables?.caseId), sink, active: true }
        subscriptions.push(subscription)
        return () => {
          subscription.active = false
        }
      },
      terminate() {
        record.terminated += 1
      },
      async dispose() {
        record.disposed = true
      },
      on: () => () => {},
      iterate: () => {
        throw new Error('not used')
      },
    }
    return client as unknown as Client
  }

  function active(caseId?: string): FakeSubscription[] {
    return subscriptions.filter((s) => s.active && (caseId === undefined || s.caseId === caseId))
  }

  return {
    factory,
    clients,
    subscriptions,
    active,
    /** A status event for `caseId` on every active subscription to it. */
    emit(caseId: string, status: CaseStatus, at = '2026-11-23T02:00:00+00:00') {
      for (const s of active(caseId)) s.sink.next({ data: { caseStatus: { caseId, status, at } } })
    },
    /** The server refuses the subscription (GraphQL errors, e.g. NOT_FOUND). */
    refuse(caseId: string, code = 'NOT_FOUND') {
      for (const s of active(caseId)) {
        s.active = false
        s.sink.error([{ message: code, extensions: { code } }])
      }
    },
    /** The connection closes with `code` (fatal for graphql-ws: the sink gets the close). */
    close(code: number) {
      for (const s of active()) {
        s.active = false
        s.sink.error({ code, reason: 'closed' })
      }
    },
  }
}

export type FakeLive = ReturnType<typeof fakeLive>

/** mountAt's `setup`: make the live status use `live` (after the module reset). */
export function withLive(live: FakeLive) {
  return async () => {
    const module = await import('@/composables/useCaseStatus')
    module.setLiveClientFactory(live.factory)
  }
}

/**
 * Wait until the router has settled on `name`, as `arrivedAt` does, but allowing for a lazy
 * page compiled on first use (slow on a shared machine).
 */
export async function reached(router: { currentRoute: { value: { name?: unknown } } }, name: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (router.currentRoute.value.name !== name) throw new Error(`at ${String(router.currentRoute.value.name)}`)
    },
    { timeout: 10_000, interval: 20 },
  )
  await flushPromises()
}
