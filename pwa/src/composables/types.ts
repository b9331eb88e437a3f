/** Plain data shapes the UI works with (decoupled from the GraphQL connection shapes). */
export interface City {
  code: string
  name: string
  nameEn: string
}

export interface Department {
  code: string
  name: string
  nameEn: string
  category: string
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function isCity(value: unknown): value is City {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    value.code.length > 0 &&
    typeof value.name === 'string' &&
    typeof value.nameEn === 'string'
  )
}

export function isCityList(value: unknown): value is City[] {
  return Array.isArray(value) && value.every(isCity)
}

export function isDepartment(value: unknown): value is Department {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.name === 'string' &&
    typeof value.nameEn === 'string' &&
    typeof value.category === 'string'
  )
}

export function isDepartmentList(value: unknown): value is Department[] {
  return Array.isArray(value) && value.every(isDepartment)
}
