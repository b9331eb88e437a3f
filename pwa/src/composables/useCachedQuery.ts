import { getCurrentScope, onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { isNetworkError } from '@/api/client'
import { readJSON, writeJSON } from './storage'

export type QueryStatus = 'idle' | 'loading' | 'success' | 'error'

export interface CachedQueryOptions<T> {
  /** localStorage key for the last good result; `null` disables caching. */
  cacheKey: () => string | null
  fetcher: (signal: AbortSignal) => Promise<T>
  /** Validates cached JSON before it is shown. */
  isValid: (value: unknown) => value is T
  /** Whether a fetched result may be cached (default: always). */
  shouldCache?: (value: T) => boolean
}

export interface CachedQuery<T> {
  data: ShallowRef<T | null>
  status: Ref<QueryStatus>
  error: ShallowRef<unknown>
  /** True when `data` is the cached copy because the network request failed. */
  stale: Ref<boolean>
  load: () => Promise<void>
  reset: () => void
}

/**
 * Network-first query with a localStorage copy of the last good result.
 * While loading, the cached copy (if any) is shown at once; if the network fails
 * the cached copy stays with `stale = true`; with nothing cached `status` is `error`.
 * API responses are never cached by the service worker; this is the only cache.
 */
export function useCachedQuery<T>(options: CachedQueryOptions<T>): CachedQuery<T> {
  const data = shallowRef<T | null>(null)
  const status = ref<QueryStatus>('idle')
  const error = shallowRef<unknown>(null)
  const stale = ref(false)
  let controller: AbortController | null = null
  let generation = 0

  function readCache(): T | null {
    const key = options.cacheKey()
    return key === null ? null : readJSON(key, options.isValid)
  }

  async function load(): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    const run = ++generation
    const cached = readCache()
    data.value = cached
    stale.value = false
    error.value = null
    status.value = 'loading'
    try {
      const result = await options.fetcher(current.signal)
      if (run !== generation) return
      data.value = result
      status.value = 'success'
      const key = options.cacheKey()
      if (key !== null && (options.shouldCache?.(result) ?? true)) writeJSON(key, result)
    } catch (err) {
      if (run !== generation) return
      error.value = err
      if (cached !== null && isNetworkError(err)) {
        data.value = cached
        stale.value = true
        status.value = 'success'
      } else {
        data.value = null
        status.value = 'error'
      }
    } finally {
      if (controller === current) controller = null
    }
  }

  function reset(): void {
    controller?.abort()
    controller = null
    generation++
    data.value = null
    error.value = null
    stale.value = false
    status.value = 'idle'
  }

  if (getCurrentScope()) onScopeDispose(() => controller?.abort())

  return { data, status, error, stale, load, reset }
}
