/**
 * Test stand-in for `virtual:pwa-register/vue` (aliased in vitest.config.ts).
 * Tests flip `needRefresh` and inspect `updateServiceWorker`.
 */
import { ref } from 'vue'
import { vi } from 'vitest'
import type { RegisterSWOptions } from 'vite-plugin-pwa/types'

export const needRefresh = ref(false)
export const offlineReady = ref(false)
export const updateServiceWorker = vi.fn(async (_reloadPage?: boolean) => {})
export const registerCalls: Array<RegisterSWOptions | undefined> = []

export function useRegisterSW(options?: RegisterSWOptions) {
  registerCalls.push(options)
  return { needRefresh, offlineReady, updateServiceWorker }
}

export function resetPwaStub(): void {
  needRefresh.value = false
  offlineReady.value = false
  updateServiceWorker.mockClear()
  registerCalls.length = 0
}
