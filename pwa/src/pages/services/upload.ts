/**
 * Uploading one material file into a case's slot:
 *
 *   1. local checks mirroring the server's (declared type accepted, size ≤ the slot's
 *      maximum, not empty, fewer files than the slot takes), with the server's words;
 *   2. `requestMaterialUpload` → a short-lived presigned URL, its method and headers;
 *   3. the bytes go straight to the object store with exactly those headers (no bearer
 *      token: the URL is the credential, and the store is another audience);
 *   4. `confirmMaterialUpload`: the app reads the stored object (magic bytes, real size)
 *      and keeps it, or deletes it and answers `MaterialRejectedError(reason)`.
 *
 * When the bytes cannot be stored (network, expired URL), the pending material is removed
 * at once, so the slot's file count is not held by a file that never arrived.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import type { CaseMaterialPartsFragment, CaseworkErrorPartsFragment } from '@/api/generated/graphql'
import {
  ConfirmMaterialUploadMutation,
  RemoveMaterialMutation,
  RequestMaterialUploadMutation,
} from '@/api/operations/services'
import { settle } from '@/auth/result'

export interface SlotLimits {
  key: string
  acceptedTypes: readonly string[]
  maxFiles: number
  maxBytes: number
}

/** A material problem, in the server's words (MaterialRejectedError.reason), plus `upload_failed`. */
export type MaterialReason =
  | 'wrong_type'
  | 'too_large'
  | 'too_many'
  | 'empty'
  | 'missing'
  | 'not_uploaded'
  | 'upload_failed'
  | (string & {})

export type CaseworkErrorView = CaseworkErrorPartsFragment

export type UploadResult =
  | { ok: true; material: CaseMaterialPartsFragment }
  | { ok: false; reason: MaterialReason }
  | { ok: false; error: CaseworkErrorView }

/** The request function of the auth store (`auth.request`), narrowed to what is used here. */
export type Requester = <TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options?: { stepUp?: boolean },
) => Promise<TResult>

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
}

/** The file's declared content type; from its name when the browser gives none. */
export function contentTypeOf(file: { type: string; name: string }): string {
  if (file.type) return file.type === 'image/jpg' || file.type === 'image/pjpeg' ? 'image/jpeg' : file.type
  const extension = file.name.split('.').pop()?.toLowerCase() ?? ''
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}

/** The first local reason to refuse `file` for `slot` holding `count` files, or null. */
export function checkFile(slot: SlotLimits, file: { type: string; name: string; size: number }, count: number): MaterialReason | null {
  if (count >= slot.maxFiles) return 'too_many'
  if (!slot.acceptedTypes.includes(contentTypeOf(file))) return 'wrong_type'
  if (file.size === 0) return 'empty'
  if (file.size > slot.maxBytes) return 'too_large'
  return null
}

/** The `accept` attribute of a slot's file input: its types and their usual extensions. */
export function acceptAttribute(types: readonly string[]): string {
  const extensions = Object.entries(BY_EXTENSION)
    .filter(([, type]) => types.includes(type))
    .map(([extension]) => `.${extension}`)
  return [...types, ...extensions].join(',')
}

/**
 * Make a photo fit the slot: a camera picture is often larger than a slot takes. Drawn
 * smaller as a JPEG until it fits, where the browser can (canvas); null otherwise, and the
 * caller reports `too_large` as it would have anyway.
 */
export async function shrinkPhoto(file: File, maxBytes: number): Promise<File | null> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function' || typeof document === 'undefined') return null
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return null
  }
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d')
  if (!context) return null
  for (const side of [2560, 1920, 1600, 1280]) {
    const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height))
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    for (const quality of [0.85, 0.7]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
      if (blob && blob.size > 0 && blob.size <= maxBytes) {
        const name = file.name.replace(/\.[^.]+$/, '') || 'photo'
        return new File([blob], `${name}.jpg`, { type: 'image/jpeg' })
      }
    }
  }
  return null
}

/** Upload `file` into `slot` of case `caseId`, which holds `count` files in that slot now. */
export async function uploadMaterial(
  request: Requester,
  caseId: string,
  slot: SlotLimits,
  file: File,
  count: number,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Promise<UploadResult> {
  const contentType = contentTypeOf(file)
  const local = checkFile(slot, file, count)
  if (local) return { ok: false, reason: local }

  const asked = await request(RequestMaterialUploadMutation, {
    caseId,
    slot: slot.key,
    fileName: file.name || 'upload',
    contentType,
    sizeBytes: file.size,
  })
  const ticket = settle(asked.requestMaterialUpload)
  if (!ticket.ok) {
    return ticket.error.__typename === 'MaterialRejectedError' ? { ok: false, reason: ticket.error.reason } : { ok: false, error: ticket.error }
  }

  const headers = new Headers()
  for (const header of ticket.data.headers) headers.set(header.name, header.value)
  let stored = false
  try {
    const response = await fetchImpl(ticket.data.uploadUrl, {
      method: ticket.data.method || 'PUT',
      headers,
      body: file,
      credentials: 'omit',
    })
    stored = response.ok
  } catch {
    stored = false
  }
  if (!stored) {
    try {
      await request(RemoveMaterialMutation, { materialId: ticket.data.materialId })
    } catch {
      // The stale-upload job removes it within the hour anyway.
    }
    return { ok: false, reason: 'upload_failed' }
  }

  const confirmed = settle((await request(ConfirmMaterialUploadMutation, { materialId: ticket.data.materialId })).confirmMaterialUpload)
  if (confirmed.ok) return { ok: true, material: confirmed.data }
  return confirmed.error.__typename === 'MaterialRejectedError' ? { ok: false, reason: confirmed.error.reason } : { ok: false, error: confirmed.error }
}
