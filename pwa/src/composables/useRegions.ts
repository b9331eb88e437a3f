import { type Ref, watch } from 'vue'
import { request } from '@/api/client'
import { CitiesQuery, CityDepartmentsQuery } from '@/api/operations'
import { STORAGE_KEYS } from './storage'
import { useCachedQuery } from './useCachedQuery'
import { type City, type Department, isCityList, isDepartmentList } from './types'

/** Fujian has 9 prefecture-level cities; 20 leaves room without paging. */
export const CITY_PAGE_SIZE = 20
export const DEPARTMENT_PAGE_SIZE = 50

export async function fetchCities(signal?: AbortSignal): Promise<City[]> {
  const data = await request(CitiesQuery, { first: CITY_PAGE_SIZE }, { signal })
  return data.regions.edges.map(({ node }) => ({
    code: node.code,
    name: node.name,
    nameEn: node.nameEn,
  }))
}

/** `null` when the backend knows no region with that code. */
export async function fetchDepartments(
  code: string,
  signal?: AbortSignal,
): Promise<Department[] | null> {
  const data = await request(
    CityDepartmentsQuery,
    { code, first: DEPARTMENT_PAGE_SIZE },
    { signal },
  )
  if (!data.region) return null
  return data.region.departments.edges.map(({ node }) => ({
    code: node.code,
    name: node.name,
    nameEn: node.nameEn,
    category: node.category,
  }))
}

/** City list; the last good list is kept in localStorage for offline use. */
export function useCities() {
  return useCachedQuery<City[]>({
    cacheKey: () => STORAGE_KEYS.cities,
    fetcher: (signal) => fetchCities(signal),
    isValid: isCityList,
    shouldCache: (cities) => cities.length > 0,
  })
}

function isDepartmentResult(value: unknown): value is Department[] | null {
  return value === null || isDepartmentList(value)
}

/** Departments of the given city, reloaded whenever the city changes. */
export function useDepartments(cityCode: Ref<string | null>) {
  const query = useCachedQuery<Department[] | null>({
    cacheKey: () => (cityCode.value ? STORAGE_KEYS.departments(cityCode.value) : null),
    fetcher: (signal) => {
      const code = cityCode.value
      if (!code) return Promise.resolve(null)
      return fetchDepartments(code, signal)
    },
    isValid: isDepartmentResult,
    shouldCache: (result) => result !== null,
  })
  watch(
    cityCode,
    (code) => {
      if (code) void query.load()
      else query.reset()
    },
    { immediate: true },
  )
  return query
}
