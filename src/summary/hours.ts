/**
 * Per-hour buckets of the summary's timeline, keyed by the first 13
 * characters of an ISO 8601 UTC time: `2025-03-11T08`. Keys sort as times do.
 */
export const HOUR_MS = 3_600_000

/** The bucket of an ISO time string such as `2025-03-11T08:14:02.117Z`. */
export const hourOfIso = (iso: string): string => iso.slice(0, 13)

/** The bucket of a time in milliseconds. */
export const hourOf = (time: number): string => hourOfIso(new Date(time).toISOString())

/** When a bucket starts, in milliseconds. */
export const hourStart = (hour: string): number => Date.parse(`${hour}:00:00Z`)
