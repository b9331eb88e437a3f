import { getCurrentScope, onScopeDispose, readonly, ref } from 'vue'

/**
 * Seconds left until a moment (the SMS resend wait), ticking once a second. Computed from
 * the clock, not by counting ticks, so a phone that sleeps comes back with the right value.
 */
export function useCountdown(now: () => number = Date.now) {
  const remaining = ref(0)
  let endsAt = 0
  let timer: ReturnType<typeof setInterval> | null = null

  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  function tick(): void {
    remaining.value = Math.max(0, Math.ceil((endsAt - now()) / 1000))
    if (remaining.value === 0) stop()
  }

  function start(seconds: number): void {
    stop()
    endsAt = now() + Math.max(0, seconds) * 1000
    tick()
    if (remaining.value > 0) timer = setInterval(tick, 1000)
  }

  if (getCurrentScope()) onScopeDispose(stop)

  return { remaining: readonly(remaining), start, stop }
}
