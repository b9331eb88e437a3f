import { useRoute, useRouter } from 'vue-router'
import { faceCheckLocation, type StepUpChallenge } from '@/auth/stepUp'

/** The face-check route for an action and its arguments (shared with the step-up hook). */
export { faceCheckLocation }

/**
 * Advanced is per transaction (高级实名, 单次有效): a sensitive action is refused with a
 * step-up challenge naming the `action`; the page sends the person to the face check bound
 * to that action and its arguments, and the face check hands the passed check's id back in
 * the return URL (`?stepUpId=…&stepUpAction=…`). The asking page then retries the SAME
 * action with the SAME arguments and `stepUpId`, once, within the check's validity.
 */

export const STEP_UP_ID = 'stepUpId'
export const STEP_UP_ACTION = 'stepUpAction'

/** `redirect` with the passed check's id (and the action it is bound to) in its query. */
export function withStepUpGrant(redirect: string, grant: { faceCheckId: string; action: string }): string {
  const url = new URL(redirect, 'http://app.invalid')
  url.searchParams.set(STEP_UP_ID, grant.faceCheckId)
  url.searchParams.set(STEP_UP_ACTION, grant.action)
  return `${url.pathname}${url.search}${url.hash}`
}

export function useStepUpGrant(action: string) {
  const route = useRoute()
  const router = useRouter()

  /** The step-up id handed back for this action, if any; removed from the URL either way. */
  async function take(): Promise<string | null> {
    const id = route.query[STEP_UP_ID]
    const forAction = route.query[STEP_UP_ACTION]
    if (typeof id !== 'string' || !id) return null
    if (forAction !== action) return null
    const query = { ...route.query }
    delete query[STEP_UP_ID]
    delete query[STEP_UP_ACTION]
    // The id is single-use: keep it out of history so "back" cannot replay it.
    await router.replace({ path: route.path, query, hash: route.hash })
    return id
  }

  /** Go to the face check for this action's challenge, returning here. */
  async function challenge(stepUp: StepUpChallenge, args: Record<string, unknown> = {}): Promise<void> {
    await router.push(faceCheckLocation(stepUp.action ?? action, args, route.fullPath, stepUp.maxAge))
  }

  return { take, challenge }
}
