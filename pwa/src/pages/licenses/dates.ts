/**
 * Calendar days of the share form, in Fujian's time (Asia/Shanghai, no daylight saving):
 * today, days ahead, and the moment a consent chosen "until <day>" ends.
 */
export const CONSENT_DEFAULT_DAYS = 30
export const CONSENT_MAX_DAYS = 365
const DAY_MS = 24 * 60 * 60 * 1000
/** Room between the moment sent and the server's own "at most 365 days ahead" check. */
const MARGIN_MS = 5 * 60 * 1000

/** Today's `YYYY-MM-DD` in Fujian. */
export function todayInFujian(now: number = Date.now()): string {
  return new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10)
}

export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
}

/**
 * The instant a consent "until `day`" ends: the end of that day in Fujian, but never
 * later than 365 days from now (less a margin), which the API refuses.
 */
export function consentEnd(day: string, now: number = Date.now()): string {
  const end = Date.parse(`${day}T23:59:59+08:00`)
  const latest = now + CONSENT_MAX_DAYS * DAY_MS - MARGIN_MS
  return end <= latest ? `${day}T23:59:59+08:00` : new Date(latest).toISOString()
}
