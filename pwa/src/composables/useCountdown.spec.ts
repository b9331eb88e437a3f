import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useCountdown } from './useCountdown'

describe('useCountdown', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts down once a second to zero, from the clock', () => {
    vi.useFakeTimers()
    const scope = effectScope()
    const countdown = scope.run(() => useCountdown())!
    countdown.start(3)
    expect(countdown.remaining.value).toBe(3)
    vi.advanceTimersByTime(1000)
    expect(countdown.remaining.value).toBe(2)
    vi.advanceTimersByTime(5000)
    expect(countdown.remaining.value).toBe(0)
    scope.stop()
  })

  it('restarts with a new wait (e.g. retryAfterSeconds)', () => {
    vi.useFakeTimers()
    const scope = effectScope()
    const countdown = scope.run(() => useCountdown())!
    countdown.start(60)
    countdown.start(5)
    expect(countdown.remaining.value).toBe(5)
    scope.stop()
  })
})
