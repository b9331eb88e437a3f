import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { GraphQLRequestError, NetworkError } from '@/api/client'
import {
  installStepUp,
  safeRedirect,
  stepUpChallengeOf,
  stepUpLocation,
  stepUpRemedy,
  type StepUpChallenge,
  type StepUpHandler,
} from './stepUp'

function refusal(extensions: Record<string, unknown>) {
  return new GraphQLRequestError([{ message: 'step up', extensions }])
}

const challenge = (requiredTier: StepUpChallenge['requiredTier'], extra: Partial<StepUpChallenge> = {}): StepUpChallenge => ({
  requiredTier,
  acrValues: null,
  maxAge: null,
  action: null,
  ...extra,
})

describe('reading a step-up challenge', () => {
  it('reads requiredTier, acrValues, maxAge and action from extensions', () => {
    const error = refusal({
      code: 'INSUFFICIENT_USER_AUTHENTICATION',
      requiredTier: 'advanced',
      acrValues: 'urn:onetap:acr:advanced',
      maxAge: 120,
      action: 'revealIdNumber',
    })
    expect(stepUpChallengeOf(error)).toEqual({
      requiredTier: 'advanced',
      acrValues: 'urn:onetap:acr:advanced',
      maxAge: 120,
      action: 'revealIdNumber',
    })
  })

  it('falls back to acrValues when requiredTier is absent', () => {
    const error = refusal({ code: 'INSUFFICIENT_USER_AUTHENTICATION', acrValues: 'urn:onetap:acr:intermediate' })
    expect(stepUpChallengeOf(error)?.requiredTier).toBe('intermediate')
  })

  it('treats UNAUTHENTICATED as a challenge for basic (sign in)', () => {
    expect(stepUpChallengeOf(refusal({ code: 'UNAUTHENTICATED' }))?.requiredTier).toBe('basic')
  })

  it('ignores other errors and unknown tiers', () => {
    expect(stepUpChallengeOf(refusal({ code: 'FORBIDDEN' }))).toBeNull()
    expect(stepUpChallengeOf(refusal({ code: 'INSUFFICIENT_USER_AUTHENTICATION', requiredTier: 'platinum' }))).toBeNull()
    expect(stepUpChallengeOf(new NetworkError('offline'))).toBeNull()
    expect(stepUpChallengeOf(new Error('x'))).toBeNull()
  })
})

describe('deciding the remedy', () => {
  it('a signed-out user signs in first, whatever the level', () => {
    for (const tier of ['basic', 'intermediate', 'advanced'] as const) {
      expect(stepUpRemedy(challenge(tier), { signedIn: false })).toEqual({ kind: 'sign-in' })
    }
  })

  it('basic → sign in; intermediate → raise my level; advanced → the face check for that action', () => {
    expect(stepUpRemedy(challenge('basic'), { signedIn: true })).toEqual({ kind: 'sign-in' })
    expect(stepUpRemedy(challenge('intermediate'), { signedIn: true })).toEqual({ kind: 'raise-tier', tier: 'intermediate' })
    expect(stepUpRemedy(challenge('advanced', { action: 'changePhone', maxAge: 120 }), { signedIn: true })).toEqual({
      kind: 'face-check',
      action: 'changePhone',
      maxAge: 120,
    })
  })

  it('names the route and carries the way back', () => {
    expect(stepUpLocation({ kind: 'sign-in' }, '/me/devices')).toEqual({ name: 'login', query: { redirect: '/me/devices' } })
    expect(stepUpLocation({ kind: 'raise-tier', tier: 'intermediate' }, '/services/1?x=1')).toEqual({
      name: 'raise-tier',
      query: { redirect: '/services/1?x=1' },
    })
    expect(stepUpLocation({ kind: 'face-check', action: 'revealIdNumber', maxAge: 120 }, '/me')).toEqual({
      name: 'face-check',
      query: { redirect: '/me', action: 'revealIdNumber', maxAge: '120' },
    })
  })

  it('passes the refused operation\'s arguments to a face check bound to its action', () => {
    const remedy = { kind: 'face-check', action: 'cases.pay', maxAge: 120 } as const
    expect(stepUpLocation(remedy, '/cases/7', { case: 7, amount: '12.50' })).toEqual({
      name: 'face-check',
      query: { action: 'cases.pay', arguments: '{"case":7,"amount":"12.50"}', redirect: '/cases/7', maxAge: '120' },
    })
    // Empty arguments are arguments too (revealIdNumber is bound to {}).
    expect(stepUpLocation({ kind: 'face-check', action: 'identity.reveal_id_number', maxAge: null }, '/me', {})).toEqual({
      name: 'face-check',
      query: { action: 'identity.reveal_id_number', arguments: '{}', redirect: '/me' },
    })
    // No action named: arguments bind to nothing, so the face check gets what it got before.
    expect(stepUpLocation({ kind: 'face-check', action: null, maxAge: 60 }, '/me', { x: 1 })).toEqual({
      name: 'face-check',
      query: { redirect: '/me', action: undefined, maxAge: '60' },
    })
    // Other remedies ignore them.
    expect(stepUpLocation({ kind: 'sign-in' }, '/me', { x: 1 })).toEqual({ name: 'login', query: { redirect: '/me' } })
  })

  it('only ever redirects within the app', () => {
    expect(safeRedirect('/me?tab=1')).toBe('/me?tab=1')
    expect(safeRedirect(['/me'])).toBe('/me')
    expect(safeRedirect('https://evil.example/')).toBeNull()
    expect(safeRedirect('//evil.example/')).toBeNull()
    expect(safeRedirect('/\\evil.example')).toBeNull()
    expect(safeRedirect('javascript:alert(1)')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})

describe('installStepUp', () => {
  const Stub = { template: '<div />' }
  function makeRouter() {
    return createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', name: 'home', component: Stub },
        { path: '/me', name: 'me', component: Stub },
        { path: '/login', name: 'login', component: Stub },
        { path: '/me/verify', name: 'raise-tier', component: Stub },
        { path: '/verify/face', name: 'face-check', component: Stub },
      ],
    })
  }

  it('routes a challenge to its remedy and remembers the page to come back to', async () => {
    const router = makeRouter()
    await router.push('/me?x=1')
    const client = { stepUpHandler: null as ((c: StepUpChallenge) => void) | null }
    installStepUp(client, router, () => true)
    client.stepUpHandler?.(challenge('intermediate'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.name).toBe('raise-tier')
    expect(router.currentRoute.value.query.redirect).toBe('/me?x=1')
  })

  it('passes arguments given with the challenge on to the face check; none given, none sent', async () => {
    const router = makeRouter()
    await router.push('/me')
    const client = { stepUpHandler: null as StepUpHandler | null }
    installStepUp(client, router, () => true)
    client.stepUpHandler?.(challenge('advanced', { action: 'identity.change_phone', maxAge: 120 }), { phone: '13900000000' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.name).toBe('face-check')
    expect(router.currentRoute.value.query).toEqual({
      action: 'identity.change_phone',
      arguments: '{"phone":"13900000000"}',
      redirect: '/me',
      maxAge: '120',
    })

    await router.push('/me')
    client.stepUpHandler?.(challenge('advanced', { action: 'identity.change_phone', maxAge: 120 }))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.query).toEqual({ action: 'identity.change_phone', redirect: '/me', maxAge: '120' })
  })

  it('sends a signed-out user to sign in', async () => {
    const router = makeRouter()
    await router.push('/me')
    const client = { stepUpHandler: null as ((c: StepUpChallenge) => void) | null }
    installStepUp(client, router, () => false)
    client.stepUpHandler?.(challenge('advanced', { action: 'x' }))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('does not loop when the challenge arrives on a remedy page itself', async () => {
    const router = makeRouter()
    await router.push('/login?redirect=/me')
    const client = { stepUpHandler: null as ((c: StepUpChallenge) => void) | null }
    installStepUp(client, router, () => false)
    client.stepUpHandler?.(challenge('basic'))
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/me')
  })
})
