import { createAppI18n, type AppLocale } from '@/i18n'

/** A fresh i18n instance for mounting components in tests. */
export function testI18n(locale: AppLocale = 'zh-CN') {
  return createAppI18n(locale)
}

/** Build a fetch Response with a JSON body. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}
