import { beforeAll, describe, expect, it } from 'vitest'
import { staffMe } from '@/pages/enterprise/testing'
import { arrivedAt, mockApi, mountAt } from '@/test/identity'
import { page } from './testing'

beforeAll(async () => {
  await Promise.all([import('@/router'), import('@/pages/staff/StaffDeskPage.vue'), import('./QueuesPage.vue')])
}, 60_000)

const links = (wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper']) =>
  wrapper.findAll('[data-testid^="desk-entry-"]').map((l) => l.attributes('data-testid'))

describe('the desk on the staff desk page', () => {
  it.each([
    [['window_clerk'], '350100-GA', ['desk-entry-queues', 'desk-entry-licenses']],
    [['call_centre_agent'], null, ['desk-entry-lookup']],
    [['supervisor'], null, ['desk-entry-supervision']],
    [['department_admin'], '350100-GA', ['desk-entry-queues', 'desk-entry-supervision', 'desk-entry-catalogue', 'desk-entry-licenses']],
    [['platform_admin'], null, ['desk-entry-supervision', 'desk-entry-catalogue']],
  ])('links %s to their pages', async (roles, department, expected) => {
    mockApi({ Me: () => ({ me: staffMe(roles, department) }), StaffMembers: () => ({ staffMembers: [] }) })
    const { wrapper } = await mountAt('/staff', { signedInAs: true })
    expect(links(wrapper)).toEqual(expected)
  })

  it('opens the queues from the staff desk', async () => {
    mockApi({ Me: () => ({ me: staffMe(['window_clerk']) }), DeskCaseQueue: () => ({ caseQueue: page([]) }) })
    const { wrapper, router } = await mountAt('/staff', { signedInAs: true, locale: 'en' })
    const link = wrapper.get('[data-testid="desk-entry-queues"]')
    expect(link.text()).toContain('Case queues')
    await link.trigger('click')
    await arrivedAt(router, 'desk-queues')
    expect(wrapper.find('[data-testid="desk-queue-new"]').exists()).toBe(true)
  })
})
