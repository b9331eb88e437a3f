import { describe, expect, it, vi } from 'vitest'
import { jsonResponse } from '@/test/helpers'
import {
  GRAPHQL_ENDPOINT,
  GraphQLRequestError,
  isGraphQLRequestError,
  isNetworkError,
  NetworkError,
  request,
} from './client'
import { CitiesQuery, CityDepartmentsQuery } from './operations'

describe('request()', () => {
  it('POSTs the printed query and variables to /graphql and returns data', async () => {
    const data = { regions: { edges: [{ node: { code: '350100', name: '福州市', nameEn: 'Fuzhou City' } }] } }
    const fetchImpl = vi.fn<typeof fetch>(async () => jsonResponse({ data }))

    const result = await request(CitiesQuery, { first: 20 }, { fetchImpl })

    expect(result).toEqual(data)
    expect(result.regions.edges[0]?.node.nameEn).toBe('Fuzhou City')
    expect(fetchImpl).toHaveBeenCalledTimes(1)
    const [url, init] = fetchImpl.mock.calls[0]!
    expect(url).toBe(GRAPHQL_ENDPOINT)
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
    const body = JSON.parse(String(init?.body)) as { query: string; variables: unknown }
    expect(body.variables).toEqual({ first: 20 })
    expect(body.query).toContain('query Cities')
    expect(body.query).toContain('regions(level: CITY, first: $first)')
  })

  it('throws GraphQLRequestError carrying extensions.code', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () =>
      jsonResponse({
        data: null,
        errors: [{ message: 'Query is too deep', extensions: { code: 'QUERY_TOO_DEEP' } }],
      }),
    )

    const error = await request(CitiesQuery, { first: 20 }, { fetchImpl }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(GraphQLRequestError)
    expect(isGraphQLRequestError(error)).toBe(true)
    expect(isNetworkError(error)).toBe(false)
    const gqlError = error as GraphQLRequestError
    expect(gqlError.code).toBe('QUERY_TOO_DEEP')
    expect(gqlError.message).toBe('Query is too deep')
    expect(gqlError.errors).toHaveLength(1)
  })

  it('uses code UNKNOWN when the error has no extensions', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => jsonResponse({ errors: [{ message: 'boom' }] }))
    const error = await request(CitiesQuery, { first: 1 }, { fetchImpl }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphQLRequestError)
    expect((error as GraphQLRequestError).code).toBe('UNKNOWN')
  })

  it('treats GraphQL errors on a non-2xx response as GraphQL errors', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () =>
      jsonResponse({ errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }] }, 400),
    )
    const error = await request(CitiesQuery, { first: 1 }, { fetchImpl }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphQLRequestError)
    expect((error as GraphQLRequestError).status).toBe(400)
    expect((error as GraphQLRequestError).code).toBe('BAD_USER_INPUT')
  })

  it('reports a refused bearer token (HTTP 401) as UNAUTHENTICATED', async () => {
    const fetchImpl = vi.fn<typeof fetch>(
      async () =>
        new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED' } }), {
          status: 401,
          headers: { 'WWW-Authenticate': 'Bearer realm="onetap", error="invalid_token"' },
        }),
    )
    const error = await request(CitiesQuery, { first: 1 }, { fetchImpl }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphQLRequestError)
    expect((error as GraphQLRequestError).code).toBe('UNAUTHENTICATED')
    expect((error as GraphQLRequestError).status).toBe(401)
  })

  it('throws NetworkError when fetch itself fails', async () => {
    const cause = new TypeError('Failed to fetch')
    const fetchImpl = vi.fn<typeof fetch>(async () => {
      throw cause
    })

    const error = await request(CitiesQuery, { first: 20 }, { fetchImpl }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(NetworkError)
    expect(isNetworkError(error)).toBe(true)
    expect(isGraphQLRequestError(error)).toBe(false)
    expect((error as NetworkError).cause).toBe(cause)
  })

  it('throws NetworkError for a non-JSON body (e.g. a proxy error page)', async () => {
    const fetchImpl = vi.fn<typeof fetch>(
      async () => new Response('<html>502 Bad Gateway</html>', { status: 502 }),
    )
    const error = await request(CitiesQuery, { first: 20 }, { fetchImpl }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).status).toBe(502)
  })

  it('throws NetworkError for an HTTP error without GraphQL errors', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => jsonResponse({ detail: 'unavailable' }, 503))
    const error = await request(CitiesQuery, { first: 20 }, { fetchImpl }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).status).toBe(503)
  })

  it('uses the global fetch by default and passes variables through', async () => {
    const spy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(jsonResponse({ data: { region: null } }))
    const result = await request(CityDepartmentsQuery, { code: '359999', first: 50 })
    expect(result.region).toBeNull()
    const body = JSON.parse(String(spy.mock.calls[0]?.[1]?.body)) as { variables: unknown }
    expect(body.variables).toEqual({ code: '359999', first: 50 })
  })
})
