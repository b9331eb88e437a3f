/**
 * The auth store: who is signed in on this device, shared by every page.
 *
 * `status` is `restoring` while a stored session is being renewed at start-up,
 * `signed-in` once tokens are held, `anonymous` otherwise. `me` is the `me` query's
 * answer, loaded after every sign-in and on start-up. The tokens themselves live in the
 * `AuthClient` (access token in memory) and `tokens.ts` (refresh token).
 */
import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { isNetworkError } from '@/api/client'
import type { AuthSuccessPartsFragment, MeQuery, Tier } from '@/api/generated/graphql'
import { LogoutMutation, MeQuery as MeDocument } from '@/api/operations'
import { STORAGE_KEYS } from '@/composables/storage'
import { AuthClient, type AuthClientOptions, type SignOutReason } from './client'

export type AuthStatus = 'restoring' | 'signed-in' | 'anonymous'
export type Me = NonNullable<MeQuery['me']>

export interface Auth {
  client: AuthClient
  status: Ref<AuthStatus>
  me: ShallowRef<Me | null>
  signedIn: ComputedRef<boolean>
  /** The signed-in person's tier, or ANONYMOUS. */
  tier: ComputedRef<Tier>
  /** Resolves once start-up restoration has finished (at once when there was nothing to restore). */
  ready: () => Promise<void>
  /** Renew a stored session and load `me` (start-up). */
  restore: () => Promise<void>
  /** Keep the tokens of a successful sign-in and load `me`. */
  signIn: (tokens: AuthSuccessPartsFragment) => Promise<void>
  /** End this device's session on the server (best effort) and forget it here. */
  signOut: () => Promise<void>
  /** Reload `me` (after a tier change, or to retry after a network failure). */
  reloadMe: () => Promise<void>
  /** Use a new access token of this session (e.g. acting for an enterprise) and reload `me`. */
  replaceAccessToken: (tokens: { accessToken: string; expiresIn: number }) => Promise<void>
  request: AuthClient['request']
}

export function createAuth(options: AuthClientOptions = {}): Auth {
  const client = new AuthClient(options)
  const status = ref<AuthStatus>(client.hasSession() ? 'restoring' : 'anonymous')
  const me = shallowRef<Me | null>(null)
  let restoration: Promise<void> = Promise.resolve()

  client.onSignedOut((_reason: SignOutReason) => {
    me.value = null
    status.value = 'anonymous'
  })

  async function reloadMe(): Promise<void> {
    const data = await client.request(MeDocument, {}, { stepUp: false })
    me.value = data.me
    if (data.me) status.value = 'signed-in'
    else if (!client.hasSession()) status.value = 'anonymous'
  }

  async function restore(): Promise<void> {
    if (!client.hasSession()) {
      status.value = 'anonymous'
      return
    }
    status.value = 'restoring'
    try {
      const renewed = await client.refresh()
      if (!renewed) return // signed out by the client
      status.value = 'signed-in'
      await reloadMe()
    } catch (error) {
      // Offline: keep the stored session; pages show the network error and retry.
      if (isNetworkError(error) || client.hasSession()) status.value = 'signed-in'
      else status.value = 'anonymous'
    }
  }

  function startRestore(): Promise<void> {
    restoration = restore()
    return restoration
  }

  async function signIn(tokens: AuthSuccessPartsFragment): Promise<void> {
    client.accept(tokens)
    status.value = 'signed-in'
    try {
      await reloadMe()
    } catch {
      // Signed in even if the profile could not be loaded yet; pages retry.
    }
  }

  async function replaceAccessToken(tokens: { accessToken: string; expiresIn: number }): Promise<void> {
    client.replaceAccessToken(tokens)
    await reloadMe()
  }

  async function signOut(): Promise<void> {
    try {
      if (client.currentAccessToken() !== null || client.hasSession()) {
        await client.request(LogoutMutation, {}, { stepUp: false })
      }
    } catch {
      // Offline or already ended: forgetting the tokens here is what matters.
    } finally {
      client.signOutLocally('logout')
      me.value = null
      status.value = 'anonymous'
    }
  }

  // Another tab signed out (its logout removed the stored refresh token): follow it.
  // When another tab rotates the token, this tab keeps its access token until it expires
  // and then refreshes with the new one, read from storage.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === STORAGE_KEYS.refreshToken && event.newValue === null) {
        client.signOutLocally('other_tab')
      }
    })
  }

  return {
    client,
    status,
    me,
    signedIn: computed(() => status.value === 'signed-in'),
    tier: computed<Tier>(() => me.value?.person?.tier ?? me.value?.tier ?? 'ANONYMOUS'),
    ready: () => restoration,
    restore: startRestore,
    signIn,
    signOut,
    reloadMe,
    replaceAccessToken,
    request: client.request.bind(client) as AuthClient['request'],
  }
}

let shared: Auth | null = null

/** The app's auth store (created on first use). */
export function useAuth(): Auth {
  shared ??= createAuth()
  return shared
}

/** Replace the shared store (tests). */
export function setAuth(auth: Auth | null): void {
  shared = auth
}
