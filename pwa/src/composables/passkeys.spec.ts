import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  base64urlToBuffer,
  bufferToBase64url,
  createPasskey,
  credentialToJSON,
  getPasskey,
  isPasskeyError,
  parseCreationOptions,
  parseRequestOptions,
  passkeyProblemOf,
} from './passkeys'

const bytes = (...values: number[]) => new Uint8Array(values).buffer
const text = (value: string) => new TextEncoder().encode(value).buffer as ArrayBuffer

/** What py_webauthn's options_to_json sends for a registration. */
const CREATION = JSON.stringify({
  rp: { name: '闽政一点通', id: 'localhost' },
  user: { id: 'AQID', name: '138****1234', displayName: '陈明辉' },
  challenge: '3q2-7w',
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
  timeout: 120000,
  excludeCredentials: [{ id: '_-8', type: 'public-key', transports: ['internal'] }],
  authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  attestation: 'none',
})

const REQUEST = JSON.stringify({
  challenge: 'AAEC',
  timeout: 120000,
  rpId: 'localhost',
  allowCredentials: [],
  userVerification: 'required',
})

function enableWebAuthn(credentials: Partial<CredentialsContainer>) {
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {})
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true })
}

afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'credentials')
})

describe('base64url', () => {
  it('round-trips bytes without padding or + and /', () => {
    const raw = bytes(0xfb, 0xff, 0xfe, 0x00, 0x01)
    const encoded = bufferToBase64url(raw)
    expect(encoded).toBe('-__-AAE')
    expect(new Uint8Array(base64urlToBuffer(encoded))).toEqual(new Uint8Array(raw))
  })

  it('decodes unpadded input of every length', () => {
    expect(new Uint8Array(base64urlToBuffer('AQ'))).toEqual(new Uint8Array([1]))
    expect(new Uint8Array(base64urlToBuffer('AQI'))).toEqual(new Uint8Array([1, 2]))
    expect(new Uint8Array(base64urlToBuffer('AQID'))).toEqual(new Uint8Array([1, 2, 3]))
  })
})

describe('options from the API', () => {
  it('turns the creation options’ challenge, user id and excluded ids into bytes', () => {
    const options = parseCreationOptions(CREATION)
    expect(new Uint8Array(options.challenge as ArrayBuffer)).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]))
    expect(new Uint8Array(options.user.id as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]))
    expect(options.user.displayName).toBe('陈明辉')
    expect(options.rp.id).toBe('localhost')
    expect(options.authenticatorSelection?.residentKey).toBe('required')
    expect(options.authenticatorSelection?.userVerification).toBe('required')
    const excluded = options.excludeCredentials?.[0]
    expect(new Uint8Array(excluded?.id as ArrayBuffer)).toEqual(new Uint8Array([0xff, 0xef]))
    expect(excluded?.transports).toEqual(['internal'])
  })

  it('turns the request options’ challenge into bytes and keeps the rest', () => {
    const options = parseRequestOptions(REQUEST)
    expect(new Uint8Array(options.challenge as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 2]))
    expect(options.rpId).toBe('localhost')
    expect(options.userVerification).toBe('required')
    expect(options.allowCredentials).toEqual([])
  })
})

describe('credential to the API', () => {
  it('uses the browser’s own toJSON when there is one', () => {
    const json = { id: 'x', type: 'public-key', response: {} }
    const credential = { id: 'x', rawId: bytes(1), type: 'public-key', response: { clientDataJSON: bytes(), authenticatorData: bytes(), signature: bytes(), userHandle: null }, toJSON: () => json }
    expect(credentialToJSON(credential)).toBe(json)
  })

  it('builds a registration’s JSON by hand otherwise', () => {
    const json = credentialToJSON({
      id: 'AQI',
      rawId: bytes(1, 2),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      getClientExtensionResults: () => ({ credProps: { rk: true } }),
      response: {
        clientDataJSON: text('{}'),
        attestationObject: bytes(0xa0),
        getTransports: () => ['internal'],
        getPublicKeyAlgorithm: () => -7,
      },
    })
    expect(json).toEqual({
      id: 'AQI',
      rawId: 'AQI',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: { clientDataJSON: 'e30', attestationObject: 'oA', transports: ['internal'], publicKeyAlgorithm: -7 },
    })
  })

  it('builds an assertion’s JSON by hand otherwise', () => {
    const json = credentialToJSON({
      id: 'AQI',
      rawId: bytes(1, 2),
      type: 'public-key',
      response: { clientDataJSON: text('{}'), authenticatorData: bytes(5), signature: bytes(6), userHandle: bytes(7) },
    })
    expect(json.response).toEqual({ clientDataJSON: 'e30', authenticatorData: 'BQ', signature: 'Bg', userHandle: 'Bw' })
    expect(json.clientExtensionResults).toEqual({})
    expect(json.authenticatorAttachment).toBeNull()
  })
})

describe('ceremonies', () => {
  it('says "unsupported" without WebAuthn', async () => {
    const error = await getPasskey(REQUEST).catch((e: unknown) => e)
    expect(isPasskeyError(error) && error.problem).toBe('unsupported')
  })

  it('names a cancelled or refused ceremony', async () => {
    enableWebAuthn({ get: vi.fn().mockRejectedValue(new DOMException('no', 'NotAllowedError')) })
    const error = await getPasskey(REQUEST).catch((e: unknown) => e)
    expect(isPasskeyError(error) && error.problem).toBe('cancelled')
  })

  it('maps WebAuthn’s errors to what the page explains', () => {
    expect(passkeyProblemOf(new DOMException('', 'NotAllowedError'))).toBe('cancelled')
    expect(passkeyProblemOf(new DOMException('', 'AbortError'))).toBe('cancelled')
    expect(passkeyProblemOf(new DOMException('', 'InvalidStateError'))).toBe('already-registered')
    expect(passkeyProblemOf(new DOMException('', 'SecurityError'))).toBe('security')
    expect(passkeyProblemOf(new DOMException('', 'NotSupportedError'))).toBe('unsupported')
    expect(passkeyProblemOf(new Error('boom'))).toBe('failed')
  })

  it('creates a passkey with the parsed options and returns the credential JSON string', async () => {
    const create = vi.fn().mockResolvedValue({
      id: 'AQI',
      rawId: bytes(1, 2),
      type: 'public-key',
      response: { clientDataJSON: text('{}'), attestationObject: bytes(0xa0) },
    })
    enableWebAuthn({ create, get: vi.fn() })
    const credential = JSON.parse(await createPasskey(CREATION)) as { id: string; response: { attestationObject: string } }
    expect(credential.id).toBe('AQI')
    expect(credential.response.attestationObject).toBe('oA')
    const publicKey = (create.mock.calls[0]?.[0] as CredentialCreationOptions).publicKey
    expect(publicKey?.challenge).toBeInstanceOf(ArrayBuffer)
  })
})
