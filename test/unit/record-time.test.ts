import { describe, expect, it } from 'vitest'
import { recordTime } from '../../src/parse/record-time.js'

const at = (iso: string): number => Date.parse(iso)

describe('when a record happened', () => {
  it('reads @timestamp, timestamp or time, in that order', () => {
    expect(recordTime({ time: '2025-03-11T09:00:00Z', '@timestamp': '2025-03-11T08:00:00Z' })).toBe(at('2025-03-11T08:00:00Z'))
    expect(recordTime({ timestamp: '2025-03-11T08:00:00+01:00' })).toBe(at('2025-03-11T07:00:00Z'))
  })

  it.each([
    ['seconds (Python, Go)', 1741680843, '2025-03-11T08:14:03.000Z'],
    ['seconds with a fraction', 1741680843.25, '2025-03-11T08:14:03.250Z'],
    ['milliseconds (pino, Java)', 1741680843123, '2025-03-11T08:14:03.123Z'],
    ['microseconds', 1741680843123456, '2025-03-11T08:14:03.123Z'],
    ['nanoseconds (OpenTelemetry, Vector)', 1741680843123456789, '2025-03-11T08:14:03.123Z'],
  ])('reads an epoch number in %s by its size', (_, value, iso) => {
    expect(recordTime({ time: value })).toBe(at(iso))
  })

  it('has no time for a record without one, or with one it cannot read', () => {
    expect(recordTime({ message: 'x' })).toBeNull()
    expect(recordTime({ time: 'yesterday' })).toBeNull()
    expect(recordTime({ time: true })).toBeNull()
    expect(recordTime({ time: -1 })).toBeNull()
  })
})
