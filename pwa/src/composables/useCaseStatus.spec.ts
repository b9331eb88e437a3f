import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { createAuth, setAuth, type Auth } from '@/auth/useAuth'
import { fakeLive } from '@/pages/services/testing'
import { jsonResponse } from '@/test/helpers'
import { tokens } from '@/test/identity'
import { liveUrl, LiveStatus, setLiveClientFactory, useCaseStatus, type CaseStatusEvent } from './useCaseStatus'

/** A signed-in auth store whose `me` and refresh are answered by a fake API. */
async function signedIn(): Promise<{ auth: Auth; refreshes: () => number }> {
  let refreshes = 0
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string }
    if (body.query.includes('mutation RefreshSession')) {
      refreshes += 1
      return jsonResponse({ data: { refreshSession: tokens(1 + refreshes) } })
    }
    return jsonResponse({ data: { me: null } })
  })
  const auth = createAuth({ withLock: (_name, task) => task() })
  await auth.signIn(tokens(1))
  return { auth, refreshes: () => refreshes }
}

async function connectionParams(live: ReturnType<typeof fakeLive>, index = 0) {
  const params = live.clients[index]?.options.connectionParams
  return typeof params === 'function' ? await params() : params
}

describe('LiveStatus (one graphql-transport-ws connection for the app)', () => {
  it('connects to /graphql over ws(s) on this host', () => {
    expect(liveUrl({ protocol: 'https:', host: 'onetap.fj.gov.cn' })).toBe('wss://onetap.fj.gov.cn/graphql')
    expect(liveUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/graphql')
  })

  it('authenticates in connection_init with the current bearer token, lazily and retrying', async () => {
    const { auth } = await signedIn()
    const live = fakeLive()
    const status = new LiveStatus(auth, live.factory, () => 'ws://test/graphql')
    const events: CaseStatusEvent[] = []
    status.watch('c1', (event) => events.push(event))

    expect(live.clients).toHaveLength(1)
    const options = live.clients[0]!.options
    expect(options.lazy).toBe(true)
    expect(options.retryAttempts).toBe(Number.POSITIVE_INFINITY)
    expect(await connectionParams(live)).toEqual({ authorization: 'Bearer A1' })
    expect(live.active('c1')).toHaveLength(1)

    live.emit('c1', 'ACCEPTED')
    expect(events).toEqual([{ caseId: 'c1', status: 'ACCEPTED', at: '2026-11-23T02:00:00+00:00' }])
  })

  it('renews the session before reconnecting after a refused token (4403), and once more if it was fatal', async () => {
    const { auth, refreshes } = await signedIn()
    const live = fakeLive()
    const status = new LiveStatus(auth, live.factory)
    status.watch('c1', () => {})
    // graphql-ws retries a 4403 itself: the next connection_init carries a fresh token.
    live.clients[0]!.options.on?.closed?.({ code: 4403, reason: 'Forbidden' })
    expect(await connectionParams(live)).toEqual({ authorization: 'Bearer A2' })
    expect(refreshes()).toBe(1)

    // A 4401 is fatal for graphql-ws: the subscription is started again, once, after a refresh.
    live.close(4401)
    expect(live.active('c1')).toHaveLength(1)
    expect(await connectionParams(live)).toEqual({ authorization: 'Bearer A3' })
    live.close(4401)
    expect(live.active('c1')).toHaveLength(0)
  })

  it('replaces the connection when the session token changes under it', async () => {
    const { auth } = await signedIn()
    const live = fakeLive()
    const status = new LiveStatus(auth, live.factory)
    status.watch('c1', () => {})
    await connectionParams(live)
    status.tokenMayHaveChanged()
    expect(live.clients[0]!.terminated).toBe(0)
    auth.client.replaceAccessToken({ accessToken: 'ACT1', expiresIn: 600 })
    status.tokenMayHaveChanged()
    expect(live.clients[0]!.terminated).toBe(1)
    expect(await connectionParams(live)).toEqual({ authorization: 'Bearer ACT1' })
  })

  it('closes on sign-out', async () => {
    const { auth } = await signedIn()
    const live = fakeLive()
    const states: string[] = []
    const status = new LiveStatus(auth, live.factory)
    status.watch('c1', () => {}, (state) => states.push(state))
    auth.client.signOutLocally('logout')
    expect(live.clients[0]!.disposed).toBe(true)
    expect(live.active()).toHaveLength(0)
    expect(states.at(-1)).toBe('idle')
  })
})

describe('useCaseStatus', () => {
  afterEach(() => {
    setLiveClientFactory(undefined)
    setAuth(null)
  })

  async function mountWatcher(ids: ReturnType<typeof ref<string[]>>, onEvent: (event: CaseStatusEvent) => unknown) {
    const { auth } = await signedIn()
    setAuth(auth)
    const live = fakeLive()
    setLiveClientFactory(live.factory)
    let state: ReturnType<typeof useCaseStatus>['state'] | null = null
    const Probe = defineComponent({
      setup() {
        state = useCaseStatus(() => ids.value ?? [], onEvent as (event: CaseStatusEvent) => void).state
        return () => h('div')
      },
    })
    const wrapper = mount(Probe)
    return { wrapper, live, auth, state: () => state!.value }
  }

  it('watches the cases named, follows changes to the list, and stops when unmounted', async () => {
    const ids = ref<string[]>(['c1'])
    const seen: CaseStatusEvent[] = []
    const { wrapper, live, state } = await mountWatcher(ids, (event) => seen.push(event))
    expect(live.active().map((s) => s.caseId)).toEqual(['c1'])
    expect(state()).toBe('connecting')

    live.emit('c1', 'SUBMITTED')
    expect(state()).toBe('live')
    expect(seen.map((e) => e.status)).toEqual(['SUBMITTED'])

    ids.value = ['c1', 'c2']
    await nextTick()
    expect(live.active().map((s) => s.caseId).sort()).toEqual(['c1', 'c2'])
    ids.value = ['c2']
    await nextTick()
    expect(live.active().map((s) => s.caseId)).toEqual(['c2'])

    wrapper.unmount()
    expect(live.active()).toHaveLength(0)
  })

  it('reports a refused case (NOT_FOUND) without retrying it', async () => {
    const ids = ref<string[]>(['c1'])
    const { live, state } = await mountWatcher(ids, () => {})
    live.refuse('c1')
    expect(state()).toBe('refused')
    expect(live.active()).toHaveLength(0)
  })

  it('checks the token after a refetch, and reconnects when the refetch renewed it', async () => {
    const ids = ref<string[]>(['c1'])
    let auth: Auth | null = null
    const { live, auth: store } = await mountWatcher(ids, async () => {
      // The page's refetch renewed the session (as the auth client does for an expired token).
      auth!.client.replaceAccessToken({ accessToken: 'A9', expiresIn: 600 })
    })
    auth = store
    await connectionParams(live)
    live.emit('c1', 'ACCEPTED')
    await flushPromises()
    expect(live.clients[0]!.terminated).toBe(1)
    expect(await connectionParams(live)).toEqual({ authorization: 'Bearer A9' })
  })

  it('watches nothing while signed out', async () => {
    const ids = ref<string[]>(['c1'])
    const { live, auth } = await mountWatcher(ids, () => {})
    await auth.signOut()
    await nextTick()
    expect(live.active()).toHaveLength(0)
  })
})
