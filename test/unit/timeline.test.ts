import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_BARS, timelineOf } from '../../src/summary/timeline.js'
import { niceStep, stackedTimeline } from '../../src/summary/charts.js'
import { hourOf } from '../../src/summary/hours.js'

const H = 3_600_000
const at = (iso: string): number => Date.parse(iso)
/** One line of `category` in each of these hours. */
const byHour = (times: number[], category = 'kerberos'): Record<string, Record<string, number>> => {
  const out: Record<string, Record<string, number>> = {}
  for (const t of times) {
    const b = (out[hourOf(t)] ??= {})
    b[category] = (b[category] ?? 0) + 1
  }
  return out
}
const total = (t: ReturnType<typeof timelineOf>): number => t.buckets.reduce((n, b) => n + b.total, 0)

describe('the timeline of a report', () => {
  it('has a bar for every hour of a span up to a month, empty hours too', () => {
    const t = timelineOf(byHour([at('2025-03-11T08:10:00Z'), at('2025-03-11T11:59:00Z')]))
    expect(t.bucketHours).toBe(1)
    expect(t.buckets.map((b) => new Date(b.start).toISOString())).toEqual(['08', '09', '10', '11'].map((h) => `2025-03-11T${h}:00:00.000Z`))
    expect(t.buckets.map((b) => b.total)).toEqual([1, 0, 0, 1])
  })

  it('groups three months into 3-hour bars that start at 00, 03, … UTC', () => {
    const t = timelineOf(byHour([at('2025-01-01T01:00:00Z'), at('2025-01-01T02:30:00Z'), at('2025-03-31T23:00:00Z')]))
    expect(t.bucketHours).toBe(3)
    expect(new Date(t.buckets[0]!.start).toISOString()).toBe('2025-01-01T00:00:00.000Z')
    expect(t.buckets[0]!.byCategory).toEqual({ kerberos: 2 })
    expect(t.buckets.length).toBeLessThanOrEqual(MAX_BARS)
  })

  it('shows a whole year as one bar per day, not its last month', () => {
    const t = timelineOf(byHour([at('2025-01-01T00:17:00Z'), at('2025-06-15T12:00:00Z'), at('2025-12-31T23:55:00Z')]))
    expect(t.bucketHours).toBe(24)
    expect(t.buckets).toHaveLength(365)
    expect(t.truncated).toBe(false)
    expect(total(t)).toBe(3)
  })

  it('falls back to weeks starting on Monday, and keeps the last MAX_BARS of them past that', () => {
    const t = timelineOf(byHour([at('2000-01-05T00:00:00Z'), at('2025-03-12T00:00:00Z')]))
    expect(t.bucketHours).toBe(168)
    expect(t.truncated).toBe(true)
    expect(t.buckets).toHaveLength(MAX_BARS)
    expect(new Date(t.buckets.at(-1)!.start).toISOString()).toBe('2025-03-10T00:00:00.000Z')
    expect(new Date(t.buckets.at(-1)!.start).getUTCDay()).toBe(1)
  })

  it('adds up a category named like what every object has (a rules file may name one "constructor")', () => {
    const t = timelineOf({ '2025-03-11T08': { constructor: 2, valueOf: 1 } })
    expect(t.buckets).toHaveLength(1)
    expect(t.buckets[0]!.byCategory).toEqual({ constructor: 2, valueOf: 1 })
    expect(t.buckets[0]!.total).toBe(3)
  })

  it('has no bars without stamped lines', () => {
    expect(timelineOf({}).buckets).toEqual([])
  })

  it('keeps every count, whatever the span up to ten years', () => {
    const start = at('2020-01-01T00:00:00Z')
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10 * 365 * 24 }), { minLength: 1, maxLength: 60 }), (hours) => {
      const t = timelineOf(byHour(hours.map((h) => start + h * H)))
      expect(t.truncated).toBe(false)
      expect(total(t)).toBe(hours.length)
      expect(t.buckets.length).toBeLessThanOrEqual(MAX_BARS)
    }))
  })
})

describe('the timeline chart', () => {
  it('marks the y axis at round steps up to a round number past the tallest bar', () => {
    const svg = stackedTimeline(timelineOf({ '2025-03-11T08': { kerberos: 11, schannel: 7 } }), ['kerberos', 'schannel'])
    expect([...svg.matchAll(/class="tick y-tick">([\d,]+)</g)].map((m) => m[1])).toEqual(['0', '5', '10', '15', '20'])
  })

  it('draws an hour of data as one bar of a dozen slots, not a wall across the chart', () => {
    const svg = stackedTimeline(timelineOf({ '2025-03-11T08': { kerberos: 3 } }), ['kerberos'])
    const width = Number(/class="bar bar-time"[^>]* width="([\d.]+)"/.exec(svg)![1])
    expect(width).toBeLessThan(960 / 12)
  })

  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect([0.3, 1, 1.5, 4.5, 7, 20, 2600].map(niceStep)).toEqual([1, 1, 2, 5, 10, 20, 5000])
  })
})
