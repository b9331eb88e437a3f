import { describe, expect, it } from 'vitest'
import { feeYuan, formatBytes, groupCaseNumber, statusTone, tierOf, typeNames } from './format'

describe('services formatting', () => {
  it('shows fees in yuan from fen, and null (free) for none', () => {
    expect(feeYuan(null)).toBeNull()
    expect(feeYuan(undefined)).toBeNull()
    expect(feeYuan(0)).toBeNull()
    expect(feeYuan(2000)).toBe('20')
    expect(feeYuan(1050)).toBe('10.50')
    expect(feeYuan(7)).toBe('0.07')
  })

  it('groups a case number for reading over the phone', () => {
    expect(groupCaseNumber('350100-20261122-000123-7')).toBe('350100-20261122-000123-7')
    expect(groupCaseNumber('35010020261122000123x')).toBe('350100-20261122-000123-X')
    expect(groupCaseNumber('3501 0020 2611 2200 0123 7')).toBe('350100-20261122-000123-7')
    expect(groupCaseNumber('not a number')).toBe('not a number')
  })

  it('maps the API tier words onto the badge tiers', () => {
    expect(tierOf('basic')).toBe('BASIC')
    expect(tierOf('Intermediate')).toBe('INTERMEDIATE')
    expect(tierOf('advanced')).toBe('ADVANCED')
    expect(tierOf('')).toBe('BASIC')
  })

  it('names file types and sizes as people know them', () => {
    expect(typeNames(['image/jpeg', 'image/png', 'application/pdf'])).toBe('JPG / PNG / PDF')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(820 * 1024)).toBe('820 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB')
    expect(formatBytes(4.5 * 1024 * 1024)).toBe('4.5 MB')
  })

  it('colours statuses by what they mean for the applicant', () => {
    expect(statusTone('CORRECTION_REQUESTED')).toBe('attention')
    expect(statusTone('DENIED')).toBe('refused')
    expect(statusTone('APPROVED')).toBe('success')
    expect(statusTone('UNDER_REVIEW')).toBe('progress')
  })
})
