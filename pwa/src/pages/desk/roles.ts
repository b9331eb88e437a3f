import { computed } from 'vue'
import { useAuth } from '@/auth/useAuth'

/**
 * What a staff member may do at the desk, from the roles of `me` (identity's role names).
 * The API checks every request again; this only decides what is offered, so nobody is
 * shown a page or a button that can only answer "forbidden".
 *
 * - Case handling (queues, a case's actions): window clerks, approvers and department
 *   admins of a department. Supervisors and platform admins may read a case.
 * - The 12345 lookup: call-centre agents.
 * - Supervision: supervisors and platform admins (all departments: metrics too), and
 *   department admins (their own department's warnings, overdue cases and complaints).
 *   Complaints are moved on by supervisors and department admins; the lookup log is for
 *   supervisors.
 * - The catalogue: department admins (their department) and platform admins.
 */
export interface DeskAbilities {
  handlesCases: boolean
  readsCases: boolean
  isAgent: boolean
  supervises: boolean
  supervisesAll: boolean
  handlesComplaints: boolean
  seesLookupLog: boolean
  editsCatalogue: boolean
}

export function deskAbilities(roles: ReadonlySet<string>, department: string | null): DeskAbilities {
  const has = (role: string) => roles.has(role)
  const handlesCases = !!department && (has('window_clerk') || has('approver') || has('department_admin'))
  const supervisesAll = has('supervisor') || has('platform_admin')
  const departmentAdmin = has('department_admin') && !!department
  return {
    handlesCases,
    readsCases: handlesCases || supervisesAll,
    isAgent: has('call_centre_agent'),
    supervises: supervisesAll || departmentAdmin,
    supervisesAll,
    handlesComplaints: has('supervisor') || departmentAdmin,
    seesLookupLog: has('supervisor'),
    editsCatalogue: has('platform_admin') || departmentAdmin,
  }
}

/** Whether the desk offers this staff member anything at all. */
export function hasDeskTasks(abilities: DeskAbilities): boolean {
  return abilities.handlesCases || abilities.isAgent || abilities.supervises || abilities.editsCatalogue
}

export function useDeskRoles() {
  const auth = useAuth()
  const staff = computed(() => auth.me.value?.staff ?? null)
  const department = computed(() => staff.value?.departmentCode ?? null)
  const abilities = computed(() => deskAbilities(new Set(staff.value?.roles ?? []), department.value))
  const ability = (name: keyof DeskAbilities) => computed(() => abilities.value[name])

  return {
    auth,
    staff,
    department,
    abilities,
    handlesCases: ability('handlesCases'),
    readsCases: ability('readsCases'),
    isAgent: ability('isAgent'),
    supervises: ability('supervises'),
    supervisesAll: ability('supervisesAll'),
    handlesComplaints: ability('handlesComplaints'),
    seesLookupLog: ability('seesLookupLog'),
    editsCatalogue: ability('editsCatalogue'),
  }
}

export type DeskRoles = ReturnType<typeof useDeskRoles>
