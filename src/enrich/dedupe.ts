import { createRequire } from 'node:module'
import through2 from 'through2'
import type { Transform } from 'node:stream'
import type { LRUCache } from 'lru-cache'
import type { LineEvent } from './line-event.js'

export interface DedupeOptions {
  /** How long after an event its repeats are folded into it. */
  readonly windowMs: number
  /** At most this many distinct events are remembered; the oldest is let go first. */
  readonly maxEntries?: number
}

/**
 * lru-cache, loaded when a dedupe stage is first made: loading it reads
 * the global `performance` (Node then loads perf_hooks, ~10 modules) and
 * opens a diagnostics channel, ~1.5-2 ms of every start that does not fold
 * repeats.
 */
function lruCache (): typeof LRUCache {
  return (createRequire(import.meta.url)('lru-cache') as { LRUCache: typeof LRUCache }).LRUCache
}

/** An event that stands for `repeated` more lines like the one first printed. */
export type RepeatedEvent = LineEvent & { readonly repeated: number }

interface Pending {
  count: number
  last: LineEvent | null
}

/**
 * A line with its volatile parts blanked, so that two reports of the same
 * failure compare equal: every token holding a digit (timestamps, pids,
 * ports, ids, GUID groups) becomes '#'.
 */
export function normalizeLine (line: string): string {
  return line.replace(/[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*/g, '#')
}

function keyOf (event: LineEvent): string {
  let codes = ''
  for (const c of event.codes) codes += `${c.family}:${c.value}`
  return codes + '\n' + normalizeLine(event.line)
}

/**
 * Folds repeats, like syslog's "last message repeated N times". The first
 * event of a kind (same codes, same normalised line) is passed on at once;
 * its repeats within the window are held back and counted. When the window
 * closes, when the event is pushed out of the bounded memory, or at the end
 * of input, one more event is written for them: the last repeat, with
 * `repeated` set to how many lines it stands for. Every line is accounted for:
 * the first event plus `repeated`. Lines without codes pass straight through.
 */
export function createDedupeStage (options: DedupeOptions): Transform {
  let stage: Transform
  const pending = new (lruCache())<string, Pending>({
    max: options.maxEntries ?? 10_000,
    ttl: options.windowMs,
    ttlAutopurge: true,
    dispose: (p) => {
      if (p.count > 0 && p.last !== null) stage.push({ ...p.last, repeated: p.count } satisfies RepeatedEvent)
    },
  })
  /** The event, when it goes on now; null when it is a repeat, held back and counted. */
  const fold = (event: LineEvent): LineEvent | null => {
    if (event.codes.length === 0) return event
    const key = keyOf(event)
    const seen = pending.get(key)
    if (seen === undefined) {
      pending.set(key, { count: 0, last: null })
      return event
    }
    seen.count++
    seen.last = event
    return null
  }
  stage = through2.obj(function (item: LineEvent | LineEvent[] | string | Buffer, _enc: BufferEncoding, callback: (err?: null, data?: LineEvent | string | Buffer) => void) {
    // Record lines (--input auto found NDJSON), as text or as the bytes of a
    // run of them, pass straight through.
    if (typeof item === 'string' || Buffer.isBuffer(item)) return callback(null, item)
    // The events of one chunk (pipeline/scan-source.ts).
    if (Array.isArray(item)) {
      for (const event of item) {
        const out = fold(event)
        if (out !== null) stage.push(out)
      }
      return callback()
    }
    const out = fold(item)
    if (out !== null) return callback(null, out)
    callback()
  }, function (callback: () => void) {
    pending.clear()
    callback()
  }) as unknown as Transform
  return stage
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `30s`, `5m`, `500ms`, `1h`, or a plain number of seconds; null when it is none of these. */
export function parseWindow (text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (m === null) return null
  const ms = Number(m[1]) * UNITS[m[2] ?? 's']!
  return ms > 0 ? ms : null
}
