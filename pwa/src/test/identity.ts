/**
 * Helpers for identity page specs: a fake GraphQL API keyed by operation name, and a
 * page mounted under the app's real router (memory history) with a fresh auth store.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, RouterView } from 'vue-router'
import type { MeQuery } from '@/api/generated/graphql'
import { jsonResponse, testI18n } from './helpers'

const mounted: Array<{ unmount: () => void }> = []

// Pages load data and finish lazy navigations after a test's last assertion: unmount them
// so nothing from one test reaches the next test's fake API.
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
})

export interface ApiCall {
  operation: string
  variables: Record<string, unknown>
  authorization: string | null
}

/** A handler returns the `data` object, a Response, or throws. */
export type OperationHandler = (variables: Record<string, unknown>, call: ApiCall) => unknown

export function mockApi(handlers: Record<string, OperationHandler>) {
  const calls: ApiCall[] = []
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> }
    const operation = /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? ''
    const call = { operation, variables: body.variables, authorization: new Headers(init?.headers).get('authorization') }
    calls.push(call)
    const handler = handlers[operation]
    if (!handler) throw new Error(`no handler for ${operation}`)
    const result = await handler(body.variables, call)
    return result instanceof Response ? result : jsonResponse({ data: result })
  })
  return { spy, calls, of: (operation: string) => calls.filter((c) => c.operation === operation) }
}

export function graphqlError(code: string, extensions: Record<string, unknown> = {}): Response {
  return jsonResponse({ data: null, errors: [{ message: code, extensions: { code, ...extensions } }] })
}

export const tokens = (n = 1) => ({
  __typename: 'AuthSuccess' as const,
  accessToken: `A${n}`,
  expiresIn: 600,
  refreshToken: `R${n}`,
  sessionId: `S${n}`,
})

export const ME_BASIC: NonNullable<MeQuery['me']> = {
  subject: 'person:1',
  kind: 'person',
  tier: 'BASIC',
  roles: [],
  actingFor: null,
  amr: ['pwd'],
  authTime: '2026-11-22T12:00:00+00:00',
  person: {
    id: '1',
    name: '陈明辉',
    maskedIdNumber: '350102**********99',
    maskedPhone: '138****1234',
    sex: 'M',
    ethnicity: '01',
    tier: 'BASIC',
    evidence: [
      {
        id: 'e1',
        tier: 'BASIC',
        method: 'population_registry',
        provider: 'sandbox',
        verifier: null,
        createdAt: '2026-11-22T12:00:00+00:00',
        revokedAt: null,
        revokeReason: null,
      },
    ],
  },
  staff: null,
}

export const ETHNIC_GROUPS = [
  { code: '01', nameZh: '汉族', nameEn: 'Han' },
  { code: '03', nameZh: '回族', nameEn: 'Hui' },
]

export const TIER_GUIDE = [
  { tier: 'ANONYMOUS', allows: ['browse', 'ask'], howToReach: [] },
  { tier: 'BASIC', allows: ['browse', 'ask', 'apply_basic', 'track_cases', 'bind_enterprise'], howToReach: ['register'] },
  {
    tier: 'INTERMEDIATE',
    allows: ['apply_intermediate', 'change_phone', 'e_licenses'],
    howToReach: ['face', 'counter', 'bank_card', 'alipay', 'housing_fund'],
  },
  { tier: 'ADVANCED', allows: ['sensitive_actions', 'reveal_id_number'], howToReach: ['face_per_transaction'] },
]

/**
 * Mount the app's router at `path` with fresh modules (so the auth store and lookups
 * start empty). `signedInAs` signs in first (the API must answer `Me`).
 */
export async function mountAt(
  path: string,
  options: { locale?: 'zh-CN' | 'en'; signedInAs?: boolean; setup?: () => Promise<void> } = {},
) {
  vi.resetModules()
  await options.setup?.()
  const { createAppRouter } = await import('@/router')
  const { useAuth } = await import('@/auth/useAuth')
  const { installStepUp } = await import('@/auth/stepUp')
  const auth = useAuth()
  if (options.signedInAs) await auth.signIn(tokens())
  const router = createAppRouter(createMemoryHistory())
  installStepUp(auth.client, router, () => auth.signedIn.value)
  await router.push(path)
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const Root = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(Root, { attachTo: host, global: { plugins: [testI18n(options.locale ?? 'zh-CN'), router] } })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, router, auth }
}

/** Type into an input and let Vue react. */
export async function fill(wrapper: ReturnType<typeof mount>, testid: string, value: string) {
  await wrapper.get(`[data-testid="${testid}"]`).setValue(value)
}

/** Wait until the router has settled on `name` (lazy routes load asynchronously). */
export async function arrivedAt(router: { currentRoute: { value: { name?: unknown } } }, name: string) {
  await vi.waitFor(() => {
    if (router.currentRoute.value.name !== name) throw new Error(`at ${String(router.currentRoute.value.name)}`)
  })
  await flushPromises()
}
