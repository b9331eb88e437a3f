import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { LicenseQuery, MyLicensesQuery } from '@/api/operations/licenses'
import { isNetworkError } from '@/api/client'
import { useAuth } from '@/auth/useAuth'
import { actingEnterpriseId } from '@/composables/useActingFor'
import { useCachedQuery } from '@/composables/useCachedQuery'
import {
  currentContext,
  installLicenseCacheCleanup,
  isStoredLicenseList,
  licenseCacheKey,
  licenseContext,
  saveLicenses,
  storedLicense,
  updateStoredLicense,
  type StoredLicense,
} from './store'

/**
 * My licenses (the person's own, or the enterprise's while acting for it), network first,
 * with the stored copy shown while loading and instead of a network failure (`stale`).
 * A change of whom the session acts for loads the other list.
 */
export function useWallet() {
  const auth = useAuth()
  installLicenseCacheCleanup(auth)
  const query = useCachedQuery<StoredLicense[]>({
    cacheKey: () => {
      const context = currentContext(auth)
      return context === null ? null : licenseCacheKey(context)
    },
    fetcher: async (signal) => (await auth.request(MyLicensesQuery, {}, { signal })).myLicenses,
    isValid: isStoredLicenseList,
    // Saved below instead, so that other people's copies are dropped at the same time.
    shouldCache: () => false,
  })

  async function load(): Promise<void> {
    await query.load()
    const context = currentContext(auth)
    if (query.status.value === 'success' && !query.stale.value && query.data.value && context !== null) {
      saveLicenses(context, query.data.value)
    }
  }

  watch(() => licenseContext(auth.me.value), () => void load(), { immediate: true })

  const actingForEnterprise = computed(() => actingEnterpriseId(auth.me.value?.actingFor) !== null)

  return { ...query, load, actingForEnterprise }
}

export type LicenseLoad =
  | { license: StoredLicense; stale: boolean }
  | { license: null; stale: false }

/**
 * One license: from the API (refreshing the stored copy), or, when the network fails,
 * from the stored copy (`stale`). Other failures are thrown.
 */
export async function loadLicense(auth: ReturnType<typeof useAuth>, id: string): Promise<LicenseLoad> {
  installLicenseCacheCleanup(auth)
  try {
    const license = (await auth.request(LicenseQuery, { id })).license ?? null
    if (license) updateStoredLicense(currentContext(auth), license)
    return license ? { license, stale: false } : { license: null, stale: false }
  } catch (error) {
    const stored = isNetworkError(error) ? storedLicense(currentContext(auth), id) : null
    if (stored) return { license: stored, stale: true }
    throw error
  }
}

/**
 * One license for a page (detail, share): loaded whenever `id` changes, the stored copy
 * standing in offline (`stale`), and the load error in the user's words for a retry.
 */
export function useLicense(id: () => string, describe: (error: unknown) => string) {
  const auth = useAuth()
  const license = shallowRef<StoredLicense | null>(null)
  const stale = ref(false)
  const loading = ref(true)
  const loadError: Ref<string | null> = ref(null)

  async function load(): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      const result = await loadLicense(auth, id())
      license.value = result.license
      stale.value = result.stale
    } catch (error) {
      license.value = null
      loadError.value = describe(error)
    } finally {
      loading.value = false
    }
  }
  watch(id, load, { immediate: true })

  return { license, stale, loading, loadError, load }
}
