import { hostname } from 'node:os'
import { loadRules } from '../rules/load.js'
import type { Lang } from '../rules/lang.js'
import type { RuleSet } from '../rules/types.js'
import { compileMatcher, type Matcher } from '../match/compile.js'
import { DEFAULT_MAX_LINE_BYTES } from '../scan/line-scanner.js'
import type { FormatName } from '../formats/index.js'
import { SummaryCounter, addSummary, emptySummary, type Summary } from '../summary/summary.js'
import { createEntryAnnotator } from './entry-annotator.js'
import type { DoneEntry, FailedEntry, Queue, QueueEntry } from './queue.js'
import { parseRedisUrl } from './redis-url.js'
import { connect, listQueue, streamQueue, type Output } from './redis-queues.js'

export interface ConsumerOptions {
  /** redis://HOST:PORT/DB/KEY or redis+unix:///path.sock?db=0&key=KEY: the stream (or list) to read. */
  readonly url: string
  /** stream (a consumer group) or list (Logstash, Vector, rsyslog omhiredis). */
  readonly from?: 'stream' | 'list'
  /** The consumer group (streams). */
  readonly group?: string
  /** This worker's name in the group, and of its processing list; default host and pid. A restart under the same name takes up its unfinished entries. */
  readonly consumer?: string
  /** A stream on the same server (a key, or a URL naming the same server) for the output entries; or a function, called with the NDJSON text of a batch before it is acknowledged. */
  readonly out: string | ((text: string) => Promise<void>)
  /** Stream for entries that cannot be read, once delivered more than maxDeliveries times (lists: at once); default none. */
  readonly deadLetter?: string | null
  readonly maxDeliveries?: number
  /** How long an entry stays pending to a silent worker before another takes it over; default 30 s. */
  readonly minIdleMs?: number
  /** Entries per read; default about BATCH_BYTES of entries, from the size of the last ones read (10 to 2,000). */
  readonly batch?: number
  /** The longest a read waits; also how soon stop() is noticed. Default 1 s. */
  readonly blockMs?: number
  readonly rules?: RuleSet
  readonly lang?: Lang
  readonly messages?: boolean
  readonly input?: 'text' | 'ndjson'
  readonly all?: boolean
  readonly fields?: readonly string[] | null
  readonly target?: string
  readonly format?: FormatName
  readonly maxLineBytes?: number
}

export interface Consumer {
  /** Read, annotate, write and acknowledge until stop(); resolves with this worker's counts once the batch in hand is committed. */
  run (): Promise<Summary>
  /** Finish the batch in hand, then end run(). */
  stop (): void
  /** The counts so far: only of entries written. */
  readonly summary: Summary
}

/**
 * A worker of a consumer group: the loop is engine-neutral (read a batch,
 * annotate, commit or fail each entry; queue.ts), the Redis stream and list
 * queues are in redis-queues.ts.
 */
export function createConsumer (options: ConsumerOptions): Consumer {
  const place = parseRedisUrl(options.url)
  const from = options.from ?? 'stream'
  const consumer = options.consumer ?? `${hostname()}-${process.pid}`
  const matcher: Matcher = compileMatcher(options.rules ?? loadRules({ lang: options.lang ?? 'en' }), { messages: options.messages !== false })
  const forBatch = createEntryAnnotator({
    matcher,
    input: options.input ?? 'text',
    all: options.all === true,
    fields: options.fields ?? null,
    target: options.target ?? 'sspi',
    format: options.format ?? 'native',
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    source: place.key,
  })
  const output: Output = typeof options.out === 'function' ? { write: options.out } : { key: options.out.includes('://') ? sameServerKey(place, options.out) : options.out }
  const summary = emptySummary()
  let stopping = false

  const run = async (): Promise<Summary> => {
    const [redis, writer] = await Promise.all([connect(place), connect(place)])
    const common = { key: place.key, consumer, output, deadLetter: options.deadLetter ?? null, blockMs: options.blockMs ?? 1000 }
    const queue: Queue = from === 'list'
      ? await listQueue(redis, writer, common)
      : await streamQueue(redis, writer, { ...common, group: options.group ?? 'sspi-annotate', maxDeliveries: options.maxDeliveries ?? 5, minIdleMs: options.minIdleMs ?? 30_000 })
    let size = options.batch ?? 100
    const max = (): number => size
    try {
      // Two batches at a time: the next is read while this one is annotated,
      // and this one is committed while the next is annotated (on another
      // connection). Measured on 1M lines in entries of 100, in-process:
      // annotating took ~500 ms, committing ~220, waiting for reads ~310.
      // On stop, a batch already read is still annotated and committed,
      // leaving nothing pending.
      let next = queue.read(max())
      let committing: Promise<void> | null = null
      while (true) {
        const entries = await next
        const last = stopping
        if (options.batch === undefined && entries.length > 0) size = batchFor(entries)
        if (!last) next = queue.read(max())
        const batch = await annotateBatch(entries)
        if (committing !== null) await committing
        committing = batch === null ? null : commitBatch(queue, batch)
        if (last) break
      }
      if (committing !== null) await committing
    } finally {
      await queue.close()
    }
    return summary
  }

  interface Batch { readonly done: DoneEntry[], readonly failed: FailedEntry[], readonly counter: SummaryCounter }

  const annotateBatch = async (entries: readonly QueueEntry[]): Promise<Batch | null> => {
    if (entries.length === 0) return null
    const counter = new SummaryCounter()
    const annotate = forBatch(counter)
    const done: DoneEntry[] = []
    const failed: FailedEntry[] = []
    let unread = 0
    for (const entry of entries) {
      if (entry.text === null) {
        failed.push({ entry, error: entry.problem ?? 'no text' })
        continue
      }
      try {
        done.push({ entry, output: annotate(entry.text, entry.id) })
      } catch (err) {
        failed.push({ entry, error: (err as Error).message })
      }
      unread += entry.text.length
      if (unread >= YIELD_BYTES) {
        unread = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    return { done, failed, counter }
  }

  const commitBatch = async (queue: Queue, { done, failed, counter }: Batch): Promise<void> => {
    await queue.fail(failed)
    const written = await queue.commit(done)
    // Counted only when written: entries another worker took over while this
    // one stalled are counted by that worker. Added in place: a new merged
    // copy per batch cost ~40 ms per million lines (~70 KB of tallies).
    if (written.length === done.length) addSummary(summary, counter.summary)
    else {
      const again = new SummaryCounter()
      const recount = forBatch(again)
      for (const d of written) recount(d.entry.text!, d.entry.id)
      addSummary(summary, again.summary)
    }
  }

  return {
    run,
    stop: () => { stopping = true },
    get summary () { return summary },
  }
}

/**
 * A batch is annotated in steps of this many bytes of text, letting the
 * next read's reply in between. A reply of ~1 MB does not fit a Unix
 * socket's buffer (~208 KB), so Redis could send the rest only once the
 * batch before it was annotated: the worker waited ~500 ms of a ~900 ms
 * run for reads (1M lines in entries of 100), ~250 ms so.
 */
const YIELD_BYTES = 128 * 1024

/**
 * Entries per read when --batch is not given: about a megabyte of them.
 * Each read and each commit is a round trip; measured on this machine, one
 * line per entry in reads of 100 entries ran at ~50k lines/s, and entries
 * of 100 lines in reads of 100 (1.3 MB) near a million.
 */
const BATCH_BYTES = 1 << 20
function batchFor (entries: readonly QueueEntry[]): number {
  let bytes = 0
  for (const e of entries) bytes += e.text?.length ?? 0
  return Math.max(10, Math.min(2000, Math.round(BATCH_BYTES / Math.max(1, bytes / entries.length))))
}

/** An output URL must name the server the worker reads from: writing and acknowledging are one step there. */
function sameServerKey (from: ReturnType<typeof parseRedisUrl>, url: string): string {
  const out = parseRedisUrl(url)
  if (JSON.stringify(out.socket) !== JSON.stringify(from.socket) || out.database !== from.database) {
    throw new Error(`${url}: the output stream must be on the server and database the worker reads (${from.url}), so that writing and acknowledging are one step`)
  }
  return out.key
}
