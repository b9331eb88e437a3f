import type { SchemaFeatures } from '../../schema-features'

/**
 * Backend operations present when the app was built. Mutable so tests can switch a
 * feature on; the app only reads it.
 */
export const features: SchemaFeatures = { ...__SCHEMA_FEATURES__ }

/** WebAuthn is available in this browser. */
export function browserSupportsPasskeys(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function'
}
