import { describe, expect, it, vi } from 'vitest'
import { GraphQLRequestError, NetworkError } from '@/api/client'
import { useCachedQuery } from './useCachedQuery'

const KEY = 'test:cache'
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')

function setup(fetcher: () => Promise<string[]>) {
  return useCachedQuery<string[]>({
    cacheKey: () => KEY,
    fetcher: vi.fn(fetcher),
    isValid: isStringList,
  })
}

describe('useCachedQuery', () => {
  it('loads data and caches it', async () => {
    const q = setup(async () => ['a', 'b'])
    await q.load()
    expect(q.status.value).toBe('success')
    expect(q.data.value).toEqual(['a', 'b'])
    expect(q.stale.value).toBe(false)
    expect(JSON.parse(localStorage.getItem(KEY) ?? 'null')).toEqual(['a', 'b'])
  })

  it('shows the cached copy while loading', async () => {
    localStorage.setItem(KEY, JSON.stringify(['cached']))
    let resolve!: (v: string[]) => void
    const q = setup(() => new Promise((r) => (resolve = r)))
    const pending = q.load()
    expect(q.status.value).toBe('loading')
    expect(q.data.value).toEqual(['cached'])
    resolve(['fresh'])
    await pending
    expect(q.data.value).toEqual(['fresh'])
  })

  it('falls back to the cached copy on a network failure and marks it stale', async () => {
    localStorage.setItem(KEY, JSON.stringify(['cached']))
    const q = setup(async () => {
      throw new NetworkError('offline')
    })
    await q.load()
    expect(q.status.value).toBe('success')
    expect(q.data.value).toEqual(['cached'])
    expect(q.stale.value).toBe(true)
    expect(q.error.value).toBeInstanceOf(NetworkError)
  })

  it('reports an error when the network fails and nothing is cached', async () => {
    const q = setup(async () => {
      throw new NetworkError('offline')
    })
    await q.load()
    expect(q.status.value).toBe('error')
    expect(q.data.value).toBeNull()
  })

  it('does not hide GraphQL errors behind the cache', async () => {
    localStorage.setItem(KEY, JSON.stringify(['cached']))
    const q = setup(async () => {
      throw new GraphQLRequestError([{ message: 'deep', extensions: { code: 'QUERY_TOO_DEEP' } }])
    })
    await q.load()
    expect(q.status.value).toBe('error')
    expect(q.stale.value).toBe(false)
    expect((q.error.value as GraphQLRequestError).code).toBe('QUERY_TOO_DEEP')
  })

  it('ignores an invalid cache entry', async () => {
    localStorage.setItem(KEY, JSON.stringify([1, 2]))
    const q = setup(async () => {
      throw new NetworkError('offline')
    })
    await q.load()
    expect(q.status.value).toBe('error')
  })

  it('keeps only the latest of overlapping loads', async () => {
    const resolvers: Array<(v: string[]) => void> = []
    const q = setup(() => new Promise((r) => resolvers.push(r)))
    const first = q.load()
    const second = q.load()
    resolvers[1]?.(['second'])
    resolvers[0]?.(['first'])
    await Promise.all([first, second])
    expect(q.data.value).toEqual(['second'])
  })
})
