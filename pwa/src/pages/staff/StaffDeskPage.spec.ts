import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { arrivedAt, fill, ME_BASIC, mockApi, mountAt } from '@/test/identity'
import { STAFF_MEMBER, staffMe } from '@/pages/enterprise/testing'

const PERSON_TICKET = {
  __typename: 'CounterTicketInfo',
  subjectKind: 'person',
  name: '郑雅婷',
  maskedIdNumber: '350104**********60',
  sex: 'F',
  enterpriseName: null,
  creditCode: null,
  expiresAt: '2026-11-22T08:10:00+00:00',
}
const ENTERPRISE_TICKET = {
  ...PERSON_TICKET,
  subjectKind: 'enterprise',
  name: '陈明辉',
  maskedIdNumber: '350102**********99',
  sex: 'M',
  enterpriseName: '福州闽江数字科技有限公司',
  creditCode: '91350102MA2XK8N32U',
}
const lookupError = (code: string) => ({ counterTicket: { __typename: 'IdentityError', code, message: 'x' } })

// The first mount transforms the app's modules (Vant, the desk's entry): do it once, up front.
beforeAll(async () => {
  await Promise.all([import('@/router'), import('./StaffDeskPage.vue'), import('./StaffLoginPage.vue')])
}, 60_000)

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
})

describe('StaffDeskPage', () => {
  it('points a signed-out visitor to the staff sign-in', async () => {
    mockApi({})
    const { wrapper, router } = await mountAt('/staff')
    expect(wrapper.get('[data-testid="staff-desk-signed-out"]').text()).toContain('请先以工作人员身份登录')
    await wrapper.get('[data-testid="staff-desk-login"]').trigger('click')
    await arrivedAt(router, 'staff-login')
    expect(router.currentRoute.value.query.redirect).toBe('/staff')
  })

  it('is for staff only', async () => {
    mockApi({ Me: () => ({ me: ME_BASIC }) })
    const { wrapper } = await mountAt('/staff', { signedInAs: true })
    expect(wrapper.get('[data-testid="staff-desk-signed-out"]').text()).toContain('当前登录的是居民账号')
    expect(wrapper.find('[data-testid="staff-counter"]').exists()).toBe(false)
  })

  it('has nothing for roles without tasks here', async () => {
    mockApi({ Me: () => ({ me: staffMe([]) }) })
    const { wrapper } = await mountAt('/staff', { signedInAs: true })
    expect(wrapper.find('[data-testid="staff-desk-no-tasks"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="desk-entry"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="staff-counter"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="staff-admin"]').exists()).toBe(false)
  })

  it('links an approver to the case queues and the department licenses', async () => {
    mockApi({ Me: () => ({ me: staffMe(['approver']) }) })
    const { wrapper } = await mountAt('/staff', { signedInAs: true })
    expect(wrapper.get('[data-testid="staff-desk-roles"]').text()).toBe('审批人员')
    expect(wrapper.find('[data-testid="staff-desk-no-tasks"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid^="desk-entry-"]').map((l) => l.attributes('data-testid'))).toEqual(['desk-entry-queues', 'desk-entry-licenses'])
    expect(wrapper.find('[data-testid="staff-counter"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="staff-admin"]').exists()).toBe(false)
  })

  describe('counter verification (window clerk)', () => {
    it('shows who the ticket is for and confirms once the ID card is checked', async () => {
      const api = mockApi({
        Me: () => ({ me: staffMe(['window_clerk']) }),
        CounterTicket: () => ({ counterTicket: PERSON_TICKET }),
        ConfirmCounterVerification: () => ({
          confirmCounterVerification: { __typename: 'CounterVerified', subjectKind: 'person', tier: 'INTERMEDIATE' },
        }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      expect(wrapper.find('[data-testid="staff-admin"]').exists()).toBe(false)
      await wrapper.get('[data-testid="clerk-lookup-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.get('[data-testid="clerk-ticket-input-error"]').text()).toBe('请输入核验码。')

      await fill(wrapper, 'clerk-ticket-input', '  tkt-abc  ')
      await wrapper.get('[data-testid="clerk-ticket-lookup"]').trigger('submit')
      await flushPromises()
      expect(api.of('CounterTicket')[0]?.variables).toEqual({ ticket: 'tkt-abc' })
      const info = wrapper.get('[data-testid="clerk-ticket-info"]')
      expect(info.get('[data-testid="clerk-ticket-name"]').text()).toBe('郑雅婷')
      expect(info.get('[data-testid="clerk-ticket-id-number"]').text()).toBe('350104**********60')
      expect(info.get('[data-testid="clerk-ticket-sex"]').text()).toBe('女')
      expect(info.find('[data-testid="clerk-ticket-enterprise"]').exists()).toBe(false)
      expect(info.text()).toContain('我已当面核对本人身份证原件')

      const confirm = wrapper.get('[data-testid="clerk-confirm"]')
      expect(confirm.attributes('disabled')).toBeDefined()
      await wrapper.get('[data-testid="clerk-id-checked"]').setValue(true)
      expect(confirm.attributes('disabled')).toBeUndefined()
      await confirm.trigger('click')
      await flushPromises()
      expect(api.of('ConfirmCounterVerification')[0]?.variables).toEqual({ ticket: 'tkt-abc', idCardChecked: true })
      expect(wrapper.get('[data-testid="clerk-done"]').text()).toBe('核验完成：郑雅婷已升为中级实名。')

      await wrapper.get('[data-testid="clerk-next"]').trigger('click')
      await flushPromises()
      expect(wrapper.get<HTMLInputElement>('[data-testid="clerk-ticket-input"]').element.value).toBe('')
      expect(document.activeElement?.id).toBe('clerk-ticket')
    })

    it('shows an enterprise ticket with the enterprise and its legal representative', async () => {
      const api = mockApi({
        Me: () => ({ me: staffMe(['window_clerk']) }),
        CounterTicket: () => ({ counterTicket: ENTERPRISE_TICKET }),
        ConfirmCounterVerification: () => ({
          confirmCounterVerification: { __typename: 'CounterVerified', subjectKind: 'enterprise', tier: 'INTERMEDIATE' },
        }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true, locale: 'en' })
      // A scanner may paste the link the QR code carries.
      await fill(wrapper, 'clerk-ticket-input', 'https://onetap.example/counter?ticket=tkt%2D9&x=1')
      await wrapper.get('[data-testid="clerk-lookup-form"]').trigger('submit')
      await flushPromises()
      expect(api.of('CounterTicket')[0]?.variables).toEqual({ ticket: 'tkt-9' })
      expect(wrapper.get('[data-testid="clerk-ticket-enterprise"]').text()).toBe('福州闽江数字科技有限公司')
      expect(wrapper.get('[data-testid="clerk-ticket-credit-code"]').text()).toBe('91350102MA2XK8N32U')
      expect(wrapper.get('[data-testid="clerk-ticket-sex"]').text()).toBe('Male')
      expect(wrapper.get('[data-testid="clerk-ticket-info"]').text()).toContain('business licence')
      await wrapper.get('[data-testid="clerk-id-checked"]').setValue(true)
      await wrapper.get('[data-testid="clerk-confirm"]').trigger('click')
      await flushPromises()
      expect(wrapper.get('[data-testid="clerk-done"]').text()).toBe('Verified: 福州闽江数字科技有限公司 is now Intermediate.')
    })

    it.each([
      ['NOT_FOUND', '没有找到这个核验码'],
      ['CODE_INVALID', '核验码已过期或已使用'],
    ])('explains a ticket that cannot be used (%s)', async (code, words) => {
      mockApi({ Me: () => ({ me: staffMe(['window_clerk']) }), CounterTicket: () => lookupError(code) })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      await fill(wrapper, 'clerk-ticket-input', 'tkt-old')
      await wrapper.get('[data-testid="clerk-lookup-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.get('[data-testid="clerk-ticket-input-error"]').text()).toContain(words)
      expect(wrapper.find('[data-testid="clerk-ticket-info"]').exists()).toBe(false)
    })

    it('explains a ticket used up before the confirmation', async () => {
      mockApi({
        Me: () => ({ me: staffMe(['window_clerk']) }),
        CounterTicket: () => ({ counterTicket: PERSON_TICKET }),
        ConfirmCounterVerification: () => ({ confirmCounterVerification: { __typename: 'IdentityError', code: 'CODE_INVALID', message: 'x' } }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      await fill(wrapper, 'clerk-ticket-input', 'tkt-abc')
      await wrapper.get('[data-testid="clerk-lookup-form"]').trigger('submit')
      await flushPromises()
      await wrapper.get('[data-testid="clerk-id-checked"]').setValue(true)
      await wrapper.get('[data-testid="clerk-confirm"]').trigger('click')
      await flushPromises()
      expect(wrapper.get('[data-testid="clerk-confirm-error"]').text()).toContain('请让办事人重新生成')
      expect(wrapper.find('[data-testid="clerk-done"]').exists()).toBe(false)
    })
  })

  describe('staff accounts (admins)', () => {
    it('lists staff and creates one, showing the enrolment code once with a copy button', async () => {
      const writeText = vi.fn().mockResolvedValue(undefined)
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
      const created = { ...STAFF_MEMBER, id: 's3', username: 'clerk.new', name: '王新', roles: ['WINDOW_CLERK'], passkeyCount: 0, enrolmentExpiresAt: '2026-11-25T08:00:00+00:00' }
      const api = mockApi({
        Me: () => ({ me: staffMe(['platform_admin'], null) }),
        StaffMembers: () => ({ staffMembers: [STAFF_MEMBER] }),
        CreateStaffMember: () => ({
          createStaffMember: { __typename: 'StaffEnrolmentCode', enrolmentCode: 'ABCD-EFGH-JKMN-PQRS', expiresAt: '2026-11-25T08:00:00+00:00', staff: created },
        }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      expect(wrapper.find('[data-testid="staff-counter"]').exists()).toBe(false)
      const members = wrapper.findAll('[data-testid="staff-member"]')
      expect(members).toHaveLength(1)
      expect(members[0]?.text()).toContain('吴审批')
      expect(members[0]?.text()).toContain('审批人员')
      expect(members[0]?.text()).toContain('福州市公安局')

      await wrapper.get('[data-testid="staff-create-open"]').trigger('click')
      await flushPromises()
      expect(wrapper.findAll('[data-testid^="staff-create-role-"]')).toHaveLength(6)
      await wrapper.get('[data-testid="staff-create-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.get('[data-testid="staff-create-username-error"]').text()).toBe('请填写用户名。')
      expect(wrapper.get('[data-testid="staff-create-roles-error"]').text()).toBe('请至少选择一个角色。')
      expect(wrapper.get('[data-testid="staff-create-password-error"]').text()).toBe('请设置初始密码。')
      expect(api.of('CreateStaffMember')).toHaveLength(0)

      await fill(wrapper, 'staff-create-username', 'clerk.new')
      await fill(wrapper, 'staff-create-name', '王新')
      await fill(wrapper, 'staff-create-department', ' 350100-GA ')
      await wrapper.get('[data-testid="staff-create-role-window-clerk"]').setValue(true)
      await fill(wrapper, 'staff-create-password', 'short')
      await wrapper.get('[data-testid="staff-create-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.get('[data-testid="staff-create-password-error"]').text()).toBe('初始密码至少需要 10 个字符。')

      await fill(wrapper, 'staff-create-password', 'a long initial secret')
      await wrapper.get('[data-testid="staff-create-submit"]').trigger('submit')
      await flushPromises()
      expect(api.of('CreateStaffMember')[0]?.variables).toEqual({
        input: {
          username: 'clerk.new',
          name: '王新',
          departmentCode: '350100-GA',
          roles: ['WINDOW_CLERK'],
          initialPassword: 'a long initial secret',
        },
      })
      const code = wrapper.get('[data-testid="staff-enrolment-code"]')
      expect(code.get('[data-testid="staff-enrolment-code-value"]').text()).toBe('ABCD-EFGH-JKMN-PQRS')
      expect(code.text()).toContain('王新首次登录时需要输入这个注册码')
      await wrapper.get('[data-testid="staff-enrolment-copy"]').trigger('click')
      await flushPromises()
      expect(writeText).toHaveBeenCalledWith('ABCD-EFGH-JKMN-PQRS')
      expect(wrapper.get('[data-testid="staff-enrolment-copied"]').text()).toBe('已复制')
      expect(wrapper.findAll('[data-testid="staff-member"]').map((m) => m.attributes('data-staff-id'))).toEqual(['s3', 's2'])

      await wrapper.get('[data-testid="staff-enrolment-done"]').trigger('click')
      await flushPromises()
      expect(wrapper.find('[data-testid="staff-enrolment-code"]').exists()).toBe(false)
      expect(wrapper.text()).not.toContain('ABCD-EFGH-JKMN-PQRS')
    })

    it('lets a department admin create staff of their own department only, without platform roles', async () => {
      const api = mockApi({
        Me: () => ({ me: staffMe(['department_admin', 'window_clerk'], '350100-GA') }),
        StaffMembers: () => ({ staffMembers: [] }),
        CreateStaffMember: () => ({
          createStaffMember: { __typename: 'InvalidInputError', code: 'INVALID_INPUT', message: 'x', field: 'username', reason: 'format' },
        }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      expect(wrapper.find('[data-testid="staff-counter"]').exists()).toBe(true)
      expect(wrapper.find('[data-testid="staff-admin-empty"]').exists()).toBe(true)
      await wrapper.get('[data-testid="staff-create-open"]').trigger('click')
      await flushPromises()
      expect(wrapper.find('[data-testid="staff-create-department"]').exists()).toBe(false)
      expect(wrapper.get('[data-testid="staff-create-department-fixed"]').text()).toContain('350100-GA')
      const roles = wrapper.findAll('[data-testid^="staff-create-role-"]').map((r) => r.attributes('data-testid'))
      expect(roles).not.toContain('staff-create-role-platform-admin')
      expect(roles).not.toContain('staff-create-role-supervisor')

      await fill(wrapper, 'staff-create-username', 'Bad Name')
      await fill(wrapper, 'staff-create-name', '王新')
      await wrapper.get('[data-testid="staff-create-role-approver"]').setValue(true)
      await fill(wrapper, 'staff-create-password', 'a long initial secret')
      await wrapper.get('[data-testid="staff-create-form"]').trigger('submit')
      await flushPromises()
      expect(api.of('CreateStaffMember')[0]?.variables.input).toMatchObject({ departmentCode: '350100-GA', roles: ['APPROVER'] })
      expect(wrapper.get('[data-testid="staff-create-username-error"]').text()).toContain('3 至 64 位小写字母')
    })

    it('explains a taken username', async () => {
      mockApi({
        Me: () => ({ me: staffMe(['platform_admin'], null) }),
        StaffMembers: () => ({ staffMembers: [] }),
        CreateStaffMember: () => ({ createStaffMember: { __typename: 'IdentityError', code: 'ALREADY_EXISTS', message: 'x' } }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      await wrapper.get('[data-testid="staff-create-open"]').trigger('click')
      await fill(wrapper, 'staff-create-username', 'approver.wu')
      await fill(wrapper, 'staff-create-name', '吴审批')
      await wrapper.get('[data-testid="staff-create-role-supervisor"]').setValue(true)
      await fill(wrapper, 'staff-create-password', 'a long initial secret')
      await wrapper.get('[data-testid="staff-create-form"]').trigger('submit')
      await flushPromises()
      expect(wrapper.get('[data-testid="staff-create-error"]').text()).toContain('这个用户名已被使用。')
    })

    it('deactivates a staff member after confirmation, never oneself', async () => {
      const self = { ...STAFF_MEMBER, id: 's1', name: '林窗口', roles: ['PLATFORM_ADMIN'] }
      const api = mockApi({
        Me: () => ({ me: staffMe(['platform_admin'], null) }),
        StaffMembers: () => ({ staffMembers: [self, STAFF_MEMBER] }),
        DeactivateStaffMember: () => ({ deactivateStaffMember: { ...STAFF_MEMBER, active: false } }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      const [me, other] = wrapper.findAll('[data-testid="staff-member"]')
      expect(me?.text()).toContain('（本人）')
      expect(me?.find('[data-testid="staff-deactivate"]').exists()).toBe(false)
      await other?.get('[data-testid="staff-deactivate"]').trigger('click')
      await flushPromises()
      expect(document.querySelector('.van-dialog')?.textContent).toContain('吴审批将立即退出所有设备')
      document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
      await flushPromises()
      expect(api.of('DeactivateStaffMember')[0]?.variables).toEqual({ id: 's2' })
      expect(wrapper.get('[data-testid="staff-admin-notice"]').text()).toBe('已停用吴审批的账号。')
      expect(wrapper.findAll('[data-testid="staff-member"]')[1]?.attributes('data-active')).toBe('false')
    })

    it('issues a new enrolment code to an active member without a passkey, shown once with copy', async () => {
      const writeText = vi.fn().mockResolvedValue(undefined)
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
      const pending = { ...STAFF_MEMBER, id: 's3', name: '王新', passkeyCount: 0, enrolmentExpiresAt: '2026-11-02T08:00:00+00:00' }
      const gone = { ...STAFF_MEMBER, id: 's4', name: '张停用', active: false, passkeyCount: 0 }
      const api = mockApi({
        Me: () => ({ me: staffMe(['department_admin'], '350100-GA') }),
        StaffMembers: () => ({ staffMembers: [STAFF_MEMBER, pending, gone] }),
        IssueStaffEnrolmentCode: () => ({
          issueStaffEnrolmentCode: {
            __typename: 'StaffEnrolmentCode',
            enrolmentCode: 'WXYZ-2345-6789-ABCD',
            expiresAt: '2026-11-26T08:00:00+00:00',
            staff: { ...pending, enrolmentExpiresAt: '2026-11-26T08:00:00+00:00' },
          },
        }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      const item = (id: string) => wrapper.get(`[data-testid="staff-member"][data-staff-id="${id}"]`)
      // A member with a passkey signs in with it; a deactivated one cannot sign in at all.
      expect(item('s2').find('[data-testid="staff-issue-code"]').exists()).toBe(false)
      expect(item('s4').find('[data-testid="staff-issue-code"]').exists()).toBe(false)
      const pendingBefore = item('s3').text()
      const issue = item('s3').get('[data-testid="staff-issue-code"]')
      expect(issue.text()).toBe('发新注册码')
      expect(issue.attributes('aria-label')).toBe('为王新发新注册码')

      // Cancelled: nothing is issued.
      await issue.trigger('click')
      await flushPromises()
      expect(document.querySelector('.van-dialog')?.textContent).toContain('王新之前的注册码将立即失效')
      document.querySelector<HTMLButtonElement>('.van-dialog__cancel')?.click()
      await flushPromises()
      expect(api.of('IssueStaffEnrolmentCode')).toHaveLength(0)

      await item('s3').get('[data-testid="staff-issue-code"]').trigger('click')
      await flushPromises()
      document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
      await flushPromises()
      expect(api.of('IssueStaffEnrolmentCode')[0]?.variables).toEqual({ id: 's3' })
      const code = wrapper.get('[data-testid="staff-enrolment-code"]')
      expect(code.get('[data-testid="staff-enrolment-code-value"]').text()).toBe('WXYZ-2345-6789-ABCD')
      expect(code.text()).toContain('王新首次登录时需要输入这个注册码')
      expect(document.activeElement?.id).toBe('staff-enrolment-title')
      // The list shows the new code's expiry.
      expect(item('s3').text()).not.toBe(pendingBefore)
      expect(item('s3').text()).toContain('26')
      await wrapper.get('[data-testid="staff-enrolment-copy"]').trigger('click')
      await flushPromises()
      expect(writeText).toHaveBeenCalledWith('WXYZ-2345-6789-ABCD')

      await wrapper.get('[data-testid="staff-enrolment-done"]').trigger('click')
      await flushPromises()
      expect(wrapper.text()).not.toContain('WXYZ-2345-6789-ABCD')
      expect(wrapper.findAll('[data-testid="staff-member"]').map((m) => m.attributes('data-staff-id'))).toEqual(['s2', 's3', 's4'])
    })

    it('explains a refused new enrolment code in English', async () => {
      const pending = { ...STAFF_MEMBER, id: 's3', name: 'Wang Xin', passkeyCount: 0 }
      mockApi({
        Me: () => ({ me: staffMe(['platform_admin'], null) }),
        StaffMembers: () => ({ staffMembers: [pending] }),
        IssueStaffEnrolmentCode: () => ({ issueStaffEnrolmentCode: { __typename: 'IdentityError', code: 'NOT_ALLOWED', message: 'x' } }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true, locale: 'en' })
      await wrapper.get('[data-testid="staff-issue-code"]').trigger('click')
      await flushPromises()
      expect(document.querySelector('.van-dialog')?.textContent).toContain("Wang Xin's previous code stops working at once.")
      document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
      await flushPromises()
      expect(wrapper.get('[data-testid="staff-admin-notice"]').text()).toBe('This cannot be done right now.')
      expect(wrapper.find('[data-testid="staff-enrolment-code"]').exists()).toBe(false)
    })

    it('resets the passkeys of an active member with a passkey (lost device), never oneself, code shown once', async () => {
      const writeText = vi.fn().mockResolvedValue(undefined)
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
      const self = { ...STAFF_MEMBER, id: 's1', name: '林窗口', roles: ['DEPARTMENT_ADMIN'] }
      const pending = { ...STAFF_MEMBER, id: 's3', name: '王新', passkeyCount: 0, enrolmentExpiresAt: '2026-11-02T08:00:00+00:00' }
      const gone = { ...STAFF_MEMBER, id: 's4', name: '张停用', active: false }
      const api = mockApi({
        Me: () => ({ me: staffMe(['department_admin'], '350100-GA') }),
        StaffMembers: () => ({ staffMembers: [self, STAFF_MEMBER, pending, gone] }),
        ResetStaffPasskeys: () => ({
          resetStaffPasskeys: {
            __typename: 'StaffEnrolmentCode',
            enrolmentCode: 'RSET-2345-6789-ABCD',
            expiresAt: '2026-11-26T08:00:00+00:00',
            staff: { ...STAFF_MEMBER, passkeyCount: 0, enrolmentExpiresAt: '2026-11-26T08:00:00+00:00' },
          },
        }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true })
      const item = (id: string) => wrapper.get(`[data-testid="staff-member"][data-staff-id="${id}"]`)
      expect(item('s1').find('[data-testid="staff-reset-passkeys"]').exists()).toBe(false)
      expect(item('s3').find('[data-testid="staff-reset-passkeys"]').exists()).toBe(false)
      expect(item('s4').find('[data-testid="staff-reset-passkeys"]').exists()).toBe(false)
      const reset = item('s2').get('[data-testid="staff-reset-passkeys"]')
      expect(reset.text()).toBe('重置通行密钥（设备丢失）')
      expect(reset.attributes('aria-label')).toBe('重置吴审批的通行密钥（设备丢失）')

      // Cancelled: nothing happens.
      await reset.trigger('click')
      await flushPromises()
      const dialog = document.querySelector('.van-dialog')?.textContent ?? ''
      expect(dialog).toContain('吴审批的所有通行密钥将立即失效')
      expect(dialog).toContain('在所有设备上退出登录')
      document.querySelector<HTMLButtonElement>('.van-dialog__cancel')?.click()
      await flushPromises()
      expect(api.of('ResetStaffPasskeys')).toHaveLength(0)
      expect(wrapper.find('[data-testid="staff-enrolment-code"]').exists()).toBe(false)

      await item('s2').get('[data-testid="staff-reset-passkeys"]').trigger('click')
      await flushPromises()
      document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
      await flushPromises()
      expect(api.of('ResetStaffPasskeys')[0]?.variables).toEqual({ id: 's2' })
      const code = wrapper.get('[data-testid="staff-enrolment-code"]')
      expect(code.get('[data-testid="staff-enrolment-code-value"]').text()).toBe('RSET-2345-6789-ABCD')
      expect(code.text()).toContain('吴审批')
      expect(document.activeElement?.id).toBe('staff-enrolment-title')
      // No passkey any more: a new code can be issued, a reset no longer applies.
      expect(item('s2').find('[data-testid="staff-reset-passkeys"]').exists()).toBe(false)
      expect(item('s2').find('[data-testid="staff-issue-code"]').exists()).toBe(true)
      await wrapper.get('[data-testid="staff-enrolment-copy"]').trigger('click')
      await flushPromises()
      expect(writeText).toHaveBeenCalledWith('RSET-2345-6789-ABCD')
      await wrapper.get('[data-testid="staff-enrolment-done"]').trigger('click')
      await flushPromises()
      expect(wrapper.text()).not.toContain('RSET-2345-6789-ABCD')
    })

    it('explains a refused passkey reset in English', async () => {
      const member = { ...STAFF_MEMBER, name: 'Wu Approver' }
      mockApi({
        Me: () => ({ me: staffMe(['platform_admin'], null) }),
        StaffMembers: () => ({ staffMembers: [member] }),
        ResetStaffPasskeys: () => ({ resetStaffPasskeys: { __typename: 'IdentityError', code: 'NOT_ALLOWED', message: 'x' } }),
      })
      const { wrapper } = await mountAt('/staff', { signedInAs: true, locale: 'en' })
      await wrapper.get('[data-testid="staff-reset-passkeys"]').trigger('click')
      await flushPromises()
      expect(document.querySelector('.van-dialog')?.textContent).toContain("Wu Approver's passkeys stop working at once and they are signed out on every device.")
      document.querySelector<HTMLButtonElement>('.van-dialog__confirm')?.click()
      await flushPromises()
      expect(wrapper.get('[data-testid="staff-admin-notice"]').text()).toBe(
        'You cannot reset the passkeys of your own account or of a deactivated one.',
      )
      expect(wrapper.find('[data-testid="staff-enrolment-code"]').exists()).toBe(false)
    })
  })
})
