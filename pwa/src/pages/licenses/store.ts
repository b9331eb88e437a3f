/**
 * The wallet's offline copy (离线出示): after every successful `myLicenses` the list,
 * QR codes included, is kept in localStorage under a key naming the signed-in subject and
 * whom it acts for, so a license can still be shown when the network is gone. The service
 * worker never caches API answers; this is the only copy.
 *
 * Personal data on a shared device is kept to one person: saving a copy drops every other
 * subject's copy, and signing out drops them all (`installLicenseCacheCleanup`). When the
 * app starts offline `me` is unknown; the context last saved is then used, which is the
 * same session's (a sign-out would have removed it).
 */
import type { LicensePartsFragment } from '@/api/generated/graphql'
import type { Auth } from '@/auth/useAuth'
import { readJSON, readString, writeJSON, writeString } from '@/composables/storage'

export type StoredLicense = LicensePartsFragment

export const LICENSE_CACHE_PREFIX = 'onetap:cache:licenses:'
/** The context last saved, for an offline start (no `me` yet). */
export const LICENSE_CONTEXT_KEY = 'onetap:cache:licenses-context'

/** Whose licenses: the subject and whom it acts for (`person:1|self`, `person:1|enterprise:<id>`). */
export function licenseContext(me: { subject: string; actingFor?: string | null } | null | undefined): string | null {
  return me ? `${me.subject}|${me.actingFor ?? 'self'}` : null
}

/** The context of `me`, or (offline, `me` unknown) the one last saved in this session. */
export function currentContext(auth: Pick<Auth, 'me' | 'signedIn'>): string | null {
  const known = licenseContext(auth.me.value)
  if (known !== null) return known
  return auth.signedIn.value ? readString(LICENSE_CONTEXT_KEY) : null
}

export function licenseCacheKey(context: string): string {
  return `${LICENSE_CACHE_PREFIX}${context}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isStoredLicense(value: unknown): value is StoredLicense {
  if (!isObject(value)) return false
  const strings = ['id', 'identifier', 'name', 'nameEn', 'departmentName', 'status', 'verifyUrl', 'qrSvg', 'offlineQrSvg']
  return strings.every((key) => typeof value[key] === 'string') && Array.isArray(value.fields)
}

export function isStoredLicenseList(value: unknown): value is StoredLicense[] {
  return Array.isArray(value) && value.every(isStoredLicense)
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** Every stored copy's key (never throws). */
function storedKeys(): string[] {
  const keys: string[] = []
  try {
    const s = storage()
    for (let i = 0; s && i < s.length; i++) {
      const key = s.key(i)
      if (key?.startsWith(LICENSE_CACHE_PREFIX)) keys.push(key)
    }
  } catch {
    // Storage unavailable: nothing stored.
  }
  return keys
}

const subjectOf = (context: string) => context.split('|')[0] ?? ''

/** Keep `licenses` as `context`'s copy, and drop every other subject's. */
export function saveLicenses(context: string, licenses: readonly StoredLicense[]): void {
  const subject = subjectOf(context)
  for (const key of storedKeys()) {
    if (subjectOf(key.slice(LICENSE_CACHE_PREFIX.length)) !== subject) writeString(key, null)
  }
  writeJSON(licenseCacheKey(context), licenses)
  writeString(LICENSE_CONTEXT_KEY, context)
}

export function storedLicenses(context: string | null): StoredLicense[] | null {
  return context === null ? null : readJSON(licenseCacheKey(context), isStoredLicenseList)
}

export function storedLicense(context: string | null, id: string): StoredLicense | null {
  return storedLicenses(context)?.find((license) => license.id === id) ?? null
}

/** Refresh one license in the stored copy (its detail was fetched); a license not in it is not added. */
export function updateStoredLicense(context: string | null, license: StoredLicense): void {
  const list = storedLicenses(context)
  if (context === null || list === null || !list.some((item) => item.id === license.id)) return
  writeJSON(licenseCacheKey(context), list.map((item) => (item.id === license.id ? license : item)))
}

/** Forget every stored copy (sign-out). */
export function clearStoredLicenses(): void {
  for (const key of storedKeys()) writeString(key, null)
  writeString(LICENSE_CONTEXT_KEY, null)
}

const installed = new WeakSet<object>()

/**
 * Drop the stored copies whenever this auth store signs out (logout, a refused session,
 * another tab's logout). Idempotent; the wallet's pages and its entry on "Me" call it, and
 * main.ts may call it at start-up so a sign-out before any of them is shown is covered too.
 */
export function installLicenseCacheCleanup(auth: Pick<Auth, 'client'>): void {
  if (installed.has(auth.client)) return
  installed.add(auth.client)
  auth.client.onSignedOut(() => clearStoredLicenses())
}
