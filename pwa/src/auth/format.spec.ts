import { describe, expect, it } from 'vitest'
import { formatDateTime, summariseDevice } from './format'
import { codeInText } from './sandbox'

describe('devices and dates', () => {
  it('names the browser and system of common user agents', () => {
    expect(summariseDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36')).toEqual({ browser: 'Chrome', os: 'Android' })
    expect(summariseDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toEqual({ browser: 'Safari', os: 'iOS' })
    expect(summariseDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49')).toEqual({ browser: 'WeChat', os: 'iOS' })
    expect(summariseDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0')).toEqual({ browser: 'Edge', os: 'Windows' })
    expect(summariseDevice('unknown device')).toEqual({ browser: null, os: null })
  })

  it('formats instants in the user’s language and leaves garbage alone', () => {
    expect(formatDateTime('2026-11-22T12:00:00Z', 'zh-CN')).toMatch(/2026/)
    expect(formatDateTime('not a date', 'en')).toBe('not a date')
  })

  it('finds the six-digit code in a sandbox SMS', () => {
    expect(codeInText('【一键办】验证码 012345，5 分钟内有效。')).toBe('012345')
    expect(codeInText('no code here 1234567')).toBeNull()
  })
})
