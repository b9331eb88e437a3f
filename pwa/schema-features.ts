/**
 * Which backend operations the exported schema (`../api/schema.graphql`) has, decided when
 * the app is built, so a control whose operation does not exist yet (the passkey button)
 * stays hidden instead of failing. Vite and Vitest expose the result as
 * `__SCHEMA_FEATURES__` (see `src/auth/features.ts`).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface SchemaFeatures {
  /** `beginPasskeyLogin` / `finishPasskeyLogin`. */
  passkeyLogin: boolean
  /** `startFaceCheck` / `submitFaceCapture`. */
  faceCheck: boolean
  /** `createCounterTicket`. */
  counterTicket: boolean
  /** `myEnterprises`. */
  enterprises: boolean
}

const here = dirname(fileURLToPath(import.meta.url))
const SCHEMA = resolve(here, '../api/schema.graphql')

function hasField(sdl: string, name: string): boolean {
  return new RegExp(`^\\s*${name}\\s*[(:]`, 'm').test(sdl)
}

export function schemaFeatures(sdl: string): SchemaFeatures {
  return {
    passkeyLogin: hasField(sdl, 'beginPasskeyLogin') && hasField(sdl, 'finishPasskeyLogin'),
    faceCheck: hasField(sdl, 'startFaceCheck') && hasField(sdl, 'submitFaceCapture'),
    counterTicket: hasField(sdl, 'createCounterTicket'),
    enterprises: hasField(sdl, 'myEnterprises'),
  }
}

export function readSchemaFeatures(path: string = SCHEMA): SchemaFeatures {
  return schemaFeatures(existsSync(path) ? readFileSync(path, 'utf8') : '')
}
