/**
 * Casework failures in the user's language, for the desk. A typed error's code has the
 * desk's own words (`desk.errors.*`: TRANSITION_NOT_ALLOWED, FEE_UNSETTLED...) and falls
 * back to the shared identity messages, so every code still reads as a sentence; the
 * API's English `message` is never shown.
 */
import { useI18n } from 'vue-i18n'
import { isGraphQLRequestError } from '@/api/client'
import { useIdentityMessages } from '@/auth/messages'

/** What every desk mutation's error member carries (`UserErrorParts` + `DeskFailureParts`). */
export interface DeskFailure {
  __typename: string
  code: string
  field?: string
  reason?: string
  retryAfterSeconds?: number
  problems?: ReadonlyArray<{ field: string; reason: string }>
}

export function useDeskMessages() {
  const messages = useIdentityMessages()
  const { t, te } = useI18n({ useScope: 'global' })

  /** A typed error of a desk mutation, in words. */
  function failure(error: DeskFailure): string {
    if (error.__typename === 'RateLimitedError') {
      return t('desk.errors.RATE_LIMITED', { wait: messages.wait(error.retryAfterSeconds ?? 60) })
    }
    const key = `desk.errors.${error.code}`
    if (te(key)) return t(key)
    if (te(`errors.code.${error.code}`)) return t(`errors.code.${error.code}`)
    return t('desk.errors.generic')
  }

  /** A thrown request error: the desk's words for its refusals, else the shared ones. */
  function requestError(error: unknown): string {
    if (isGraphQLRequestError(error) && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
      return t(`desk.errors.${error.code}`)
    }
    return messages.requestError(error)
  }

  return { ...messages, failure, requestError }
}
