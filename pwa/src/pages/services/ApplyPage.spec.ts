import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { CaseDetailFragment } from '@/api/generated/graphql'
import { graphqlError, ME_BASIC, mountAt, TIER_GUIDE, ETHNIC_GROUPS } from '@/test/identity'
import { CASE_ID, caseOf, GOOD_ANSWERS, mockServicesApi, PHOTO, readyDraft, submitted, UPLOAD_URL, reached, fakeLive, withLive } from './testing'

const base = () => ({
  Me: () => ({ me: ME_BASIC }),
  TierGuide: () => ({ tierGuide: TIER_GUIDE }),
  EthnicGroups: () => ({ ethnicGroups: ETHNIC_GROUPS }),
})

const TICKET = {
  __typename: 'MaterialUploadTicket',
  materialId: 'm1',
  uploadUrl: UPLOAD_URL,
  method: 'PUT',
  headers: [{ name: 'Content-Type', value: 'image/jpeg' }],
  expiresAt: '2026-11-22T03:05:00+00:00',
}

async function chooseFile(wrapper: VueWrapper, testid: string, file: File) {
  const input = wrapper.get(`[data-testid="${testid}"]`)
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'me.jpg', { type: 'image/jpeg' })
const APPLY = `/cases/${CASE_ID}/apply`

// The first page of a file compiles its modules on the way (slow on a shared machine).
describe('ApplyPage', { timeout: 20_000 }, () => {
  it('renders the draft: every field, each material slot with camera and file inputs, delivery choices', async () => {
    mockServicesApi({ ...base(), Case: () => ({ case: caseOf({ answers: { reason: '已保存的事由' } }) }) })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="apply-title"]').text()).toBe('申请：居住证申领')
    expect((wrapper.get('[data-testid="apply-field-reason"]').element as HTMLTextAreaElement).value).toBe('已保存的事由')
    const camera = wrapper.get('[data-testid="apply-material-photo-camera"]')
    expect(camera.attributes('accept')).toBe('image/*')
    expect(camera.attributes('capture')).toBe('environment')
    expect(wrapper.get('[data-testid="apply-material-photo"]').attributes('accept')).toContain('image/png')
    // A PDF-only slot has no camera, and takes several files.
    expect(wrapper.find('[data-testid="apply-material-lease-camera"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="apply-material-lease"]').attributes('multiple')).toBeDefined()
    expect(wrapper.get('[data-testid="apply-material-status-photo"]').attributes('data-state')).toBe('empty')
    expect(wrapper.find('[data-testid="apply-delivery-hall"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="apply-delivery-courier"]').exists()).toBe(true)
  })

  it('checks everything before the review, without sending, and focuses the first problem', async () => {
    const api = mockServicesApi({ ...base(), Case: () => ({ case: caseOf() }) })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="apply-review"]').trigger('submit')
    await flushPromises()
    expect(api.of('SaveApplicationForm')).toHaveLength(0)
    expect(wrapper.get('[data-testid="apply-field-reason-error"]').text()).toBe('请填写申请事由。')
    expect(wrapper.get('[data-testid="apply-field-kind-error"]').text()).toBe('请选择申领类型。')
    expect(wrapper.get('[data-testid="apply-field-agree-error"]').text()).toBe('请确认：本人承诺所填信息真实。')
    expect(wrapper.get('[data-testid="apply-material-status-photo"]').text()).toBe('请上传“近期免冠照片”。')
    expect(wrapper.get('[data-testid="apply-delivery-error"]').text()).toBe('请选择结果领取方式。')
    expect(wrapper.get('[data-testid="apply-alert"]').text()).toContain('还有 7 处需要修改')
    expect(document.activeElement?.id).toBe('apply-field-reason')
  })

  it('checks a field as it is left, and again as it is corrected', async () => {
    mockServicesApi({ ...base(), Case: () => ({ case: caseOf() }) })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    const phone = wrapper.get('[data-testid="apply-field-phone"]')
    await phone.setValue('1380013')
    await phone.trigger('blur')
    expect(wrapper.get('[data-testid="apply-field-phone-error"]').text()).toBe('请输入 11 位中国大陆手机号。')
    await phone.setValue('13800138000')
    expect(wrapper.find('[data-testid="apply-field-phone-error"]').exists()).toBe(false)
    const id = wrapper.get('[data-testid="apply-field-id_number"]')
    await id.setValue('110105194912310021')
    await id.trigger('blur')
    expect(wrapper.get('[data-testid="apply-field-id_number-error"]').text()).toContain('校验位')
  })

  it('fills, uploads a photo, saves, reviews and submits: then shows the case number', async () => {
    let current: CaseDetailFragment = caseOf()
    const api = mockServicesApi({
      ...base(),
      Case: () => ({ case: current }),
      RequestMaterialUpload: () => ({ requestMaterialUpload: TICKET }),
      ConfirmMaterialUpload: () => ({ confirmMaterialUpload: { __typename: 'CaseMaterial', ...PHOTO, fileName: 'me.jpg' } }),
      SaveApplicationForm: (v) => {
        current = { ...current, answers: v.answers, deliveryMethod: v.deliveryMethod as 'HALL', materials: [{ ...PHOTO, fileName: 'me.jpg' }] }
        return { saveApplicationForm: { __typename: 'Case', ...current } }
      },
      SubmitApplication: () => {
        current = submitted()
        return { submitApplication: { __typename: 'Case', id: CASE_ID, number: current.number, status: 'SUBMITTED' } }
      },
    })
    const { wrapper, router } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="apply-field-reason"]').setValue('工作调动到福州')
    await wrapper.get('[data-testid="apply-field-copies"]').setValue('1')
    await wrapper.get('[data-testid="apply-field-kind"]').setValue('first')
    await wrapper.get('[data-testid="apply-field-phone"]').setValue('13800138000')
    await wrapper.get('[data-testid="apply-field-agree"]').setValue(true)

    await chooseFile(wrapper, 'apply-material-photo-camera', photo())
    expect(api.of('RequestMaterialUpload')[0]?.variables).toEqual({
      caseId: CASE_ID,
      slot: 'photo',
      fileName: 'me.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 4,
    })
    expect(api.uploads).toHaveLength(1)
    expect(api.uploads[0]?.url).toBe(UPLOAD_URL)
    expect(api.uploads[0]?.method).toBe('PUT')
    expect(api.uploads[0]?.headers.get('authorization')).toBeNull()
    expect(api.of('ConfirmMaterialUpload')[0]?.variables).toEqual({ materialId: 'm1' })
    const status = wrapper.get('[data-testid="apply-material-status-photo"]')
    expect(status.attributes('data-state')).toBe('done')
    expect(status.text()).toBe('已上传 1/1')
    // The slot is full: no more inputs for it.
    expect(wrapper.find('[data-testid="apply-material-photo"]').exists()).toBe(false)

    await wrapper.get('[data-testid="apply-delivery-hall"]').setValue(true)
    await wrapper.get('[data-testid="apply-review"]').trigger('submit')
    await flushPromises()
    expect(api.of('SaveApplicationForm')[0]?.variables).toEqual({
      caseId: CASE_ID,
      answers: GOOD_ANSWERS,
      deliveryMethod: 'HALL',
      deliveryAddress: null,
    })
    expect(router.currentRoute.value.query.step).toBe('review')
    const summary = wrapper.get('[data-testid="apply-review-summary"]')
    expect(summary.get('[data-testid="apply-review-kind"]').text()).toContain('首次申领')
    expect(summary.get('[data-testid="apply-review-agree"]').text()).toContain('是')
    expect(summary.text()).toContain('免费')

    await wrapper.get('[data-testid="apply-submit"]').trigger('click')
    await reached(router, 'case-submitted')
    expect(api.of('SubmitApplication')[0]?.variables).toEqual({ caseId: CASE_ID, stepUpId: null })
    expect(wrapper.get('[data-testid="apply-case-number"]').text()).toBe('350100-20261122-000123-7')
    expect(wrapper.text()).toContain('350100 · 20261122 · 000123 · 7')
  })

  it('asks for the courier address and sends it', async () => {
    const api = mockServicesApi({
      ...base(),
      Case: () => ({ case: readyDraft({ deliveryMethod: null }) }),
      SaveApplicationForm: (v) => ({ saveApplicationForm: { __typename: 'Case', ...readyDraft({ deliveryMethod: 'COURIER', deliveryAddress: String(v.deliveryAddress) }) } }),
    })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="apply-delivery-courier"]').setValue(true)
    await wrapper.get('[data-testid="apply-review"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="apply-delivery-address-error"]').text()).toBe('选择快递送达时，请填写收件地址。')
    expect(api.of('SaveApplicationForm')).toHaveLength(0)
    await wrapper.get('[data-testid="apply-delivery-address"]').setValue('福州市鼓楼区五四路 1 号')
    await wrapper.get('[data-testid="apply-review"]').trigger('submit')
    await flushPromises()
    expect(api.of('SaveApplicationForm')[0]?.variables).toMatchObject({ deliveryMethod: 'COURIER', deliveryAddress: '福州市鼓楼区五四路 1 号' })
  })

  it('shows a refused upload in words and lets the person try again', async () => {
    let confirms = 0
    mockServicesApi({
      ...base(),
      Case: () => ({ case: caseOf() }),
      RequestMaterialUpload: () => ({ requestMaterialUpload: TICKET }),
      ConfirmMaterialUpload: () => {
        confirms += 1
        return confirms === 1
          ? { confirmMaterialUpload: { __typename: 'MaterialRejectedError', code: 'MATERIAL_REJECTED', message: 'x', reason: 'wrong_type' } }
          : { confirmMaterialUpload: { __typename: 'CaseMaterial', ...PHOTO } }
      },
    })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, locale: 'en', setup: withLive(fakeLive()) })
    await chooseFile(wrapper, 'apply-material-photo', photo())
    const status = wrapper.get('[data-testid="apply-material-status-photo"]')
    expect(status.attributes('data-state')).toBe('error')
    expect(status.text()).toBe('This kind of file is not accepted. Upload a JPG / PNG file.')
    expect(wrapper.text()).toContain('Upload again')
    await chooseFile(wrapper, 'apply-material-photo', photo())
    expect(wrapper.get('[data-testid="apply-material-status-photo"]').attributes('data-state')).toBe('done')
  })

  it('refuses an oversized file at once, before asking for an upload', async () => {
    const api = mockServicesApi({ ...base(), Case: () => ({ case: caseOf() }) })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    await chooseFile(wrapper, 'apply-material-photo', new File([new Uint8Array(1024 * 1024 + 1)], 'big.png', { type: 'image/png' }))
    expect(wrapper.get('[data-testid="apply-material-status-photo"]').text()).toBe('文件太大（超过 1 MB），请压缩后重新上传。')
    expect(api.of('RequestMaterialUpload')).toHaveLength(0)
  })

  it('removes an uploaded file', async () => {
    const api = mockServicesApi({
      ...base(),
      Case: () => ({ case: readyDraft() }),
      RemoveMaterial: () => ({ removeMaterial: { __typename: 'Case', ...readyDraft({ materials: [] }) } }),
    })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="apply-material-remove"]').trigger('click')
    await flushPromises()
    expect(api.of('RemoveMaterial')[0]?.variables).toEqual({ materialId: 'm1' })
    expect(wrapper.get('[data-testid="apply-material-status-photo"]').attributes('data-state')).toBe('empty')
  })

  it('puts the problems the server lists back on their fields and slots', async () => {
    mockServicesApi({
      ...base(),
      Case: () => ({ case: readyDraft() }),
      SubmitApplication: () => ({
        submitApplication: {
          __typename: 'FormInvalidError',
          code: 'FORM_INVALID',
          message: 'x',
          problems: [
            { field: 'phone', reason: 'pattern', message: 'x' },
            { field: 'photo', reason: 'material_missing', message: 'x' },
          ],
        },
      }),
    })
    const { wrapper, router } = await mountAt(`${APPLY}?step=review`, { signedInAs: true, setup: withLive(fakeLive()) })
    await wrapper.get('[data-testid="apply-submit"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.step).toBeUndefined()
    expect(wrapper.get('[data-testid="apply-field-phone-error"]').text()).toBe('请输入 11 位中国大陆手机号。')
    expect(wrapper.get('[data-testid="apply-material-status-photo"]').text()).toBe('请上传“近期免冠照片”。')
    expect(wrapper.get('[data-testid="apply-alert"]').text()).toContain('还有 2 处需要修改')
  })

  it('sends a person below intermediate to raise the level, and back to the review', async () => {
    const item = { ...readyDraft().item, personTier: 'intermediate' }
    mockServicesApi({
      ...base(),
      Case: () => ({ case: readyDraft({ item }) }),
      SubmitApplication: () => graphqlError('INSUFFICIENT_USER_AUTHENTICATION', { requiredTier: 'intermediate', acrValues: 'urn:onetap:acr:intermediate' }),
    })
    const { wrapper, router } = await mountAt(`${APPLY}?step=review`, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="apply-tier-note"]').text()).toContain('中级实名')
    await wrapper.get('[data-testid="apply-submit"]').trigger('click')
    await reached(router, 'raise-tier')
    expect(router.currentRoute.value.query.redirect).toBe(`${APPLY}?step=review`)
  })

  it('asks for a face check bound to casework.submit and this case, then submits with it once', async () => {
    const STEP_UP = { requiredTier: 'advanced', acrValues: 'urn:onetap:acr:advanced', maxAge: 120, action: 'casework.submit' }
    const item = { ...readyDraft().item, personTier: 'advanced' }
    const api = mockServicesApi({
      ...base(),
      Case: () => ({ case: readyDraft({ item }) }),
      SubmitApplication: (v) =>
        v.stepUpId === 'F1'
          ? { submitApplication: { __typename: 'Case', id: CASE_ID, number: '350100-20261122-000123-7', status: 'SUBMITTED' } }
          : graphqlError('INSUFFICIENT_USER_AUTHENTICATION', STEP_UP),
    })
    const first = await mountAt(`${APPLY}?step=review`, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(first.wrapper.get('[data-testid="apply-tier-note"]').text()).toContain('刷脸')
    await first.wrapper.get('[data-testid="apply-submit"]').trigger('click')
    await reached(first.router, 'face-check')
    expect(first.router.currentRoute.value.query).toEqual({
      action: 'casework.submit',
      arguments: JSON.stringify({ case: CASE_ID }),
      maxAge: '120',
      redirect: `${APPLY}?step=review`,
    })

    // The face check returns here with the passed check's id.
    const back = await mountAt(`${APPLY}?step=review&stepUpId=F1&stepUpAction=casework.submit`, { signedInAs: true, setup: withLive(fakeLive()) })
    await reached(back.router, 'case-submitted')
    expect(api.of('SubmitApplication').map((c) => c.variables.stepUpId)).toEqual([null, 'F1'])
  })

  it('does not loop through the face check when a handed-back check cannot be spent', async () => {
    mockServicesApi({
      ...base(),
      Case: () => ({ case: readyDraft() }),
      SubmitApplication: () => graphqlError('INSUFFICIENT_USER_AUTHENTICATION', { requiredTier: 'advanced', action: 'casework.submit', reason: 'used' }),
    })
    const { wrapper, router } = await mountAt(`${APPLY}?step=review&stepUpId=F1&stepUpAction=casework.submit`, { signedInAs: true, setup: withLive(fakeLive()) })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('case-apply')
    expect(wrapper.get('[data-testid="apply-alert"]').text()).toContain('刷脸确认已失效')
  })

  it('shows why a correction is asked for, and submits the correction with resubmitApplication', async () => {
    const api = mockServicesApi({
      ...base(),
      Case: () => ({ case: submitted('CORRECTION_REQUESTED', { lastReason: '照片不清晰', availableActions: ['RESUBMIT', 'WITHDRAW'] }) }),
      ResubmitApplication: () => ({ resubmitApplication: { __typename: 'Case', id: CASE_ID, number: '350100-20261122-000123-7', status: 'SUBMITTED' } }),
    })
    const { wrapper, router } = await mountAt(`${APPLY}?step=review`, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.get('[data-testid="apply-title"]').text()).toBe('补正：居住证申领')
    expect(wrapper.get('[data-testid="apply-correction-reason"]').text()).toBe('工作人员要求补正：照片不清晰')
    expect(wrapper.get('[data-testid="apply-submit"]').text()).toBe('重新提交')
    await wrapper.get('[data-testid="apply-submit"]').trigger('click')
    await reached(router, 'case-submitted')
    expect(api.of('ResubmitApplication')[0]?.variables).toEqual({ caseId: CASE_ID })
    expect(api.of('SubmitApplication')).toHaveLength(0)
    expect(router.currentRoute.value.query.resubmitted).toBe('1')
  })

  it('does not offer to edit a submitted case', async () => {
    mockServicesApi({ ...base(), Case: () => ({ case: submitted() }) })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.find('[data-testid="apply-not-editable"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="apply-review"]').exists()).toBe(false)
  })

  it('says so when the case is not there (or not mine)', async () => {
    mockServicesApi({ ...base(), Case: () => ({ case: null }) })
    const { wrapper } = await mountAt(APPLY, { signedInAs: true, setup: withLive(fakeLive()) })
    expect(wrapper.text()).toContain('没有找到这份申请')
  })
})
