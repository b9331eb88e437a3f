/** How the desk shows case numbers, money, calendar dates and deadlines. */

/** Spaces and hyphens a caller or a copy may add to a case number. */
const SEPARATORS = /[\s-]+/g

/** A case number as typed (grouped or not, lower-case x) → its 21 characters, or null. */
export function normaliseCaseNumber(text: string): string | null {
  const compact = text.replace(SEPARATORS, '').toUpperCase()
  return /^\d{20}[\dX]$/.test(compact) ? compact : null
}

/** 350100-20261122-000123-7: region, date, sequence, check character, read in groups. */
export function groupCaseNumber(number: string | null | undefined): string {
  if (!number) return ''
  const compact = number.replace(SEPARATORS, '')
  if (!/^\d{20}[\dXx]$/.test(compact)) return number
  return `${compact.slice(0, 6)}-${compact.slice(6, 14)}-${compact.slice(14, 20)}-${compact.slice(20).toUpperCase()}`
}

/** An amount in fen as money: ¥12.50 / ¥12.50 (both languages use the yuan sign). */
export function formatFen(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100)
}

/** A calendar date (YYYY-MM-DD, as the API sends `Date`) as people read it. */
export function formatCalendarDate(day: string | null | undefined, locale: string): string {
  if (!day) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
}

/** Today's date in China (deadlines are Asia/Shanghai dates), as YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)
  return Math.round(ms / 86_400_000)
}

export type DueMarker = 'overdue' | 'due-soon' | null

/**
 * The marker beside a deadline. Overdue is the server's word. "Due soon" is the DUE_SOON
 * queue's word (working days, with the holiday calendar), or a deadline at most two
 * calendar days away: fewer calendar days than that always means fewer working days too,
 * so the marker never appears where the server would not put the case in that queue.
 */
export function dueMarker(
  row: { overdue: boolean; dueOn?: string | null },
  options: { inDueSoonQueue?: boolean; today?: string } = {},
): DueMarker {
  if (row.overdue) return 'overdue'
  if (!row.dueOn) return null
  if (options.inDueSoonQueue) return 'due-soon'
  const left = daysBetween(options.today ?? todayInChina(), row.dueOn)
  return left >= 0 && left <= 2 ? 'due-soon' : null
}

/** A file size as people read it: 512 B, 1.2 MB. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value)
}

/** A share 0..1 as a percentage (null: no data). */
export function formatPercent(share: number | null | undefined, locale: string): string | null {
  if (share === null || share === undefined) return null
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share)
}

/** A decimal with one digit (null: no data). */
export function formatDecimal(value: number | null | undefined, locale: string): string | null {
  if (value === null || value === undefined) return null
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
}
