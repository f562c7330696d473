import type { Readable, Transform } from 'node:stream'
import type { Matcher } from '../match/compile.js'
import type { InputMode } from '../parse/input-mode.js'
import type { SinkChoice } from '../scan/source-scanner.js'
import { DEFAULT_MAX_LINE_BYTES } from '../scan/line-scanner.js'
import { PROFILES, type FormatName } from '../formats/index.js'
import { recordText } from '../formats/record-text.js'
import { RSYSLOG_FIELDS, rsyslogReply, rsyslogUnchanged } from '../formats/rsyslog.js'
import { forEachWithoutCrOfCrlf } from '../scan/hit-lines.js'
import { createTextBatchStage } from '../formats/ndjson.js'
import { prettyEvent, type PrettyOptions } from '../formats/pretty.js'
import type { LineEvent } from '../enrich/line-event.js'
import { createDedupeStage } from '../enrich/dedupe.js'
import type { SummaryCounter } from '../summary/summary.js'
import { eventSink, hostOfSource, recordSink } from './sinks.js'
import { ScanSource } from './scan-source.js'

/** What a run of annotate was asked to do, as far as its stages care. */
export interface AnnotatePlan {
  readonly matcher: Matcher
  /** Emit one event for every line (codes: [] when none), not only lines with codes. */
  readonly all?: boolean
  /** text: lines of text; ndjson: records; auto: decided per source by its first line. */
  readonly input?: InputMode | 'auto'
  /** Record mode: the fields to scan (null: message, msg, log, MESSAGE; rsyslog: msg). */
  readonly fields?: readonly string[] | null
  /** Record mode: where the annotation goes. */
  readonly target?: string
  /** Record mode: the field that names a record's host in the counts (default: the source's name). */
  readonly hostField?: string | null
  readonly format?: FormatName
  /** Speak rsyslog's mmexternal protocol: one reply line per message line. */
  readonly rsyslog?: boolean
  /** Fold repeated events seen within this many milliseconds (--dedupe). */
  readonly dedupeWindowMs?: number | null
  /** Longer lines are cut (text) or passed on unread (records), in UTF-8 bytes. */
  readonly maxLineBytes?: number
  /** Year for RFC 3164 stamps in the counts' time table. */
  readonly year?: number
  /** Text events for a person at a terminal instead of NDJSON (formats/pretty.ts). */
  readonly pretty?: PrettyOptions | null
}

/**
 * The streams one source goes through, from its raw chunks to output text:
 * the scan source (decode, split, scan, and the sink the options call for),
 * the repeat folder with --dedupe, and the batching writer. Every line is
 * counted once into `counter`; `whole` says at the end whether the input
 * ended whole (ScanSource). A pure function of the options, so which
 * stages serve which options is tested without a process.
 */
export function sourceStages (plan: AnnotatePlan, source: string, counter: SummaryCounter, chunks: AsyncIterable<Buffer> | Iterable<Buffer>, whole: () => boolean = () => true): [Readable, ...Transform[]] {
  const profile = PROFILES[plan.format ?? 'native']
  const target = plan.target ?? 'sspi'
  const place = { host: hostOfSource(source), year: plan.year, hostField: plan.hostField ?? null }
  const sinkFor = (input: InputMode, emit: (out: unknown) => void): SinkChoice => {
    if (plan.rsyslog === true) {
      const options = { matcher: plan.matcher, fields: plan.fields ?? RSYSLOG_FIELDS, counter, place, source }
      // A message the prefilter found nothing in changes nothing: `{}`, one per line.
      return { mode: 'unscanned', sink: recordSink(options, { each: (_line, reading) => { emit(rsyslogReply(reading, target) + '\n') }, run: (_bytes, lines) => { emit(rsyslogUnchanged(lines)) } }) }
    }
    if (input === 'ndjson') {
      const options = { matcher: plan.matcher, fields: plan.fields ?? null, counter, place, source }
      // A line too long to read as a record goes out as it came in, and so
      // do the runs of lines the prefilter found nothing in.
      return { mode: 'unscanned', sink: recordSink(options, {
        each: (line, reading) => { emit(recordText(line, reading, profile, target) + '\n') },
        long: { text: emit, end: () => { emit('\n') } },
        run: (bytes) => { forEachWithoutCrOfCrlf(bytes, emit) },
      }) }
    }
    // Without --all only lines with codes become events: whole blocks are
    // scanned at once and no other line is made a string (line-scanner.ts).
    const all = plan.all === true
    return { mode: all ? 'every' : 'hits', sink: eventSink({ source, all, counter, place }, emit) }
  }
  const scan = new ScanSource(chunks, {
    matcher: plan.matcher,
    input: plan.rsyslog === true ? 'ndjson' : plan.input ?? 'text',
    maxLineBytes: plan.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    onReplaced: (n) => { counter.countReplaced(n) },
  }, sinkFor, whole)
  const pretty = plan.pretty ?? null
  const writer = createTextBatchStage((out) => typeof out === 'string'
    ? out
    : pretty !== null ? prettyEvent(out as LineEvent, pretty) : profile.lineJson(out as LineEvent) + '\n')
  return plan.dedupeWindowMs == null ? [scan, writer] : [scan, createDedupeStage({ windowMs: plan.dedupeWindowMs }), writer]
}
