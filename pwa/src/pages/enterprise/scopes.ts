/**
 * Service categories an agent can be appointed for (授权范围). The API accepts any
 * lowercase category code or `*` for all; the PWA offers this fixed list, labelled in
 * `enterprise.scope.*`. A code outside the list (appointed elsewhere) is shown as it is.
 */
import { joinList, type Translator } from '@/auth/messages'

export const ALL_CATEGORIES = '*'

export const SERVICE_CATEGORIES = [
  'tax',
  'social-security',
  'market',
  'housing',
  'housing-fund',
  'medical-insurance',
  'transport',
] as const

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]

/** One category in the user's language. */
export function scopeLabel(tr: Translator, code: string): string {
  if (code === ALL_CATEGORIES) return tr.t('enterprise.scope.all')
  const key = `enterprise.scope.${code}`
  return (SERVICE_CATEGORIES as readonly string[]).includes(code) && tr.te(key) ? tr.t(key) : code
}

/** A scope as a list: 税务、社会保险 / Tax and Social insurance. */
export function scopeText(tr: Translator, scope: readonly string[]): string {
  return joinList(scope.map((code) => scopeLabel(tr, code)), tr.locale)
}

/**
 * The scope after ticking or unticking `code`: "all" replaces every single category, and
 * a single category replaces "all".
 */
export function toggleScope(scope: readonly string[], code: string, checked: boolean): string[] {
  if (!checked) return scope.filter((c) => c !== code)
  if (code === ALL_CATEGORIES) return [ALL_CATEGORIES]
  return [...scope.filter((c) => c !== ALL_CATEGORIES && c !== code), code]
}
