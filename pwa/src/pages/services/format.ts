/**
 * Small formatting rules of the services area: fees (integer fen), case numbers, tiers,
 * dates and file sizes. Pure functions, so both the pages and their specs use them.
 */
import type { CaseStatus, Tier } from '@/api/generated/graphql'

/** ¥ amount of a fee in fen (1 yuan = 100 fen), or null for "free". */
export function feeYuan(feeFen: number | null | undefined): string | null {
  if (feeFen === null || feeFen === undefined || feeFen <= 0) return null
  const yuan = Math.floor(feeFen / 100)
  const fen = feeFen % 100
  return fen === 0 ? `${yuan}` : `${yuan}.${String(fen).padStart(2, '0')}`
}

/**
 * A case number in groups for reading over the phone: region, date, sequence, check
 * character ("350100-20261122-000123-7"). The API already answers grouped; a number
 * typed or pasted without hyphens is grouped the same way.
 */
export function groupCaseNumber(number: string): string {
  const raw = number.replace(/[\s-]/g, '').toUpperCase()
  if (!/^\d{20}[0-9X]$/.test(raw)) return number
  return `${raw.slice(0, 6)}-${raw.slice(6, 14)}-${raw.slice(14, 20)}-${raw.slice(20)}`
}

/** The API's tier word on an item ("basic"…) as the Tier enum the badge shows. */
export function tierOf(word: string | null | undefined): Tier {
  const value = (word ?? '').trim().toUpperCase()
  return value === 'BASIC' || value === 'INTERMEDIATE' || value === 'ADVANCED' ? value : 'BASIC'
}

/** Statuses after which nothing more happens (casework/states.py FINAL). */
export const FINAL_STATUSES: ReadonlySet<CaseStatus> = new Set(['DELIVERED', 'CLOSED', 'WITHDRAWN'])

/** Every status, in the order a case moves through them (the filter's order). */
export const CASE_STATUSES: readonly CaseStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'UNDER_REVIEW',
  'APPROVED',
  'COMPLETED',
  'DELIVERED',
  'REJECTED',
  'DENIED',
  'CLOSED',
  'WITHDRAWN',
]

/** Statuses in which the applicant may rate the case (a decision was reached and done). */
export const RATEABLE_STATUSES: ReadonlySet<CaseStatus> = new Set(['COMPLETED', 'DELIVERED', 'CLOSED'])

/** A colour family for a status chip. */
export function statusTone(status: CaseStatus): 'draft' | 'progress' | 'attention' | 'success' | 'refused' | 'ended' {
  switch (status) {
    case 'DRAFT':
      return 'draft'
    case 'CORRECTION_REQUESTED':
      return 'attention'
    case 'APPROVED':
    case 'COMPLETED':
    case 'DELIVERED':
      return 'success'
    case 'REJECTED':
    case 'DENIED':
      return 'refused'
    case 'CLOSED':
    case 'WITHDRAWN':
      return 'ended'
    default:
      return 'progress'
  }
}

const SHANGHAI = 'Asia/Shanghai'

/** A calendar day (`YYYY-MM-DD`, the API's Date) in the reader's language. */
export function formatDay(day: string | null | undefined, locale: string): string {
  if (!day) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day)
  if (!match) return day
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date)
}

/** A moment (ISO 8601) as Fujian's local date and time, in the reader's language. */
export function formatMoment(at: string | null | undefined, locale: string): string {
  if (!at) return ''
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return at
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: SHANGHAI,
  }).format(date)
}

/** A file size people read: "820 KB", "4.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`
  const mb = bytes / (1024 * 1024)
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`
}

const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
}

/** Accepted file types as people know them: "JPG / PNG / PDF". */
export function typeNames(types: readonly string[]): string {
  return types.map((type) => TYPE_NAMES[type] ?? type).join(' / ')
}
