/**
 * The signed-in GraphQL client: attaches the access token, renews it, and reports
 * step-up challenges.
 *
 * - Every request carries `Authorization: Bearer <access token>` while one is held.
 * - An HTTP 401 with `WWW-Authenticate: Bearer error="invalid_token"` (expired or revoked
 *   token) triggers one refresh and one retry. Refreshes are single-flight: however many
 *   requests fail at once, one `refreshSession` runs and they all wait for it (the refresh
 *   token is single-use, so a second concurrent refresh would present a spent token and
 *   the backend would revoke the whole session family). Across tabs the Web Locks API
 *   serialises refreshes, and the refresh token is read from storage inside the lock, so a
 *   tab never presents a token another tab has already rotated.
 * - A refused refresh signs out locally. A refresh that cannot reach the server (offline)
 *   keeps the session and fails the request with a `NetworkError`.
 * - A GraphQL error with code `INSUFFICIENT_USER_AUTHENTICATION` (or `UNAUTHENTICATED`) is
 *   handed to the step-up handler (installed by `installStepUp`) before it is thrown, with
 *   the request's `stepUpArguments` when the caller gave them.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import {
  GraphQLRequestError,
  isNetworkError,
  request,
  type RequestOptions,
} from '@/api/client'
import type { AuthSuccessPartsFragment } from '@/api/generated/graphql'
import { RefreshSessionMutation } from '@/api/operations'
import { settle } from './result'
import { stepUpChallengeOf, type StepUpArguments, type StepUpHandler } from './stepUp'
import { localRefreshTokenStore, type RefreshTokenStore } from './tokens'

/** Renew a little before the server's expiry, so a request does not race the clock. */
const EXPIRY_MARGIN_MS = 15_000
const REFRESH_LOCK = 'onetap:auth:refresh'

export type SignOutReason = 'logout' | 'refresh_refused' | 'token_refused' | 'other_tab'

export interface AuthClientOptions {
  fetchImpl?: typeof fetch
  refreshStore?: RefreshTokenStore
  now?: () => number
  /** Cross-tab mutual exclusion; defaults to `navigator.locks` when available. */
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>
}

export interface AuthRequestOptions extends Omit<RequestOptions, 'fetchImpl'> {
  /** Hand step-up challenges to the step-up handler (default true). */
  stepUp?: boolean
  /**
   * The arguments the operation's per-transaction check is bound to (as the API binds
   * them): handed to the step-up handler with the challenge, for the face check.
   */
  stepUpArguments?: StepUpArguments
}

function defaultLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? (locks.request(name, task) as unknown as Promise<T>) : task()
}

/** True when a 401 says the bearer token itself was refused (RFC 6750). */
export function isInvalidTokenResponse(response: Response): boolean {
  if (response.status !== 401) return false
  const challenge = response.headers.get('WWW-Authenticate') ?? ''
  // A 401 without the header is still a refused token for this API.
  return challenge === '' || /error="?invalid_token"?/i.test(challenge)
}

function withBearer(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers)
  if (token) headers.set('Authorization', `Bearer ${token}`)
  else headers.delete('Authorization')
  return { ...init, headers }
}

export class AuthClient {
  private accessToken: string | null = null
  private accessExpiresAt = 0
  private refreshing: Promise<boolean> | null = null
  private readonly rawFetch: typeof fetch
  private readonly store: RefreshTokenStore
  private readonly now: () => number
  private readonly withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>
  private readonly signOutListeners = new Set<(reason: SignOutReason) => void>()
  /** Set by `installStepUp`; receives every step-up challenge a request runs into. */
  stepUpHandler: StepUpHandler | null = null

  constructor(options: AuthClientOptions = {}) {
    this.rawFetch = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init))
    this.store = options.refreshStore ?? localRefreshTokenStore
    this.now = options.now ?? Date.now
    this.withLock = options.withLock ?? defaultLock
  }

  /** A session is held (a refresh token is stored), whether or not it is still valid. */
  hasSession(): boolean {
    return this.store.read() !== null
  }

  /** The access token held in memory (for tests and diagnostics). */
  currentAccessToken(): string | null {
    return this.accessToken
  }

  /** Keep the tokens of a successful sign-in, registration, recovery or refresh. */
  accept(tokens: Pick<AuthSuccessPartsFragment, 'accessToken' | 'expiresIn' | 'refreshToken'>): void {
    this.accessToken = tokens.accessToken
    this.accessExpiresAt = this.now() + tokens.expiresIn * 1000
    this.store.write(tokens.refreshToken)
  }

  /**
   * Use a new access token for the same session (acting for an enterprise, or for myself
   * again); the refresh token is unchanged, and the session it renews keeps the switch.
   */
  replaceAccessToken(tokens: { accessToken: string; expiresIn: number }): void {
    this.accessToken = tokens.accessToken
    this.accessExpiresAt = this.now() + tokens.expiresIn * 1000
  }

  /** Forget the tokens on this device (the server session is ended by `logout`). */
  signOutLocally(reason: SignOutReason): void {
    const had = this.accessToken !== null || this.store.read() !== null
    this.accessToken = null
    this.accessExpiresAt = 0
    this.store.write(null)
    if (had || reason === 'other_tab') for (const listener of this.signOutListeners) listener(reason)
  }

  /** Forget the in-memory access token only (another tab rotated or ended the session). */
  dropAccessToken(): void {
    this.accessToken = null
    this.accessExpiresAt = 0
  }

  onSignedOut(listener: (reason: SignOutReason) => void): () => void {
    this.signOutListeners.add(listener)
    return () => this.signOutListeners.delete(listener)
  }

  /**
   * Trade the refresh token for new tokens, once however many callers ask at the same
   * time. True when new tokens are held; false when the server refused (signed out).
   * Throws `NetworkError` when the server could not be reached (the session is kept).
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.withLock(REFRESH_LOCK, () => this.runRefresh()).finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async runRefresh(): Promise<boolean> {
    const refreshToken = this.store.read()
    if (refreshToken === null) {
      this.signOutLocally('refresh_refused')
      return false
    }
    let result
    try {
      // Sent without the (expired) bearer token: the refresh token is the credential.
      result = await request(RefreshSessionMutation, { refreshToken }, { fetchImpl: this.rawFetch })
    } catch (error) {
      if (isNetworkError(error)) throw error
      this.signOutLocally('refresh_refused')
      return false
    }
    const settled = settle(result.refreshSession)
    if (!settled.ok) {
      this.signOutLocally('refresh_refused')
      return false
    }
    this.accept(settled.data)
    return true
  }

  /** The access token to send now, renewing it first when it is known to have expired. */
  private async tokenForRequest(): Promise<string | null> {
    const stale = this.accessToken === null || this.now() >= this.accessExpiresAt - EXPIRY_MARGIN_MS
    if (stale && this.hasSession()) await this.refresh()
    return this.accessToken
  }

  /** `fetch` with the bearer token, one refresh and one retry on a refused token. */
  readonly fetch: typeof fetch = async (input, init) => {
    const token = await this.tokenForRequest()
    const response = await this.rawFetch(input, withBearer(init, token))
    if (token === null || !isInvalidTokenResponse(response)) return response
    // Another request may already have renewed the token while this one was in flight.
    const renewed = this.accessToken !== null && this.accessToken !== token ? true : await this.refresh()
    if (!renewed || this.accessToken === null) return response
    const retried = await this.rawFetch(input, withBearer(init, this.accessToken))
    // A brand-new token refused as well: the session is gone; stop using it.
    if (isInvalidTokenResponse(retried)) this.signOutLocally('token_refused')
    return retried
  }

  /** A GraphQL request as the signed-in user (anonymous when no session is held). */
  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    options: AuthRequestOptions = {},
  ): Promise<TResult> {
    const { stepUp = true, stepUpArguments, ...rest } = options
    try {
      return await request(document, variables, { ...rest, fetchImpl: this.fetch })
    } catch (error) {
      if (stepUp && error instanceof GraphQLRequestError && this.stepUpHandler) {
        const challenge = stepUpChallengeOf(error)
        if (challenge) this.stepUpHandler(challenge, stepUpArguments)
      }
      throw error
    }
  }
}
