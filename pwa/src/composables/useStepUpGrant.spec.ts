import { describe, expect, it } from 'vitest'
import { faceCheckLocation, withStepUpGrant } from './useStepUpGrant'

describe('step-up grant', () => {
  it('adds the check id and its action to the return path, keeping its query and hash', () => {
    expect(withStepUpGrant('/me', { faceCheckId: 'f1', action: 'identity.reveal_id_number' })).toBe(
      '/me?stepUpId=f1&stepUpAction=identity.reveal_id_number',
    )
    expect(withStepUpGrant('/cases/7?tab=pay#fee', { faceCheckId: 'f2', action: 'cases.pay' })).toBe(
      '/cases/7?tab=pay&stepUpId=f2&stepUpAction=cases.pay#fee',
    )
  })

  it('sends the face check the action, its arguments as JSON, the freshness and the way back', () => {
    expect(faceCheckLocation('identity.reveal_id_number', {}, '/me', 120)).toEqual({
      name: 'face-check',
      query: { action: 'identity.reveal_id_number', arguments: '{}', redirect: '/me', maxAge: '120' },
    })
    expect(faceCheckLocation('cases.pay', { case: 7 }, '//evil.example').query.redirect).toBeUndefined()
  })
})
