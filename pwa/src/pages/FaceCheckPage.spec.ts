import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { arrivedAt, ME_BASIC, mockApi, mountAt, TIER_GUIDE } from '@/test/identity'

const JPEG = '/9j/4AAQSkZJRgABAQ'
const ME_INTERMEDIATE = { ...ME_BASIC, tier: 'INTERMEDIATE', person: { ...ME_BASIC.person!, tier: 'INTERMEDIATE' } }

let track: { stop: ReturnType<typeof vi.fn> }
let getUserMedia: ReturnType<typeof vi.fn>

beforeEach(() => {
  track = { stop: vi.fn() }
  getUserMedia = vi.fn(async () => {
    const stream = new MediaStream()
    stream.getTracks = () => [track as unknown as MediaStreamTrack]
    return stream
  })
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ drawImage: vi.fn() } as never)
  vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue(`data:image/jpeg;base64,${JPEG}`)
})

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices')
})

const started = { startFaceCheck: { __typename: 'FaceCheckStarted', faceCheckId: 'F1', expiresAt: '2026-11-22T12:05:00+00:00', bindingDigest: null } }

async function takePhoto(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper']) {
  await wrapper.get('[data-testid="face-check-start"]').trigger('click')
  await flushPromises()
  expect(wrapper.find('[data-testid="face-check-video"]').exists()).toBe(true)
  await wrapper.get('[data-testid="face-check-capture"]').trigger('click')
  await flushPromises()
}

describe('FaceCheckPage', () => {
  it('raises the tier: explains, opens the front camera, sends one JPEG frame, shows the new tier', async () => {
    let me: unknown = ME_BASIC
    const api = mockApi({
      Me: () => ({ me }),
      TierGuide: () => ({ tierGuide: TIER_GUIDE }),
      EthnicGroups: () => ({ ethnicGroups: [] }),
      StartFaceCheck: () => started,
      SubmitFaceCapture: () => {
        me = ME_INTERMEDIATE
        return { submitFaceCapture: { __typename: 'FaceCheckPassed', faceCheckId: 'F1', purpose: 'TIER', tier: 'INTERMEDIATE', validUntil: null } }
      },
    })
    const { wrapper, router } = await mountAt('/verify/face', { signedInAs: true })
    expect(wrapper.get('[data-testid="face-check"]').attributes('data-purpose')).toBe('TIER')
    expect(wrapper.get('[data-testid="face-check-intro"]').text()).toContain('光线充足')
    await takePhoto(wrapper)

    expect(getUserMedia.mock.calls[0]?.[0]).toMatchObject({ audio: false, video: { facingMode: 'user' } })
    expect(api.of('StartFaceCheck')[0]?.variables).toEqual({ purpose: 'TIER' })
    expect(api.of('SubmitFaceCapture')[0]?.variables).toEqual({ faceCheckId: 'F1', image: JPEG })
    // The camera is released as soon as the photo is taken.
    expect(track.stop).toHaveBeenCalled()
    expect(wrapper.get('[data-testid="face-check-passed"]').text()).toContain('您现在是中级实名')
    expect(wrapper.get('[data-testid="face-check-tier"]').attributes('data-tier')).toBe('INTERMEDIATE')

    await wrapper.get('[data-testid="face-check-continue"]').trigger('click')
    await arrivedAt(router, 'me')
    expect(wrapper.get('[data-testid="me-tier"]').attributes('data-tier')).toBe('INTERMEDIATE')
  })

  it('a step-up check is bound to the action and its arguments and hands its id back', async () => {
    const api = mockApi({
      Me: () => ({ me: ME_BASIC }),
      MySessions: () => ({ mySessions: [] }),
      MyPasskeys: () => ({ myPasskeys: [] }),
      StartFaceCheck: () => started,
      SubmitFaceCapture: () => ({
        submitFaceCapture: { __typename: 'FaceCheckPassed', faceCheckId: 'F1', purpose: 'STEP_UP', tier: 'BASIC', validUntil: '2026-11-22T12:02:00+00:00' },
      }),
    })
    const args = encodeURIComponent('{"case":"7"}')
    const { wrapper, router } = await mountAt(
      `/verify/face?action=identity.reveal_id_number&arguments=${args}&maxAge=120&redirect=%2Fme%2Fdevices`,
      { signedInAs: true },
    )
    expect(wrapper.get('[data-testid="face-check"]').attributes('data-purpose')).toBe('STEP_UP')
    expect(wrapper.get('[data-testid="face-check-action"]').text()).toContain('查看完整身份证号')
    expect(wrapper.text()).toContain('120 秒')
    await takePhoto(wrapper)
    expect(api.of('StartFaceCheck')[0]?.variables).toEqual({
      purpose: 'STEP_UP',
      action: 'identity.reveal_id_number',
      arguments: '{"case":"7"}',
    })
    await arrivedAt(router, 'devices')
    expect(router.currentRoute.value.query).toEqual({ stepUpId: 'F1', stepUpAction: 'identity.reveal_id_number' })
  })

  it.each([
    [{ __typename: 'VerificationFailedError', code: 'VERIFICATION_FAILED', message: 'x', failedChecks: ['liveness'] }, 'liveness', '未检测到真人'],
    [{ __typename: 'VerificationFailedError', code: 'VERIFICATION_FAILED', message: 'x', failedChecks: ['face_match'] }, 'face_match', '与证件照不一致'],
    [{ __typename: 'ProviderUnavailableError', code: 'PROVIDER_UNAVAILABLE', message: 'x', provider: 'face verification', timedOut: true }, 'unavailable', '本次未作任何更改'],
    [{ __typename: 'IdentityError', code: 'CODE_INVALID', message: 'x' }, 'expired', '已超时'],
  ])('explains a failed check (%#) and offers another try', async (error, reason, text) => {
    mockApi({ Me: () => ({ me: ME_BASIC }), StartFaceCheck: () => started, SubmitFaceCapture: () => ({ submitFaceCapture: error }) })
    const { wrapper } = await mountAt('/verify/face', { signedInAs: true })
    await takePhoto(wrapper)
    const alert = wrapper.get('[data-testid="face-check-error"]')
    expect(alert.attributes('data-reason')).toBe(reason)
    expect(alert.text()).toContain(text)
    expect(wrapper.find('[data-testid="face-check-retry"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="face-check-other-methods"]').exists()).toBe(true)
  })

  it('explains a refused camera in English', async () => {
    getUserMedia.mockRejectedValue(new DOMException('denied', 'NotAllowedError'))
    const api = mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt('/verify/face', { signedInAs: true, locale: 'en' })
    await wrapper.get('[data-testid="face-check-start"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="face-check-error"]').text()).toContain('Camera access was refused')
    expect(api.of('StartFaceCheck')).toHaveLength(0)
  })

  it('stops the camera when the person leaves the page', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }), TierGuide: () => ({ tierGuide: TIER_GUIDE }), EthnicGroups: () => ({ ethnicGroups: [] }) })
    const { wrapper, router } = await mountAt('/verify/face', { signedInAs: true })
    await wrapper.get('[data-testid="face-check-start"]').trigger('click')
    await flushPromises()
    expect(track.stop).not.toHaveBeenCalled()
    await router.push('/me')
    await arrivedAt(router, 'me')
    expect(track.stop).toHaveBeenCalled()
  })

  it('does not ask an intermediate person for a tier check', async () => {
    mockApi({ Me: () => ({ me: ME_INTERMEDIATE }) })
    const { wrapper } = await mountAt('/verify/face', { signedInAs: true })
    expect(wrapper.get('[data-testid="face-check-already"]').text()).toContain('中级实名')
    expect(wrapper.find('[data-testid="face-check-start"]').exists()).toBe(false)
  })
})
