/**
 * Tiny GraphQL client: `fetch` + TypedDocumentNode. No cache, no Apollo.
 *
 * Failures are reported as one of two error classes so the UI can tell them apart:
 *  - `GraphQLRequestError`: the server answered with `errors` (or a non-2xx status
 *    carrying a GraphQL error body); `code` is `extensions.code` of the first error.
 *  - `NetworkError`: no usable answer at all (offline, DNS, CORS, aborted, non-JSON).
 *
 * An HTTP 401 (the bearer token was refused: `WWW-Authenticate: Bearer
 * error="invalid_token"`) is reported as a `GraphQLRequestError` with code
 * `UNAUTHENTICATED`, like the GraphQL-level refusal, so the UI handles both alike.
 * Attaching the token and refreshing it are the auth client's job (`src/auth/client.ts`),
 * which passes its own `fetchImpl`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'

export const GRAPHQL_ENDPOINT = '/graphql'

export interface GraphQLErrorPayload {
  message: string
  path?: ReadonlyArray<string | number>
  extensions?: Record<string, unknown> & { code?: string }
}

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError'
  /** `extensions.code` of the first error, e.g. `QUERY_TOO_DEEP`; `UNKNOWN` if absent. */
  readonly code: string
  readonly errors: readonly GraphQLErrorPayload[]
  readonly status: number

  constructor(errors: readonly GraphQLErrorPayload[], status = 200) {
    const first = errors[0]
    super(first?.message ?? 'GraphQL request failed')
    const code = first?.extensions?.code
    this.code = typeof code === 'string' && code.length > 0 ? code : 'UNKNOWN'
    this.errors = errors
    this.status = status
  }
}

export class NetworkError extends Error {
  override readonly name = 'NetworkError'
  readonly status: number | undefined

  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.status = options?.status
  }
}

export function isGraphQLRequestError(error: unknown): error is GraphQLRequestError {
  return error instanceof GraphQLRequestError
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError
}

export interface RequestOptions {
  endpoint?: string
  signal?: AbortSignal
  fetchImpl?: typeof fetch
  headers?: Record<string, string>
}

const printed = new WeakMap<object, string>()

function queryText(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document)
  if (text === undefined) {
    text = print(document)
    printed.set(document, text)
  }
  return text
}

function isErrorList(value: unknown): value is GraphQLErrorPayload[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { message?: unknown }).message === 'string',
    )
  )
}

export async function request<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TResult> {
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis)
  let response: Response
  try {
    response = await doFetch(options.endpoint ?? GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...options.headers,
      },
      body: JSON.stringify({
        query: queryText(document as TypedDocumentNode<unknown, never>),
        variables,
      }),
      signal: options.signal,
      credentials: 'same-origin',
    })
  } catch (cause) {
    throw new NetworkError('Network request failed', { cause })
  }

  if (response.status === 401) {
    throw new GraphQLRequestError(
      [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }],
      response.status,
    )
  }

  let body: unknown
  try {
    body = await response.json()
  } catch (cause) {
    throw new NetworkError(`Invalid response (HTTP ${response.status})`, {
      cause,
      status: response.status,
    })
  }

  const payload = (typeof body === 'object' && body !== null ? body : {}) as {
    data?: unknown
    errors?: unknown
  }
  if (isErrorList(payload.errors)) {
    throw new GraphQLRequestError(payload.errors, response.status)
  }
  if (!response.ok) {
    throw new NetworkError(`HTTP ${response.status}`, { status: response.status })
  }
  if (payload.data === undefined || payload.data === null) {
    throw new GraphQLRequestError([{ message: 'Response contained no data' }], response.status)
  }
  return payload.data as TResult
}
