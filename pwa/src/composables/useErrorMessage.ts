import { useI18n } from 'vue-i18n'
import { isGraphQLRequestError, isNetworkError } from '@/api/client'

/** Turns a request error into a message in the user's language. */
export function useErrorMessage() {
  const { t } = useI18n({ useScope: 'global' })
  return function describeError(error: unknown): string {
    if (isNetworkError(error)) return t('errors.network')
    if (isGraphQLRequestError(error)) return t('errors.server', { code: error.code })
    return t('errors.unknown')
  }
}
