import { print } from 'graphql'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { describe, expect, it, vi } from 'vitest'
import { acceptAttribute, checkFile, contentTypeOf, uploadMaterial, type Requester } from './upload'
import { ITEM, PHOTO, UPLOAD_URL } from './testing'

const SLOT = ITEM.materials[0]!

const TICKET = {
  __typename: 'MaterialUploadTicket',
  materialId: 'm9',
  uploadUrl: UPLOAD_URL,
  method: 'PUT',
  headers: [
    { name: 'Content-Type', value: 'image/jpeg' },
    { name: 'x-amz-meta-case', value: 'c1' },
  ],
  expiresAt: '2026-11-22T03:05:00+00:00',
}

const rejected = (reason: string) => ({ __typename: 'MaterialRejectedError', code: 'MATERIAL_REJECTED', message: 'x', reason })

/** A fake `auth.request`, answering by operation name and recording the calls. */
function fakeRequest(answers: Record<string, (variables: Record<string, unknown>) => unknown>) {
  const calls: Array<{ operation: string; variables: Record<string, unknown> }> = []
  const request = (async (document: TypedDocumentNode<unknown, Record<string, unknown>>, variables: Record<string, unknown>) => {
    const operation = /mutation (\w+)/.exec(print(document))?.[1] ?? ''
    calls.push({ operation, variables })
    const answer = answers[operation]
    if (!answer) throw new Error(`unexpected ${operation}`)
    return answer(variables)
  }) as Requester
  return { request, calls, names: () => calls.map((c) => c.operation) }
}

function jpeg(size = 2048, name = 'photo.jpg', type = 'image/jpeg'): File {
  return new File([new Uint8Array(size).fill(0xff)], name, { type })
}

describe('checking a file before upload (as the server would)', () => {
  it('knows the type from the name when the browser gives none', () => {
    expect(contentTypeOf({ type: '', name: 'SCAN.PDF' })).toBe('application/pdf')
    expect(contentTypeOf({ type: 'image/jpg', name: 'a' })).toBe('image/jpeg')
    expect(contentTypeOf({ type: '', name: 'x' })).toBe('application/octet-stream')
  })

  it('refuses too many, the wrong type, empty and too large files, in that order', () => {
    expect(checkFile(SLOT, jpeg(), 1)).toBe('too_many')
    expect(checkFile(SLOT, { type: 'application/pdf', name: 'a.pdf', size: 10 }, 0)).toBe('wrong_type')
    expect(checkFile(SLOT, jpeg(0), 0)).toBe('empty')
    expect(checkFile(SLOT, jpeg(SLOT.maxBytes + 1), 0)).toBe('too_large')
    expect(checkFile(SLOT, jpeg(SLOT.maxBytes), 0)).toBeNull()
  })

  it('offers the slot types and their extensions to the file picker', () => {
    expect(acceptAttribute(['image/jpeg', 'application/pdf'])).toBe('image/jpeg,application/pdf,.jpg,.jpeg,.jfif,.pdf')
  })
})

describe('uploadMaterial', () => {
  it('asks for a URL, PUTs the bytes with exactly its headers (no token), then confirms', async () => {
    const api = fakeRequest({
      RequestMaterialUpload: () => ({ requestMaterialUpload: TICKET }),
      ConfirmMaterialUpload: () => ({ confirmMaterialUpload: { __typename: 'CaseMaterial', ...PHOTO, id: 'm9' } }),
    })
    const put = vi.fn(async () => new Response(null, { status: 200 }))
    const file = jpeg()
    const result = await uploadMaterial(api.request, 'c1', SLOT, file, 0, put)

    expect(result).toEqual({ ok: true, material: expect.objectContaining({ id: 'm9', status: 'accepted' }) })
    expect(api.calls[0]).toEqual({
      operation: 'RequestMaterialUpload',
      variables: { caseId: 'c1', slot: 'photo', fileName: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: 2048 },
    })
    expect(put).toHaveBeenCalledTimes(1)
    const [url, init] = put.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe(UPLOAD_URL)
    expect(init.method).toBe('PUT')
    expect(init.body).toBe(file)
    expect(init.credentials).toBe('omit')
    const headers = new Headers(init.headers)
    expect(headers.get('content-type')).toBe('image/jpeg')
    expect(headers.get('x-amz-meta-case')).toBe('c1')
    expect(headers.get('authorization')).toBeNull()
    expect(api.calls[1]).toEqual({ operation: 'ConfirmMaterialUpload', variables: { materialId: 'm9' } })
  })

  it('refuses locally without asking the server', async () => {
    const api = fakeRequest({})
    const put = vi.fn()
    expect(await uploadMaterial(api.request, 'c1', SLOT, jpeg(10, 'scan.pdf', 'application/pdf'), 0, put)).toEqual({ ok: false, reason: 'wrong_type' })
    expect(api.calls).toEqual([])
    expect(put).not.toHaveBeenCalled()
  })

  it("reports the app's refusal after reading the stored file (e.g. wrong magic bytes)", async () => {
    const api = fakeRequest({
      RequestMaterialUpload: () => ({ requestMaterialUpload: TICKET }),
      ConfirmMaterialUpload: () => ({ confirmMaterialUpload: rejected('wrong_type') }),
    })
    const result = await uploadMaterial(api.request, 'c1', SLOT, jpeg(), 0, async () => new Response(null, { status: 200 }))
    expect(result).toEqual({ ok: false, reason: 'wrong_type' })
  })

  it('reports a refusal of the request itself (e.g. too many files already)', async () => {
    const api = fakeRequest({ RequestMaterialUpload: () => ({ requestMaterialUpload: rejected('too_many') }) })
    const put = vi.fn()
    expect(await uploadMaterial(api.request, 'c1', SLOT, jpeg(), 0, put)).toEqual({ ok: false, reason: 'too_many' })
    expect(put).not.toHaveBeenCalled()
  })

  it('passes other typed errors on', async () => {
    const error = { __typename: 'CaseworkError', code: 'CONFLICT', message: 'x' }
    const api = fakeRequest({ RequestMaterialUpload: () => ({ requestMaterialUpload: error }) })
    expect(await uploadMaterial(api.request, 'c1', SLOT, jpeg(), 0, vi.fn())).toEqual({ ok: false, error })
  })

  it.each([
    ['the store refuses the PUT', async () => new Response('expired', { status: 403 })],
    ['the network fails', async () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('removes the pending material and asks for a retry when %s', async (_case, put) => {
    const api = fakeRequest({
      RequestMaterialUpload: () => ({ requestMaterialUpload: TICKET }),
      RemoveMaterial: () => ({ removeMaterial: { __typename: 'CaseworkError', code: 'NOT_FOUND', message: 'x' } }),
    })
    const result = await uploadMaterial(api.request, 'c1', SLOT, jpeg(), 0, put)
    expect(result).toEqual({ ok: false, reason: 'upload_failed' })
    expect(api.names()).toEqual(['RequestMaterialUpload', 'RemoveMaterial'])
    expect(api.calls[1]?.variables).toEqual({ materialId: 'm9' })
  })
})
