/**
 * Step-up: from a refusal to the page that fixes it, and back.
 *
 * The API refuses a request below the required identity level with the GraphQL error code
 * `INSUFFICIENT_USER_AUTHENTICATION` and, RFC 9470 style, `requiredTier`, `acrValues`,
 * `maxAge` and (for a per-transaction check) `action` in `extensions`. `stepUpRemedy`
 * decides what the user must do; `stepUpLocation` names the route, carrying the page to
 * return to in `?redirect=`; `installStepUp` wires both to the auth client and the router.
 *
 * A face check is bound to the action AND its arguments. A caller that knows the arguments
 * of the refused request passes them (`auth.request(…, { stepUpArguments })`, or the third
 * argument of `stepUpLocation`); they go to the face check as `?arguments=<JSON>`, as
 * `faceCheckLocation` builds it. Without them the face check gets the action alone.
 *
 *   signed out (any tier), or basic required  → sign in (or register) → back
 *   intermediate required                     → "raise my level" page → back
 *   advanced required (per transaction)       → the face check bound to that action → back
 */
import type { LocationQueryRaw, RouteLocationRaw, Router } from 'vue-router'
import { GraphQLRequestError } from '@/api/client'

export const STEP_UP_CODE = 'INSUFFICIENT_USER_AUTHENTICATION'
export const UNAUTHENTICATED_CODE = 'UNAUTHENTICATED'

export type RequiredTier = 'basic' | 'intermediate' | 'advanced'

export interface StepUpChallenge {
  requiredTier: RequiredTier
  acrValues: string | null
  /** Seconds: how fresh the proof must be. */
  maxAge: number | null
  /** The operation an advanced check is bound to. */
  action: string | null
}

export type StepUpRemedy =
  | { kind: 'sign-in' }
  | { kind: 'raise-tier'; tier: 'intermediate' }
  | { kind: 'face-check'; action: string | null; maxAge: number | null }

const ACR_PREFIX = 'urn:onetap:acr:'

function parseTier(value: unknown): RequiredTier | null {
  if (typeof value !== 'string') return null
  const word = value.trim().toLowerCase().replace(ACR_PREFIX, '')
  return word === 'basic' || word === 'intermediate' || word === 'advanced' ? word : null
}

/** The step-up challenge in a request error, or null if it is not one. */
export function stepUpChallengeOf(error: unknown): StepUpChallenge | null {
  if (!(error instanceof GraphQLRequestError)) return null
  if (error.code === UNAUTHENTICATED_CODE) {
    return { requiredTier: 'basic', acrValues: null, maxAge: null, action: null }
  }
  if (error.code !== STEP_UP_CODE) return null
  const extensions = error.errors[0]?.extensions ?? {}
  const acrValues = typeof extensions.acrValues === 'string' ? extensions.acrValues : null
  // acr_values may list several, space-separated; the first names the level asked for.
  const requiredTier = parseTier(extensions.requiredTier) ?? parseTier(acrValues?.split(' ')[0])
  if (requiredTier === null) return null
  const maxAge = typeof extensions.maxAge === 'number' ? extensions.maxAge : null
  const action = typeof extensions.action === 'string' && extensions.action ? extensions.action : null
  return { requiredTier, acrValues, maxAge, action }
}

/** What the user has to do to meet the challenge. */
export function stepUpRemedy(challenge: StepUpChallenge, viewer: { signedIn: boolean }): StepUpRemedy {
  // Every level starts with a signed-in, registered person; the request is retried after
  // sign-in and, if the level is still too low, answers with the next step.
  if (!viewer.signedIn || challenge.requiredTier === 'basic') return { kind: 'sign-in' }
  if (challenge.requiredTier === 'intermediate') return { kind: 'raise-tier', tier: 'intermediate' }
  return { kind: 'face-check', action: challenge.action, maxAge: challenge.maxAge }
}

/**
 * A same-app path to return to, or null. Anything else (another origin, `//host`,
 * `javascript:`) is dropped, so `?redirect=` cannot send the user off-site.
 */
export function safeRedirect(value: unknown): string | null {
  const raw = Array.isArray(value) ? value[0] : value
  if (typeof raw !== 'string') return null
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null
  return raw
}

/** The arguments of the operation a step-up check is bound to (sent as JSON). */
export type StepUpArguments = Record<string, unknown>

/** The face-check route for an action and its arguments, returning to `returnTo`. */
export function faceCheckLocation(
  action: string,
  args: StepUpArguments,
  returnTo: string,
  maxAge: number | null = null,
) {
  const query: LocationQueryRaw = {
    action,
    arguments: JSON.stringify(args),
    redirect: safeRedirect(returnTo) ?? undefined,
  }
  if (maxAge !== null) query.maxAge = String(maxAge)
  return { name: 'face-check', query }
}

/**
 * The route that carries out a remedy, returning to `returnTo` afterwards. `args`, the
 * refused operation's arguments, are passed on to a face check bound to a named action.
 */
export function stepUpLocation(remedy: StepUpRemedy, returnTo: string, args?: StepUpArguments): RouteLocationRaw {
  const redirect = safeRedirect(returnTo) ?? undefined
  switch (remedy.kind) {
    case 'sign-in':
      return { name: 'login', query: { redirect } }
    case 'raise-tier':
      return { name: 'raise-tier', query: { redirect } }
    case 'face-check':
      if (remedy.action !== null && args !== undefined) {
        return faceCheckLocation(remedy.action, args, returnTo, remedy.maxAge)
      }
      return {
        name: 'face-check',
        query: {
          redirect,
          action: remedy.action ?? undefined,
          maxAge: remedy.maxAge === null ? undefined : String(remedy.maxAge),
        },
      }
  }
}

/** Pages that are themselves remedies: a challenge met there must not loop back to them. */
const REMEDY_ROUTES = new Set(['login', 'register', 'recover', 'raise-tier', 'face-check'])

/** Receives a step-up challenge, with the refused operation's arguments when its caller gave them. */
export type StepUpHandler = (challenge: StepUpChallenge, args?: StepUpArguments) => void

/**
 * Route every step-up challenge a request runs into to its remedy, returning to the page
 * the user was on. `isSignedIn` is read at the time of the challenge.
 */
export function installStepUp(
  client: { stepUpHandler: StepUpHandler | null },
  router: Router,
  isSignedIn: () => boolean,
): void {
  client.stepUpHandler = (challenge, args) => {
    const current = router.currentRoute.value
    if (typeof current.name === 'string' && REMEDY_ROUTES.has(current.name)) return
    const remedy = stepUpRemedy(challenge, { signedIn: isSignedIn() })
    void router.push(stepUpLocation(remedy, current.fullPath, args))
  }
}
