import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CodegenConfig } from '@graphql-codegen/cli'

const here = dirname(fileURLToPath(import.meta.url))

/** The schema exported by the backend (preferred). */
export const BACKEND_SCHEMA = resolve(here, '../api/schema.graphql')
/** Temporary copy used until the backend export exists. */
export const FALLBACK_SCHEMA = resolve(here, 'schema.fallback.graphql')

export function pickSchema(exists: (path: string) => boolean = existsSync): string {
  return exists(BACKEND_SCHEMA) ? BACKEND_SCHEMA : FALLBACK_SCHEMA
}

const schema = pickSchema()
// Report which schema was used so a stale fallback is noticed in build logs.
if (!process.env.VITEST) console.log(`[codegen] schema: ${schema}`)

const config: CodegenConfig = {
  schema,
  documents: ['src/api/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/api/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { ID: 'string' },
        skipTypename: true,
      },
    },
  },
}

export default config
