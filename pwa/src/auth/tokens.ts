/**
 * Where the tokens live.
 *
 * - The access token (a JWT, at most 10 minutes) is kept in memory only (`AuthClient`):
 *   it is gone on reload and never touches storage.
 * - The refresh token (opaque, rotated on every use, 30-day session) is kept in
 *   localStorage so an installed PWA stays signed in across restarts.
 *
 * Trade-off: anything in localStorage can be read by script running on our origin, so a
 * successful XSS could steal the refresh token; an HttpOnly, Secure, SameSite=Strict
 * cookie scoped to `/graphql` could not be read by script. We keep localStorage because
 * the API hands tokens out in the GraphQL response body and has no cookie endpoint, and a
 * cookie would bring CSRF defences with it. What limits the damage instead: the backend's
 * CSP (`script-src 'self'`, no inline script, no third-party origins), rotation on every
 * refresh with reuse detection (a stolen token that is used after the real app has used it
 * revokes the whole session family), "my devices" to end a session, and logout clearing
 * the token. Moving to a cookie later changes only this file and `refreshSession`.
 */
import { readString, STORAGE_KEYS, writeString } from '@/composables/storage'

export interface RefreshTokenStore {
  read(): string | null
  write(token: string | null): void
}

export const localRefreshTokenStore: RefreshTokenStore = {
  read: () => readString(STORAGE_KEYS.refreshToken),
  write: (token) => writeString(STORAGE_KEYS.refreshToken, token),
}

/** An in-memory store, for tests. */
export function memoryRefreshTokenStore(initial: string | null = null): RefreshTokenStore {
  let token = initial
  return {
    read: () => token,
    write: (next) => {
      token = next
    },
  }
}
