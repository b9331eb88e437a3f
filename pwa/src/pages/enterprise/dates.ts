/**
 * Calendar dates for appointments: what the date pickers hold (`['2026', '11', '22']`),
 * what is sent (an instant with a time zone, as the API requires), and how a period reads.
 * Appointments run from the start of their first day to the end of their last, local time.
 */

/** A calendar day, local time. */
export interface Day {
  year: number
  month: number
  day: number
}

export function dayOf(date: Date): Day {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }
}

export function dateOf(day: Day): Date {
  return new Date(day.year, day.month - 1, day.day)
}

/** Days apart from `day` (negative: earlier). */
export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(day.year, day.month - 1, day.day + days))
}

/** The same day `years` later (29 February becomes 28 February in a common year). */
export function addYears(day: Day, years: number): Day {
  const year = day.year + years
  const last = new Date(year, day.month, 0).getDate()
  return { year, month: day.month, day: Math.min(day.day, last) }
}

export function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

/** Vant DatePicker's model: zero-padded year, month, day. */
export function toPickerValue(day: Day): string[] {
  return [String(day.year), String(day.month).padStart(2, '0'), String(day.day).padStart(2, '0')]
}

export function fromPickerValue(values: readonly string[]): Day | null {
  const [year, month, day] = values.map(Number)
  if (!year || !month || !day) return null
  return { year, month, day }
}

/** The first moment of the day, local time, as an ISO instant. */
export function startOfDayIso(day: Day): string {
  return dateOf(day).toISOString()
}

/** The last second of the day, local time, as an ISO instant (the end date is included). */
export function endOfDayIso(day: Day): string {
  return new Date(day.year, day.month - 1, day.day, 23, 59, 59).toISOString()
}

/** A day as people read it: 2026年11月22日 / 22 Nov 2026. */
export function formatDay(day: Day, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(dateOf(day))
}

/** An ISO instant's day, as people read it. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date)
}
