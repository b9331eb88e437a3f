import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CodegenConfig } from '@graphql-codegen/cli'

const here = dirname(fileURLToPath(import.meta.url))

/** The schema exported by the backend (`make schema`); a backend test keeps it current. */
export const BACKEND_SCHEMA = resolve(here, '../api/schema.graphql')

export function pickSchema(exists: (path: string) => boolean = existsSync): string {
  if (!exists(BACKEND_SCHEMA)) {
    throw new Error(`GraphQL schema not found at ${BACKEND_SCHEMA}: run \`make schema\``)
  }
  return BACKEND_SCHEMA
}

const schema = pickSchema()

const config: CodegenConfig = {
  schema,
  documents: ['src/api/operations.ts', 'src/api/operations/*.ts'],
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
        // DateTime is an ISO 8601 string on the wire (Strawberry's isoformat); Date is
        // `YYYY-MM-DD`; JSON (an application's answers) is read by the page that knows its shape.
        scalars: { ID: 'string', DateTime: 'string', Date: 'string', JSON: 'unknown' },
        skipTypename: true,
      },
    },
  },
}

export default config
