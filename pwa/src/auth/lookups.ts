/**
 * Reference data the identity pages share, fetched once per app run: the ethnic groups
 * (GB 3304) for the registration form and the tier guide for "my identity". Both are
 * public, so they go without a token.
 */
import { shallowRef, type ShallowRef } from 'vue'
import { request } from '@/api/client'
import type { EthnicGroupsQuery, TierGuideQuery } from '@/api/generated/graphql'
import { EthnicGroupsQuery as EthnicGroupsDocument, TierGuideQuery as TierGuideDocument } from '@/api/operations'

export type EthnicGroup = EthnicGroupsQuery['ethnicGroups'][number]
export type TierInfo = TierGuideQuery['tierGuide'][number]

export interface Lookup<T> {
  data: ShallowRef<T | null>
  error: ShallowRef<unknown>
  load: () => Promise<void>
}

function lookup<T>(fetcher: () => Promise<T>): () => Lookup<T> {
  const data = shallowRef<T | null>(null)
  const error = shallowRef<unknown>(null)
  let pending: Promise<void> | null = null
  async function load(): Promise<void> {
    if (data.value !== null) return
    pending ??= fetcher()
      .then((value) => {
        data.value = value
        error.value = null
      })
      .catch((err: unknown) => {
        error.value = err
      })
      .finally(() => {
        pending = null
      })
    return pending
  }
  return () => {
    void load()
    return { data, error, load }
  }
}

export const useEthnicGroups = lookup(async () => (await request(EthnicGroupsDocument, {})).ethnicGroups)
export const useTierGuide = lookup(async () => (await request(TierGuideDocument, {})).tierGuide)
