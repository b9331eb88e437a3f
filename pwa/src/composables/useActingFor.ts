/**
 * "Acting for an enterprise" (代企业办理): which enterprise this session acts for, and the
 * switch into it and back.
 *
 * The switch lives on the server session (`actForEnterprise` stores it and returns a new
 * access token; later refreshes keep it), so after a reload `me.actingFor` still says
 * `enterprise:<id>`. The enterprise's name and my role towards it are remembered from the
 * switch, or looked up once in `myEnterprises` when the app starts already acting.
 */
import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue'
import type { EnterpriseRole } from '@/api/generated/graphql'
import { ActForEnterpriseMutation, MyEnterprisesQuery } from '@/api/operations/enterprise'
import { settle, type UserErrorView } from '@/auth/result'
import { useAuth } from '@/auth/useAuth'

export interface ActingEnterprise {
  enterpriseId: string
  name: string | null
  role: EnterpriseRole | null
}

export type SwitchResult = { ok: true } | { ok: false; error: UserErrorView }

export interface ActingFor {
  /** The enterprise this session acts for, or null when acting for myself. */
  enterprise: ComputedRef<ActingEnterprise | null>
  /** True while a switch is under way. */
  busy: ShallowRef<boolean>
  /** Act for an enterprise (as its legal representative or an agent in force). Throws request errors. */
  actFor: (enterprise: { enterpriseId: string; name: string; role: EnterpriseRole }) => Promise<SwitchResult>
  /** Act for myself again. Throws request errors. */
  backToMyself: () => Promise<SwitchResult>
  /** Look up the name of the enterprise this session already acts for (after a reload). */
  loadDetails: () => Promise<void>
}

const PREFIX = 'enterprise:'

/** The enterprise id in `me.actingFor` (`enterprise:<id>`), or null. */
export function actingEnterpriseId(actingFor: string | null | undefined): string | null {
  return actingFor?.startsWith(PREFIX) ? actingFor.slice(PREFIX.length) : null
}

function createActingFor(): ActingFor {
  const auth = useAuth()
  const known = shallowRef<Record<string, { name: string; role: EnterpriseRole }>>({})
  const busy = shallowRef(false)
  let lookup: Promise<void> | null = null

  const enterprise = computed<ActingEnterprise | null>(() => {
    const id = actingEnterpriseId(auth.me.value?.actingFor)
    if (id === null) return null
    const details = known.value[id]
    return { enterpriseId: id, name: details?.name ?? null, role: details?.role ?? null }
  })

  function remember(id: string, name: string, role: EnterpriseRole): void {
    known.value = { ...known.value, [id]: { name, role } }
  }

  async function switchTo(enterpriseId: string | null): Promise<SwitchResult> {
    busy.value = true
    try {
      const data = await auth.request(ActForEnterpriseMutation, { enterpriseId })
      const result = settle(data.actForEnterprise)
      if (!result.ok) return { ok: false, error: result.error }
      await auth.replaceAccessToken(result.data)
      return { ok: true }
    } finally {
      busy.value = false
    }
  }

  async function actFor(target: { enterpriseId: string; name: string; role: EnterpriseRole }): Promise<SwitchResult> {
    remember(target.enterpriseId, target.name, target.role)
    return switchTo(target.enterpriseId)
  }

  async function loadDetails(): Promise<void> {
    const current = enterprise.value
    if (current === null || current.name !== null) return
    lookup ??= auth
      .request(MyEnterprisesQuery, {}, { stepUp: false })
      .then((data) => {
        for (const item of data.myEnterprises) remember(item.enterpriseId, item.name, item.role)
      })
      .catch(() => undefined) // the banner still works without the name
      .finally(() => {
        lookup = null
      })
    return lookup
  }

  return { enterprise, busy, actFor, backToMyself: () => switchTo(null), loadDetails }
}

let shared: ActingFor | null = null

/** The app's acting-for state (created on first use, like the auth store). */
export function useActingFor(): ActingFor {
  shared ??= createActingFor()
  return shared
}
