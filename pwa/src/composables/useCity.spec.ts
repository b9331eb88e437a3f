import { beforeEach, describe, expect, it, vi } from 'vitest'
import { STORAGE_KEYS } from './storage'

const fuzhou = { code: '350100', name: '福州市', nameEn: 'Fuzhou City' }
const xiamen = { code: '350200', name: '厦门市', nameEn: 'Xiamen City' }

async function freshUseCity() {
  vi.resetModules()
  const mod = await import('./useCity')
  return mod.useCity()
}

describe('useCity', () => {
  beforeEach(() => {
    localStorage.clear()
  })

  it('starts with no city when nothing is stored', async () => {
    const { city } = await freshUseCity()
    expect(city.value).toBeNull()
  })

  it('persists the chosen city to localStorage', async () => {
    const { city, chooseCity } = await freshUseCity()
    chooseCity(fuzhou)
    expect(city.value).toEqual(fuzhou)
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.city) ?? 'null')).toEqual(fuzhou)
  })

  it('restores the chosen city on the next start', async () => {
    const first = await freshUseCity()
    first.chooseCity(xiamen)

    const second = await freshUseCity()
    expect(second.city.value).toEqual(xiamen)
  })

  it('shares state between callers', async () => {
    vi.resetModules()
    const { useCity } = await import('./useCity')
    const a = useCity()
    const b = useCity()
    a.chooseCity(fuzhou)
    expect(b.city.value?.code).toBe('350100')
  })

  it('stores only the city fields', async () => {
    const { chooseCity } = await freshUseCity()
    chooseCity({ ...fuzhou, extra: 'x' } as typeof fuzhou)
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.city) ?? 'null')).toEqual(fuzhou)
  })

  it('clearCity removes the stored city', async () => {
    const { chooseCity, clearCity, city } = await freshUseCity()
    chooseCity(fuzhou)
    clearCity()
    expect(city.value).toBeNull()
    expect(localStorage.getItem(STORAGE_KEYS.city)).toBeNull()
  })

  it('ignores corrupt or invalid stored values', async () => {
    localStorage.setItem(STORAGE_KEYS.city, '{not json')
    expect((await freshUseCity()).city.value).toBeNull()
    localStorage.setItem(STORAGE_KEYS.city, JSON.stringify({ code: 350100 }))
    expect((await freshUseCity()).city.value).toBeNull()
  })
})
