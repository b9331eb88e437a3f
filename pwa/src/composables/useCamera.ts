import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue'

/**
 * The front camera for the face check (刷脸): open it into a <video>, take one frame as a
 * JPEG, and stop every track when done or when the page goes away, so the camera light
 * goes off as soon as the person leaves.
 */

export type CameraProblem =
  /** No camera API (an old browser, or a page not served over HTTPS). */
  | 'unsupported'
  /** The person (or the browser's settings) refused the camera. */
  | 'denied'
  /** No camera on this device. */
  | 'not-found'
  /** Another app holds the camera. */
  | 'busy'
  | 'failed'

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied'
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'not-found'
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy'
    default:
      return 'failed'
  }
}

export function cameraSupported(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

/** The front camera, at a size that is plenty for face matching and small to upload. */
export const FACE_CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
}

export function useCamera() {
  const stream = shallowRef<MediaStream | null>(null)
  const problem = ref<CameraProblem | null>(null)
  const starting = ref(false)

  function stop(): void {
    for (const track of stream.value?.getTracks() ?? []) track.stop()
    stream.value = null
  }

  /** Open the front camera into `video`; false (with `problem` set) when it cannot. */
  async function start(video: HTMLVideoElement | null): Promise<boolean> {
    problem.value = null
    if (!cameraSupported()) {
      problem.value = 'unsupported'
      return false
    }
    stop()
    starting.value = true
    try {
      const opened = await navigator.mediaDevices.getUserMedia(FACE_CONSTRAINTS)
      stream.value = opened
      if (video) {
        video.srcObject = opened
        video.muted = true
        await video.play().catch(() => undefined) // autoplay of a muted stream may still be deferred
      }
      return true
    } catch (error) {
      problem.value = cameraProblemOf(error)
      return false
    } finally {
      starting.value = false
    }
  }

  if (getCurrentScope()) onScopeDispose(stop)

  return { stream, problem, starting, start, stop }
}

/** The backend takes at most 500 KB; stay well under it. */
export const MAX_CAPTURE_BYTES = 300 * 1024
const MAX_WIDTH = 640

/** Bytes a base64 string decodes to. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  return Math.floor((base64.length * 3) / 4) - padding
}

/**
 * One frame of `video` as base64 JPEG (no `data:` prefix), scaled to at most 640 px wide,
 * with the quality lowered step by step until it fits `maxBytes`.
 */
export function captureJpeg(
  video: HTMLVideoElement,
  canvas: HTMLCanvasElement = document.createElement('canvas'),
  maxBytes: number = MAX_CAPTURE_BYTES,
): string {
  const width = video.videoWidth || MAX_WIDTH
  const height = video.videoHeight || Math.round((MAX_WIDTH * 3) / 4)
  const scale = Math.min(1, MAX_WIDTH / width)
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d canvas')
  context.drawImage(video, 0, 0, canvas.width, canvas.height)
  let base64 = ''
  for (const quality of [0.85, 0.7, 0.55, 0.4, 0.25]) {
    base64 = canvas.toDataURL('image/jpeg', quality).replace(/^data:[^,]*,/, '')
    if (base64Bytes(base64) <= maxBytes) return base64
  }
  if (base64Bytes(base64) > maxBytes) throw new Error('capture too large')
  return base64
}
