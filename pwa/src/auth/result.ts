/**
 * Mutation results are unions of one success type and typed errors implementing
 * `UserError` (`AuthSuccess | InvalidInputError | RateLimitedError | ...`). `settle`
 * splits such a result into `{ ok: true, data }` or `{ ok: false, error }`, typed from the
 * operation's generated result type, so a page switches on one boolean and then on the
 * error's `__typename`.
 *
 * The split relies on the backend's naming convention, checked against the exported
 * schema by `result.spec.ts`: every `UserError` type's name ends in `Error`, and no success
 * type's does. (Matching on a `code` field instead would misfire on a success type that
 * has one, such as a counter ticket's code.)
 */

export interface Typed {
  __typename: string
}

/** A union member that is an expected failure (`...Error`). */
export type ErrorMember<T extends Typed> = Extract<T, { __typename: `${string}Error` }>
/** The union's success member(s). */
export type SuccessMember<T extends Typed> = Exclude<T, { __typename: `${string}Error` }>

export type Settled<T extends Typed> =
  | { ok: true; data: SuccessMember<T>; error?: undefined }
  | { ok: false; data?: undefined; error: ErrorMember<T> }

/** What every typed error carries (the `UserErrorParts` fragment). */
export type UserErrorView =
  | { __typename: 'InvalidInputError'; code: string; message: string; field: string; reason: string }
  | { __typename: 'RateLimitedError'; code: string; message: string; retryAfterSeconds: number }
  | { __typename: 'VerificationFailedError'; code: string; message: string; failedChecks: string[] }
  | { __typename: 'ProviderUnavailableError'; code: string; message: string; provider: string; timedOut: boolean }
  | { __typename: 'IdentityError'; code: string; message: string }

export function isErrorMember<T extends Typed>(result: T): result is ErrorMember<T> {
  return result.__typename.endsWith('Error')
}

export function settle<T extends Typed>(result: T): Settled<T> {
  if (isErrorMember(result)) return { ok: false, error: result }
  return { ok: true, data: result as SuccessMember<T> }
}

/** An `InvalidInputError`'s field and reason, for showing the message beside the field. */
export function fieldError(error: { __typename: string } & Partial<{ field: string; reason: string }>):
  | { field: string; reason: string }
  | null {
  if (error.__typename !== 'InvalidInputError' || !error.field || !error.reason) return null
  return { field: error.field, reason: error.reason }
}
