import { describe, expect, it, vi } from 'vitest'
import { fill, mockApi, mountAt } from '@/test/identity'
import { verifyCode } from './qr'

function stubAssign() {
  const assign = vi.fn()
  vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign } as Location)
  return assign
}

describe('verify page (public)', { timeout: 20_000 }, () => {
  it('reads a code from a verify link, a path or the code itself', () => {
    expect(verifyCode('https://onetap.example/v/AB12CD34EF')).toBe('AB12CD34EF')
    expect(verifyCode('  https://onetap.example/v/AB12CD34EF?lang=en ')).toBe('AB12CD34EF')
    expect(verifyCode('/v/AB12-cd_34')).toBe('AB12-cd_34')
    expect(verifyCode('AB12CD34EF')).toBe('AB12CD34EF')
    expect(verifyCode('https://onetap.example/licenses/1')).toBeNull()
    expect(verifyCode('a b')).toBeNull()
    expect(verifyCode('')).toBeNull()
  })

  it('sends a pasted link on to the server’s verify page, without signing in', async () => {
    mockApi({})
    const assign = stubAssign()
    const { wrapper } = await mountAt('/licenses/verify')
    await fill(wrapper, 'verify-input', 'https://onetap.example/v/AB12CD34EF')
    await wrapper.get('[data-testid="verify-form"]').trigger('submit')
    expect(assign).toHaveBeenCalledWith('/v/AB12CD34EF')
  })

  it('asks for the English page in English, and explains what it cannot read', async () => {
    mockApi({})
    const assign = stubAssign()
    const { wrapper } = await mountAt('/licenses/verify', { locale: 'en' })
    await wrapper.get('[data-testid="verify-form"]').trigger('submit')
    expect(wrapper.get('[data-testid="verify-input-error"]').text()).toBe('Paste a verification link or type a code.')
    await fill(wrapper, 'verify-input', 'https://onetap.example/licenses/1')
    await wrapper.get('[data-testid="verify-form"]').trigger('submit')
    expect(wrapper.get('[data-testid="verify-input-error"]').text()).toContain('Not recognised')
    expect(assign).not.toHaveBeenCalled()
    await fill(wrapper, 'verify-input', 'AB12CD34EF')
    await wrapper.get('[data-testid="verify-form"]').trigger('submit')
    expect(assign).toHaveBeenCalledWith('/v/AB12CD34EF?lang=en')
  })
})
