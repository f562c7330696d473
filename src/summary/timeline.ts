import { HOUR_MS, hourStart } from './hours.js'
import { table } from './summary.js'

/**
 * The timeline a report draws from a summary's per-hour buckets. A month
 * fits one bar per hour; a longer span is grouped into bars of 3 or 6 hours,
 * then days, then weeks, so that a year of logs shows the whole year (it
 * used to show its last month of hours, under a title that did not say so).
 * Past MAX_BARS weeks (14 years) the last ones are kept, and `truncated` says so.
 */
export interface Timeline {
  /** Hours per bar: 1, 3, 6, 24 or 168. */
  readonly bucketHours: number
  /** From the first to the last stamped bar, empty ones too. `start` in ms since the epoch, UTC. */
  readonly buckets: Array<{ start: number, byCategory: Record<string, number>, total: number }>
  /** Whether earlier bars were left out. */
  readonly truncated: boolean
}

/** The most bars drawn: a month of hours. */
export const MAX_BARS = 24 * 31

// No 12 hours: a year would fit in 730 half-day bars, and one bar per day reads better.
const SIZES = [1, 3, 6, 24, 168]

/** Weeks start on Monday, 1970-01-05, four days after the epoch (a Thursday). */
const WEEK_ORIGIN = 4 * 24 * HOUR_MS

const bucketStart = (t: number, hours: number): number => {
  const size = hours * HOUR_MS
  const origin = hours === 168 ? WEEK_ORIGIN : 0
  return Math.floor((t - origin) / size) * size + origin
}

export function timelineOf (byHour: Record<string, Record<string, number>>): Timeline {
  const keys = Object.keys(byHour).sort()
  if (keys.length === 0) return { bucketHours: 1, buckets: [], truncated: false }
  const first = hourStart(keys[0]!)
  const last = hourStart(keys[keys.length - 1]!)
  const bars = (hours: number): number => (bucketStart(last, hours) - bucketStart(first, hours)) / (hours * HOUR_MS) + 1
  const hours = SIZES.find((h) => bars(h) <= MAX_BARS) ?? SIZES[SIZES.length - 1]!
  const size = hours * HOUR_MS
  const end = bucketStart(last, hours)
  const from = Math.max(bucketStart(first, hours), end - (MAX_BARS - 1) * size)
  const buckets: Timeline['buckets'] = []
  for (let t = from; t <= end; t += size) buckets.push({ start: t, byCategory: table(), total: 0 })
  for (const key of keys) {
    const i = (bucketStart(hourStart(key), hours) - from) / size
    if (i < 0) continue
    const b = buckets[i]!
    for (const [c, n] of Object.entries(byHour[key]!)) {
      b.byCategory[c] = (b.byCategory[c] ?? 0) + n
      b.total += n
    }
  }
  return { bucketHours: hours, buckets, truncated: from > bucketStart(first, hours) }
}
