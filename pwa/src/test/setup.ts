import { afterEach, beforeEach } from 'vitest'

// Some specs run in the node environment (no DOM); only reset what exists.
const hasDom = typeof document !== 'undefined'

beforeEach(() => {
  if (!hasDom) return
  localStorage.clear()
  document.documentElement.className = ''
  document.documentElement.lang = 'zh-CN'
})

afterEach(() => {
  if (hasDom) document.body.innerHTML = ''
})
