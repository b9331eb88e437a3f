/**
 * localStorage helpers that never throw (private mode, quota, disabled storage)
 * and validate what they read, so corrupt or outdated entries are ignored.
 */
export const STORAGE_KEYS = {
  locale: 'onetap:locale',
  elderMode: 'onetap:elder-mode',
  city: 'onetap:city',
  cities: 'onetap:cache:cities',
  departments: (cityCode: string) => `onetap:cache:departments:${cityCode}`,
  /** The refresh token (see src/auth/tokens.ts for why it lives here). */
  refreshToken: 'onetap:auth:refresh',
} as const

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function readString(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null
  } catch {
    return null
  }
}

export function writeString(key: string, value: string | null): void {
  try {
    const s = storage()
    if (!s) return
    if (value === null) s.removeItem(key)
    else s.setItem(key, value)
  } catch {
    // Storage full or unavailable: persistence is best-effort.
  }
}

export function readJSON<T>(key: string, isValid: (value: unknown) => value is T): T | null {
  const raw = readString(key)
  if (raw === null) return null
  try {
    const parsed: unknown = JSON.parse(raw)
    return isValid(parsed) ? parsed : null
  } catch {
    return null
  }
}

export function writeJSON(key: string, value: unknown): void {
  writeString(key, value === null ? null : JSON.stringify(value))
}
