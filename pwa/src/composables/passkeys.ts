/**
 * Passkeys (通行密钥) in the browser: WebAuthn's JSON shapes to and from the API.
 *
 * The API sends ceremony options as py_webauthn's `options_to_json` (the
 * `PublicKeyCredential{Creation,Request}OptionsJSON` shapes: binary fields in base64url)
 * and takes back the JSON of `PublicKeyCredential.toJSON()`. Browsers that lack
 * `parse*OptionsFromJSON` or `toJSON()` get the small codec here, so the same code runs on
 * every browser with WebAuthn.
 */

/** Why a passkey ceremony did not finish, in words the page can explain. */
export type PasskeyProblem =
  /** This browser has no WebAuthn. */
  | 'unsupported'
  /** The person cancelled, or the device timed out or refused (WebAuthn reports all three alike). */
  | 'cancelled'
  /** This device already holds one of my passkeys (registration only). */
  | 'already-registered'
  /** The page's origin does not match the relying party (a deployment problem). */
  | 'security'
  | 'failed'

export class PasskeyError extends Error {
  constructor(
    readonly problem: PasskeyProblem,
    override readonly cause?: unknown,
  ) {
    super(`passkey: ${problem}`)
    this.name = 'PasskeyError'
  }
}

/** The `verify.passkey.*` message for each problem. */
export const PASSKEY_PROBLEM_MESSAGES: Record<PasskeyProblem, string> = {
  unsupported: 'verify.passkey.unsupported',
  cancelled: 'verify.passkey.cancelled',
  'already-registered': 'verify.passkey.alreadyRegistered',
  security: 'verify.passkey.security',
  failed: 'verify.passkey.failed',
}

export function isPasskeyError(error: unknown): error is PasskeyError {
  return error instanceof PasskeyError
}

/** WebAuthn is available in this browser. */
export function passkeysSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.PublicKeyCredential === 'function' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.credentials?.get === 'function'
  )
}

// --- base64url ---------------------------------------------------------------------------

export function base64urlToBuffer(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  const binary = atob(padded)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes.buffer
}

export function bufferToBase64url(value: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

// --- Options (API → browser) -------------------------------------------------------------

interface DescriptorJSON {
  id: string
  type: string
  transports?: string[]
}

function descriptor(json: DescriptorJSON): PublicKeyCredentialDescriptor {
  return {
    id: base64urlToBuffer(json.id),
    type: json.type as PublicKeyCredentialType,
    ...(json.transports ? { transports: json.transports as AuthenticatorTransport[] } : {}),
  }
}

function parseJsonObject(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PasskeyError('failed')
  return value as Record<string, unknown>
}

/** `PublicKeyCredentialCreationOptionsJSON` → options for `navigator.credentials.create`. */
export function parseCreationOptions(json: string): PublicKeyCredentialCreationOptions {
  const o = parseJsonObject(json) as Record<string, unknown> & {
    user: { id: string; name: string; displayName: string }
    challenge: string
    excludeCredentials?: DescriptorJSON[]
  }
  const { user, challenge, excludeCredentials, ...rest } = o
  return {
    ...(rest as unknown as Omit<PublicKeyCredentialCreationOptions, 'user' | 'challenge'>),
    user: { ...user, id: base64urlToBuffer(user.id) },
    challenge: base64urlToBuffer(challenge),
    ...(excludeCredentials ? { excludeCredentials: excludeCredentials.map(descriptor) } : {}),
  }
}

/** `PublicKeyCredentialRequestOptionsJSON` → options for `navigator.credentials.get`. */
export function parseRequestOptions(json: string): PublicKeyCredentialRequestOptions {
  const o = parseJsonObject(json) as Record<string, unknown> & {
    challenge: string
    allowCredentials?: DescriptorJSON[]
  }
  const { challenge, allowCredentials, ...rest } = o
  return {
    ...(rest as Omit<PublicKeyCredentialRequestOptions, 'challenge'>),
    challenge: base64urlToBuffer(challenge),
    ...(allowCredentials ? { allowCredentials: allowCredentials.map(descriptor) } : {}),
  }
}

// --- Credential (browser → API) ----------------------------------------------------------

interface AttestationResponseLike {
  clientDataJSON: ArrayBuffer
  attestationObject: ArrayBuffer
  getTransports?: () => string[]
  getAuthenticatorData?: () => ArrayBuffer
  getPublicKey?: () => ArrayBuffer | null
  getPublicKeyAlgorithm?: () => number
}

interface AssertionResponseLike {
  clientDataJSON: ArrayBuffer
  authenticatorData: ArrayBuffer
  signature: ArrayBuffer
  userHandle: ArrayBuffer | null
}

export interface CredentialLike {
  id: string
  rawId: ArrayBuffer
  type: string
  authenticatorAttachment?: string | null
  response: AttestationResponseLike | AssertionResponseLike
  getClientExtensionResults?: () => unknown
  toJSON?: () => unknown
}

function isAttestation(response: CredentialLike['response']): response is AttestationResponseLike {
  return 'attestationObject' in response
}

/**
 * The credential as `PublicKeyCredential.toJSON()` gives it. Browsers without `toJSON`
 * (older Safari and Firefox) get the same shape built by hand.
 */
export function credentialToJSON(credential: CredentialLike): Record<string, unknown> {
  if (typeof credential.toJSON === 'function') return credential.toJSON() as Record<string, unknown>
  const r = credential.response
  let response: Record<string, unknown>
  if (isAttestation(r)) {
    response = {
      clientDataJSON: bufferToBase64url(r.clientDataJSON),
      attestationObject: bufferToBase64url(r.attestationObject),
      transports: r.getTransports?.() ?? [],
    }
    const authenticatorData = r.getAuthenticatorData?.()
    if (authenticatorData) response.authenticatorData = bufferToBase64url(authenticatorData)
    const publicKey = r.getPublicKey?.()
    if (publicKey) response.publicKey = bufferToBase64url(publicKey)
    const algorithm = r.getPublicKeyAlgorithm?.()
    if (typeof algorithm === 'number') response.publicKeyAlgorithm = algorithm
  } else {
    response = {
      clientDataJSON: bufferToBase64url(r.clientDataJSON),
      authenticatorData: bufferToBase64url(r.authenticatorData),
      signature: bufferToBase64url(r.signature),
      userHandle: r.userHandle ? bufferToBase64url(r.userHandle) : null,
    }
  }
  return {
    id: credential.id,
    rawId: bufferToBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? null,
    clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
    response,
  }
}

// --- Ceremonies --------------------------------------------------------------------------

/** A DOMException from WebAuthn → what the page tells the person. */
export function passkeyProblemOf(error: unknown): PasskeyProblem {
  if (error instanceof PasskeyError) return error.problem
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return 'cancelled'
    case 'InvalidStateError':
      return 'already-registered'
    case 'SecurityError':
      return 'security'
    case 'NotSupportedError':
      return 'unsupported'
    default:
      return 'failed'
  }
}

async function ceremony(run: () => Promise<Credential | null>): Promise<string> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported')
  let credential: Credential | null
  try {
    credential = await run()
  } catch (error) {
    throw new PasskeyError(passkeyProblemOf(error), error)
  }
  if (!credential) throw new PasskeyError('cancelled')
  return JSON.stringify(credentialToJSON(credential as unknown as CredentialLike))
}

/** Create a passkey from the API's registration options; the credential JSON for the API. */
export function createPasskey(optionsJson: string): Promise<string> {
  return ceremony(() => navigator.credentials.create({ publicKey: parseCreationOptions(optionsJson) }))
}

/** Sign with a passkey from the API's authentication options; the credential JSON for the API. */
export function getPasskey(optionsJson: string): Promise<string> {
  return ceremony(() => navigator.credentials.get({ publicKey: parseRequestOptions(optionsJson) }))
}
