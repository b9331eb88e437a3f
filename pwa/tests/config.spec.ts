// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BACKEND_SCHEMA, pickSchema } from '../codegen'

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

describe('codegen schema choice', () => {
  it('prefers the backend export ../api/schema.graphql', () => {
    expect(BACKEND_SCHEMA.replaceAll('\\', '/')).toMatch(/\/api\/schema\.graphql$/)
    expect(pickSchema(() => true)).toBe(BACKEND_SCHEMA)
  })

  it('refuses to generate types without the backend export', () => {
    expect(() => pickSchema(() => false)).toThrow(/make schema/)
    expect(existsSync(BACKEND_SCHEMA)).toBe(true)
  })
})

describe('PWA manifest', () => {
  it('is installable: names, start_url, scope, display, colours and icons', async () => {
    const { manifest: options } = await import('../pwa-manifest')
    const manifest = options as {
      name: string
      short_name: string
      start_url: string
      scope: string
      display: string
      lang: string
      theme_color: string
      background_color: string
      icons: Array<{ src: string; sizes: string; purpose?: string }>
    }
    expect(manifest.name).toContain('闽政一点通')
    expect(manifest.short_name).toBeTruthy()
    expect(manifest.start_url).toBe('/')
    expect(manifest.scope).toBe('/')
    expect(manifest.display).toBe('standalone')
    expect(manifest.lang).toBe('zh-CN')
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i)
    const sizes = manifest.icons.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`)
    expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']))
  })

  it('ships real PNG icons of the declared sizes', () => {
    for (const [file, size] of [
      ['icon-192.png', 192],
      ['icon-512.png', 512],
      ['maskable-512.png', 512],
    ] as const) {
      const png = readFileSync(root(`public/icons/${file}`))
      expect(png.subarray(1, 4).toString('ascii'), file).toBe('PNG')
      expect(png.readUInt32BE(16), `${file} width`).toBe(size)
      expect(png.readUInt32BE(20), `${file} height`).toBe(size)
    }
  })
})

describe('schema features (what the exported schema offers the PWA)', () => {
  it('detects operations by field name, not by mentions in descriptions', async () => {
    const { schemaFeatures } = await import('../schema-features')
    const without = 'type Mutation {\n  """Later: beginPasskeyLogin."""\n  logout: DoneResult!\n}'
    expect(schemaFeatures(without).passkeyLogin).toBe(false)
    const withPasskeys = 'type Mutation {\n  beginPasskeyLogin: PasskeyOptionsResult!\n  finishPasskeyLogin(challengeId: ID!, credential: String!): AuthResult!\n}'
    expect(schemaFeatures(withPasskeys).passkeyLogin).toBe(true)
  })

  it('reads the backend export', async () => {
    const { readSchemaFeatures, schemaFeatures } = await import('../schema-features')
    expect(readSchemaFeatures()).toEqual(schemaFeatures(readFileSync(BACKEND_SCHEMA, 'utf8')))
  })
})
