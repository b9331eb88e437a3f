import { requestErrorMessage, useTranslator } from '@/auth/messages'

/**
 * Turns a request error into a message in the user's language: a known
 * `extensions.code` has its own message (`errors.code.*`); an unknown one gets the
 * general "temporarily unavailable" with the code as a reference for support.
 */
export function useErrorMessage() {
  const tr = useTranslator()
  return function describeError(error: unknown): string {
    return requestErrorMessage(tr, error)
  }
}
