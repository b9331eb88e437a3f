import { beforeEach, describe, expect, it, vi } from 'vitest'
import { STORAGE_KEYS } from './storage'

async function freshElderMode() {
  vi.resetModules()
  return import('./useElderMode')
}

describe('useElderMode', () => {
  beforeEach(() => {
    localStorage.clear()
    document.documentElement.className = ''
  })

  it('is off by default and leaves <html> alone', async () => {
    const { useElderMode, ELDER_MODE_CLASS } = await freshElderMode()
    const { elderMode } = useElderMode()
    expect(elderMode.value).toBe(false)
    expect(document.documentElement.classList.contains(ELDER_MODE_CLASS)).toBe(false)
  })

  it('toggles the class on <html> and persists the choice', async () => {
    const { useElderMode, ELDER_MODE_CLASS } = await freshElderMode()
    const { elderMode, toggleElderMode, setElderMode } = useElderMode()

    toggleElderMode()
    expect(elderMode.value).toBe(true)
    expect(ELDER_MODE_CLASS).toBe('elder-mode')
    expect(document.documentElement.classList.contains('elder-mode')).toBe(true)
    expect(localStorage.getItem(STORAGE_KEYS.elderMode)).toBe('true')

    setElderMode(false)
    expect(document.documentElement.classList.contains('elder-mode')).toBe(false)
    expect(localStorage.getItem(STORAGE_KEYS.elderMode)).toBe('false')
  })

  it('restores elder mode (and the <html> class) on the next start', async () => {
    ;(await freshElderMode()).useElderMode().setElderMode(true)
    document.documentElement.className = ''

    const { useElderMode } = await freshElderMode()
    expect(useElderMode().elderMode.value).toBe(true)
    expect(document.documentElement.classList.contains('elder-mode')).toBe(true)
  })
})
