import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The backend's exported schema (needs `// @vitest-environment node` in the spec). */
export function readBackendSchema(): string {
  return readFileSync(fileURLToPath(new URL('../../../api/schema.graphql', import.meta.url)), 'utf8')
}

/** Text of every description ("""…""" and "…" docstrings) in an SDL document. */
export function schemaDescriptions(sdl: string): string[] {
  return [...sdl.matchAll(/"""([\s\S]*?)"""|^\s*"([^"\n]*)"\s*$/gm)].map((m) => m[1] ?? m[2] ?? '')
}
