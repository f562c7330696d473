/**
 * When a record happened: its @timestamp (ECS), timestamp or time field, in
 * that order, as ISO 8601 text or as a number since the epoch. Loggers write
 * that number in seconds (Python, Go's zap), milliseconds (pino, Java),
 * microseconds or nanoseconds (OpenTelemetry, Vector), and the record says
 * not which: its size does. Seconds stay below 1e11 until the year 5138,
 * and milliseconds are above it for any time since March 1973; the same
 * factor of a thousand puts 1e14 between milliseconds and microseconds and
 * 1e17 between microseconds and nanoseconds. Null when there is no such
 * field, or it cannot be read (text that is no date, a number not above 0).
 */
export function recordTime (r: Record<string, unknown>): number | null {
  for (const key of ['@timestamp', 'timestamp', 'time']) {
    const v = r[key]
    const t = typeof v === 'number' ? epochMs(v) : typeof v === 'string' ? Date.parse(v) : Number.NaN
    if (Number.isFinite(t)) return t
  }
  return null
}

function epochMs (n: number): number {
  if (!(n > 0)) return Number.NaN
  if (n < 1e11) return Math.round(n * 1000)
  if (n < 1e14) return n
  if (n < 1e17) return Math.floor(n / 1e3)
  return Math.floor(n / 1e6)
}
