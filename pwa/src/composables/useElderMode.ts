import { readonly, ref, watch } from 'vue'
import { readString, STORAGE_KEYS, writeString } from './storage'

/** Class set on <html> while elder mode is on (styles in src/styles/main.css). */
export const ELDER_MODE_CLASS = 'elder-mode'

const enabled = ref(readString(STORAGE_KEYS.elderMode) === 'true')

function apply(on: boolean): void {
  if (typeof document !== 'undefined') {
    document.documentElement.classList.toggle(ELDER_MODE_CLASS, on)
  }
}

apply(enabled.value)
watch(
  enabled,
  (on) => {
    apply(on)
    writeString(STORAGE_KEYS.elderMode, on ? 'true' : 'false')
  },
  { flush: 'sync' },
)

/**
 * Elder mode (长辈模式): larger base font, single-column lists, bigger tap targets.
 * Shared app-wide state, persisted in localStorage and mirrored as a class on <html>.
 */
export function useElderMode() {
  function setElderMode(on: boolean): void {
    enabled.value = on
  }
  function toggleElderMode(): void {
    enabled.value = !enabled.value
  }
  return { elderMode: readonly(enabled), setElderMode, toggleElderMode }
}
