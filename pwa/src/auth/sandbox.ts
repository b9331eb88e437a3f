/**
 * The sandbox SMS inbox (demo and test deployments only). The SMS sandbox keeps the
 * messages it "sends"; `sandboxSmsInbox(phone)` reads them back, and answers FORBIDDEN
 * outside the sandbox. The link to it is shown only once a read has succeeded, so a
 * production deployment never shows it.
 */
import { ref, shallowRef } from 'vue'
import { isGraphQLRequestError } from '@/api/client'

export interface SandboxMessage {
  text: string
  sentAt: string
  /** The six-digit code in the text, if any. */
  code: string | null
}

/** Whether this deployment has the sandbox inbox: unknown until first asked. */
const available = ref<boolean | null>(null)

export function codeInText(text: string): string | null {
  return /(?<![0-9])([0-9]{6})(?![0-9])/.exec(text)?.[1] ?? null
}

export function sandboxInbox(fetchInbox: (phone: string) => Promise<Array<{ text: string; sentAt: string }>>) {
  const messages = shallowRef<SandboxMessage[]>([])

  async function load(phone: string): Promise<void> {
    if (available.value === false || !phone) return
    try {
      const rows = await fetchInbox(phone)
      available.value = true
      messages.value = rows.map((row) => ({ ...row, code: codeInText(row.text) }))
    } catch (error) {
      if (isGraphQLRequestError(error) && error.code === 'FORBIDDEN') available.value = false
    }
  }

  return { available, messages, load, probe: load }
}

/** Forget what was learnt (tests). */
export function resetSandboxInbox(): void {
  available.value = null
}
