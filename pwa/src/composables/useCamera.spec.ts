import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { base64Bytes, cameraProblemOf, captureJpeg, FACE_CONSTRAINTS, MAX_CAPTURE_BYTES, useCamera } from './useCamera'

function fakeStream() {
  const track = { stop: vi.fn() }
  const stream = new MediaStream()
  stream.getTracks = () => [track as unknown as MediaStreamTrack]
  return { stream, track }
}

function withMediaDevices(getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>) {
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices')
})

describe('useCamera', () => {
  it('opens the front camera into the video and stops every track', async () => {
    const { stream, track } = fakeStream()
    const getUserMedia = vi.fn().mockResolvedValue(stream)
    withMediaDevices(getUserMedia)
    const video = document.createElement('video')
    video.play = vi.fn().mockResolvedValue(undefined)
    const camera = useCamera()
    expect(await camera.start(video)).toBe(true)
    expect(getUserMedia).toHaveBeenCalledWith(FACE_CONSTRAINTS)
    expect((FACE_CONSTRAINTS.video as MediaTrackConstraints).facingMode).toBe('user')
    expect(video.srcObject).toBe(stream)
    camera.stop()
    expect(track.stop).toHaveBeenCalled()
    expect(camera.stream.value).toBeNull()
  })

  it('stops the camera when its scope ends (the page is left)', async () => {
    const { stream, track } = fakeStream()
    withMediaDevices(vi.fn().mockResolvedValue(stream))
    const scope = effectScope()
    const camera = scope.run(() => useCamera())!
    await camera.start(null)
    scope.stop()
    expect(track.stop).toHaveBeenCalled()
  })

  it('names why the camera did not open', async () => {
    const camera = useCamera()
    expect(await camera.start(null)).toBe(false)
    expect(camera.problem.value).toBe('unsupported')
    withMediaDevices(vi.fn().mockRejectedValue(new DOMException('no', 'NotAllowedError')))
    expect(await camera.start(null)).toBe(false)
    expect(camera.problem.value).toBe('denied')
    expect(cameraProblemOf(new DOMException('', 'NotFoundError'))).toBe('not-found')
    expect(cameraProblemOf(new DOMException('', 'NotReadableError'))).toBe('busy')
    expect(cameraProblemOf(new Error('x'))).toBe('failed')
  })
})

describe('captureJpeg', () => {
  it('lowers the JPEG quality until the photo is well under 500 KB', () => {
    const big = 'A'.repeat(Math.ceil((MAX_CAPTURE_BYTES * 4) / 3) + 400)
    const small = 'B'.repeat(4000)
    const qualities: number[] = []
    const canvas = {
      width: 0,
      height: 0,
      getContext: () => ({ drawImage: vi.fn() }),
      toDataURL: (_type: string, quality: number) => {
        qualities.push(quality)
        return `data:image/jpeg;base64,${quality > 0.6 ? big : small}`
      },
    } as unknown as HTMLCanvasElement
    const video = { videoWidth: 1280, videoHeight: 960 } as HTMLVideoElement
    const image = captureJpeg(video, canvas)
    expect(image).toBe(small)
    expect(qualities).toEqual([0.85, 0.7, 0.55])
    // Scaled to 640 px wide, same aspect.
    expect([canvas.width, canvas.height]).toEqual([640, 480])
    expect(base64Bytes(image)).toBeLessThan(500 * 1024)
  })

  it('counts base64 padding', () => {
    expect(base64Bytes('AAAA')).toBe(3)
    expect(base64Bytes('AAA=')).toBe(2)
    expect(base64Bytes('AA==')).toBe(1)
  })
})
