/**
 * Live case status: the `caseStatus` subscription over graphql-transport-ws.
 *
 * One WebSocket for the whole app (graphql-ws, lazy: open while something watches, closed
 * when nothing does), carrying one subscription per watched case. Browsers cannot set
 * headers on a WebSocket, so the access token goes in the `connection_init` payload as
 * `{"authorization": "Bearer <token>"}`, read from the auth store at every (re)connect:
 *
 * - a dropped connection is retried with backoff (at most 30 s apart), with the token the
 *   session holds then; the server's first answer on every subscription is the current
 *   status, so whatever changed meanwhile is noticed;
 * - a connection refused for its token (close 4401 / 4403) renews the session once (the
 *   auth client's single-flight refresh) and connects again with the fresh token;
 * - when the session's token changes under an open connection (renewed after a page's
 *   request, acting for an enterprise, back to myself) the socket is replaced, so the
 *   server always knows the viewer by the current token; signing out closes it.
 *
 * A subscription the server refuses (a case the viewer may not read: NOT_FOUND) stops;
 * `useCaseStatus` reports it as `refused`.
 */
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { print } from 'graphql'
import { createClient, type Client, type ClientOptions } from 'graphql-ws'
import type { CaseStatus, CaseStatusSubscription as CaseStatusResult } from '@/api/generated/graphql'
import { CaseStatusSubscription } from '@/api/operations/services'
import { useAuth, type Auth } from '@/auth/useAuth'

export interface CaseStatusEvent {
  caseId: string
  status: CaseStatus
  at: string
}

/** `connecting` until the first answer, `live` while events flow, `offline` while retrying. */
export type LiveState = 'idle' | 'connecting' | 'live' | 'offline' | 'refused'

export type ClientFactory = (options: ClientOptions) => Client

/** Close codes with which the server refuses the connection's credentials. */
const AUTH_CLOSE_CODES = new Set([4401, 4403])
const MAX_RETRY_SECONDS = 30

interface Watcher {
  caseId: string
  /** The server refused this case's subscription; it is not retried. */
  refused: boolean
  onEvent: (event: CaseStatusEvent) => void
  onState: (state: LiveState) => void
}

function closeCode(value: unknown): number | null {
  if (typeof value === 'object' && value !== null && 'code' in value) {
    const code = (value as { code: unknown }).code
    return typeof code === 'number' ? code : null
  }
  return null
}

function errorCode(errors: unknown): string | null {
  if (!Array.isArray(errors)) return null
  const code = (errors[0] as { extensions?: { code?: unknown } } | undefined)?.extensions?.code
  return typeof code === 'string' ? code : null
}

/** ws(s)://<this host>/graphql */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`
}

const SUBSCRIPTION_TEXT = print(CaseStatusSubscription)

/** The app's live connection (one per auth store). */
export class LiveStatus {
  private client: Client | null = null
  /** The token the open (or opening) connection was authenticated with. */
  private connectedToken: string | null = null
  private renewBeforeConnect = false
  private readonly watchers = new Set<Watcher>()
  private readonly stops = new Map<Watcher, () => void>()

  constructor(
    private readonly auth: Auth,
    private readonly factory: ClientFactory = createClient,
    private readonly url: () => string = () => liveUrl(),
  ) {
    auth.client.onSignedOut(() => this.close())
  }

  private connection(): Client {
    this.client ??= this.factory({
      url: this.url,
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RETRY_SECONDS, 2 ** retries) * 1000 * (0.5 + Math.random() / 2))),
      connectionParams: async () => {
        const client = this.auth.client
        if (this.renewBeforeConnect || (client.currentAccessToken() === null && client.hasSession())) {
          this.renewBeforeConnect = false
          try {
            await client.refresh()
          } catch {
            // Offline: connect with what is held; the retry comes back here.
          }
        }
        const token = client.currentAccessToken()
        this.connectedToken = token
        return token ? { authorization: `Bearer ${token}` } : {}
      },
      on: {
        connected: () => {
          for (const watcher of this.watchers) if (!watcher.refused) watcher.onState('live')
        },
        closed: (event) => {
          const code = closeCode(event)
          if (code !== null && AUTH_CLOSE_CODES.has(code)) this.renewBeforeConnect = true
          if (code === 1000 || code === 4499) return
          for (const watcher of this.watchers) if (!watcher.refused) watcher.onState('offline')
        },
      },
    })
    return this.client
  }

  /** Watch one case; the returned function stops watching. */
  watch(caseId: string, onEvent: Watcher['onEvent'], onState: Watcher['onState'] = () => {}): () => void {
    const watcher: Watcher = { caseId, refused: false, onEvent, onState }
    this.watchers.add(watcher)
    this.start(watcher, 0)
    return () => {
      this.stops.get(watcher)?.()
      this.stops.delete(watcher)
      this.watchers.delete(watcher)
    }
  }

  private start(watcher: Watcher, renewals: number): void {
    if (!this.watchers.has(watcher)) return
    watcher.onState('connecting')
    let client: Client
    try {
      client = this.connection()
    } catch {
      // No WebSocket in this browser: the page still works, without live updates.
      watcher.onState('offline')
      return
    }
    const stop = client.subscribe<CaseStatusResult>(
      { query: SUBSCRIPTION_TEXT, variables: { caseId: watcher.caseId } },
      {
        next: (result) => {
          const event = result.data?.caseStatus
          if (event) {
            watcher.onState('live')
            watcher.onEvent({ caseId: event.caseId, status: event.status, at: event.at })
          }
        },
        error: (error) => {
          if (!this.watchers.has(watcher)) return
          // Refused for its credentials even after the retries: renew once and start over.
          if (AUTH_CLOSE_CODES.has(closeCode(error) ?? 0) && renewals === 0 && this.auth.client.hasSession()) {
            this.renewBeforeConnect = true
            this.start(watcher, renewals + 1)
            return
          }
          watcher.refused = errorCode(error) !== null || Array.isArray(error)
          watcher.onState(watcher.refused ? 'refused' : 'offline')
        },
        complete: () => {},
      },
    )
    this.stops.set(watcher, stop)
  }

  /**
   * The session's access token may have changed (after a request that renewed it, or a
   * switch of who I act for): reconnect with the current one if it differs.
   */
  tokenMayHaveChanged(): void {
    if (!this.client || this.watchers.size === 0) return
    const current = this.auth.client.currentAccessToken()
    if (current === this.connectedToken) return
    if (current === null) {
      this.close()
      return
    }
    // Terminating makes graphql-ws reconnect (connectionParams reads the new token) and
    // resubscribe every watched case.
    this.client.terminate()
  }

  /** Close the connection (signed out); watchers stay registered but silent. */
  close(): void {
    const client = this.client
    this.client = null
    this.connectedToken = null
    for (const stop of this.stops.values()) stop()
    this.stops.clear()
    for (const watcher of this.watchers) watcher.onState('idle')
    if (client) void client.dispose()
  }
}

const connections = new WeakMap<Auth, LiveStatus>()
let factory: ClientFactory | undefined

/** Use another graphql-ws client factory (tests); affects connections created afterwards. */
export function setLiveClientFactory(next: ClientFactory | undefined): void {
  factory = next
}

/** The app's live connection for `auth` (created on first use). */
export function liveStatus(auth: Auth = useAuth()): LiveStatus {
  let live = connections.get(auth)
  if (!live) {
    live = new LiveStatus(auth, factory)
    connections.set(auth, live)
  }
  return live
}

/**
 * Watch the status of the cases `caseIds` names (reactive) while the calling component
 * lives. `onEvent` runs for every event, the first one being the current status; when it
 * returns a promise (a refetch), the connection's token is checked afterwards.
 */
export function useCaseStatus(
  caseIds: MaybeRefOrGetter<readonly string[]>,
  onEvent: (event: CaseStatusEvent) => void | Promise<unknown>,
): { state: Ref<LiveState> } {
  const auth = useAuth()
  const live = liveStatus(auth)
  const state = ref<LiveState>('idle')
  const active = new Map<string, () => void>()
  const states = new Map<string, LiveState>()

  function summarise(): void {
    const all = [...states.values()]
    if (all.length === 0) state.value = 'idle'
    else if (all.includes('offline')) state.value = 'offline'
    else if (all.includes('connecting')) state.value = 'connecting'
    else if (all.every((s) => s === 'refused')) state.value = 'refused'
    else if (all.includes('live')) state.value = 'live'
    else state.value = 'idle'
  }

  function handle(event: CaseStatusEvent): void {
    const done = onEvent(event)
    if (done && typeof (done as Promise<unknown>).then === 'function') {
      void (done as Promise<unknown>).then(
        () => live.tokenMayHaveChanged(),
        () => live.tokenMayHaveChanged(),
      )
    }
  }

  function sync(ids: readonly string[]): void {
    const wanted = new Set(auth.signedIn.value ? ids : [])
    for (const [id, stop] of active) {
      if (wanted.has(id)) continue
      stop()
      active.delete(id)
      states.delete(id)
    }
    for (const id of wanted) {
      if (active.has(id)) continue
      states.set(id, 'connecting')
      active.set(
        id,
        live.watch(id, handle, (next) => {
          if (!active.has(id)) return
          states.set(id, next)
          summarise()
        }),
      )
    }
    summarise()
  }

  watch(
    () => [...toValue(caseIds)].sort().join('\n') + (auth.signedIn.value ? '' : '\n(signed out)'),
    () => sync(toValue(caseIds)),
    { immediate: true },
  )
  // Acting for an enterprise (or back) gives the session a new token and `me`.
  watch(auth.me, () => live.tokenMayHaveChanged())

  onScopeDispose(() => {
    for (const stop of active.values()) stop()
    active.clear()
    states.clear()
  })

  return { state }
}
