import { getCurrentScope, onScopeDispose, readonly, ref } from 'vue'

/** Reactive `navigator.onLine`, updated by the window's online/offline events. */
export function useOnline() {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  if (typeof window !== 'undefined') {
    const update = () => {
      online.value = navigator.onLine
    }
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    if (getCurrentScope()) {
      onScopeDispose(() => {
        window.removeEventListener('online', update)
        window.removeEventListener('offline', update)
      })
    }
  }
  return readonly(online)
}
