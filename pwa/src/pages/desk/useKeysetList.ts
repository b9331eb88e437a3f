import { ref, shallowRef } from 'vue'

export interface Page<T> {
  nodes: T[]
  hasNextPage: boolean
  endCursor: string | null | undefined
}

/**
 * A keyset-paged list with "load more": the first page on `reload()`, the next one after
 * the last cursor on `more()`. A reload started while an older one is still running wins
 * (switching queue tabs quickly never shows the previous tab's rows).
 */
export function useKeysetList<T>(fetchPage: (after: string | null) => Promise<Page<T>>) {
  const items = shallowRef<T[] | null>(null)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = shallowRef<unknown>(null)
  const moreError = shallowRef<unknown>(null)
  const hasMore = ref(false)
  let cursor: string | null = null
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = null
    moreError.value = null
    try {
      const page = await fetchPage(null)
      if (mine !== generation) return
      items.value = page.nodes
      hasMore.value = page.hasNextPage
      cursor = page.endCursor ?? null
    } catch (caught) {
      if (mine !== generation) return
      items.value = null
      error.value = caught
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function more(): Promise<void> {
    if (!hasMore.value || loadingMore.value || loading.value) return
    const mine = generation
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await fetchPage(cursor)
      if (mine !== generation) return
      items.value = [...(items.value ?? []), ...page.nodes]
      hasMore.value = page.hasNextPage
      cursor = page.endCursor ?? null
    } catch (caught) {
      if (mine === generation) moreError.value = caught
    } finally {
      loadingMore.value = false
    }
  }

  /** Replace one item in place (after an action changed it). */
  function replace(match: (item: T) => boolean, next: T): void {
    if (items.value) items.value = items.value.map((item) => (match(item) ? next : item))
  }

  return { items, loading, loadingMore, error, moreError, hasMore, reload, more, replace }
}
