import { readonly, ref, watch } from 'vue'
import { readJSON, STORAGE_KEYS, writeJSON } from './storage'
import { type City, isCity } from './types'

const selected = ref<City | null>(readJSON(STORAGE_KEYS.city, isCity))

watch(selected, (city) => writeJSON(STORAGE_KEYS.city, city), { flush: 'sync' })

/**
 * The user's chosen city (shared app-wide, persisted in localStorage so it is
 * restored on the next visit, also offline).
 */
export function useCity() {
  function chooseCity(city: City): void {
    selected.value = { code: city.code, name: city.name, nameEn: city.nameEn }
  }
  function clearCity(): void {
    selected.value = null
  }
  return { city: readonly(selected), chooseCity, clearCity }
}
