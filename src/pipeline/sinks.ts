import { basename } from 'node:path'
import type { Matcher } from '../match/compile.js'
import type { LineSink, ScannedLine } from '../scan/line-scanner.js'
import { eventOf, plainEvent, type LineEvent } from '../enrich/line-event.js'
import { readPassedRecord, readRecordLine, type RecordReading } from '../parse/record-line.js'
import { readLineStart } from '../parse/line-start.js'
import { recordTime } from '../parse/record-time.js'
import { valueAt } from '../parse/fields.js'
import type { LineAt, SummaryCounter } from '../summary/summary.js'
import type { InputMode } from '../parse/input-mode.js'
import type { SinkChoice } from '../scan/source-scanner.js'

/**
 * Where a line with codes happened, for the counts' time and host tables:
 * the stamp and syslog host at the start of a text line, a record's time
 * field and --host-field, else `host` (the file name, or stdin).
 */
export interface Place {
  readonly host: string
  /** Year for RFC 3164 stamps, which have none. */
  readonly year?: number
  /** Records: the field that names the host. */
  readonly hostField?: string | null
}

/** The name a source's lines are counted under when they name no host: the file's name, or stdin. */
export function hostOfSource (source: string): string {
  return source === '-' ? 'stdin' : basename(source)
}

/**
 * Text lines in, events out: only lines with codes (and cut lines), or with
 * `all` every line. Every line is counted once, by `counter`.
 */
export function eventSink (options: { readonly source: string, readonly all: boolean, readonly counter: SummaryCounter, readonly place: Place }, emit: (event: LineEvent) => void): LineSink {
  const { source, all, counter, place } = options
  return {
    plain: (n) => { counter.countPlainLines(n) },
    line: (line) => {
      const event = eventOf(line, source)
      countEvent(counter, event, line, place, source)
      if (event !== null) emit(event)
      else if (all) emit(plainEvent(line, source))
    },
  }
}

function countEvent (counter: SummaryCounter, event: LineEvent | null, line: ScannedLine, place: Place, source: string): void {
  if (event === null || event.codes.length === 0) {
    counter.count({ codes: null, conflict: false, cut: line.cut !== null, malformed: false, time: null, host: place.host })
    return
  }
  const start = readLineStart(line.text, 0, place.year)
  counter.count({ codes: event.codes, conflict: event.conflict === true, cut: line.cut !== null, malformed: false, time: start.time, host: start.host ?? place.host, at: { source, line: line.lineNumber, text: line.text } })
}

export interface RecordSinkOptions {
  readonly matcher: Matcher
  /** Dot paths of the fields to scan; null for the first string of message, msg, log, MESSAGE. */
  readonly fields: readonly string[] | null
  readonly counter: SummaryCounter
  readonly place: Place
  /** The records are printed back as text, numbers as written (false: the library hands out objects). */
  readonly keepNumbers?: boolean
  /** The file the records come from, for each code's first and last occurrence in the counts. */
  readonly source?: string
}

/** Where a line too long to read as a record goes instead, as the text it is made of. */
export interface PassedLine {
  /** A piece of the line, as it streams by. */
  text (piece: string): void
  /** The line has ended (its LF not included); it was counted as cut and malformed. */
  end (): void
}

/**
 * NDJSON record lines in; each line's reading out, with the line, to
 * `output.each`. Counted once here. With `output.long`, a line over
 * --max-line-length goes there byte for byte instead of being cut. With
 * `output.run`, lines the prefilter found nothing in are read from their
 * bytes (readPassedRecord), counted, and handed over as the bytes of the
 * run instead of one by one to `each`.
 */
/** Where a record sink's lines go. */
export interface RecordOutput {
  /** Each line read, with its reading (written in the chosen format, or nothing for counts). */
  readonly each: (line: string, reading: RecordReading) => void
  /** A line over --max-line-length, byte for byte as it streams by, instead of cut. */
  readonly long?: PassedLine
  /** The runs of lines the prefilter found nothing in, as their bytes, once counted. */
  readonly run?: (bytes: Buffer, lines: number) => void
}

export function recordSink (options: RecordSinkOptions, output: RecordOutput): LineSink {
  const { matcher, fields, counter, place } = options
  const { each, long: passLong, run: passRun } = output
  return {
    passed: passRun === undefined
      ? undefined
      : (bytes, lines) => {
          // No codes, no cut: only whether each is a JSON object is left to
          // count, in bulk (an outcome object per record cost ~40 ms per
          // million records of the bench's NDJSON).
          let malformed = 0
          for (let s = 0; s < bytes.length;) {
            const e = bytes.indexOf(10, s)
            if (readPassedRecord(bytes, s, e).malformed) malformed++
            s = e + 1
          }
          counter.countPlainLines(lines, malformed)
          passRun(bytes, lines)
        },
    plain: () => { throw new Error('records are read line by line') },
    line: (line) => {
      const reading = readRecordLine(matcher, fields, line.text, line.cut !== null, options.keepNumbers !== false)
      countReading(counter, reading, place, line.cut !== null, options.source === undefined || reading.codes === null ? undefined : { source: options.source, line: line.lineNumber, text: line.text })
      each(line.text, reading)
    },
    long: passLong === undefined
      ? undefined
      : {
          bytes: (piece) => { passLong.text(piece.toString('utf8')) },
          end: () => {
            countReading(counter, MALFORMED_CUT, place, true)
            passLong.end()
          },
        },
  }
}

const MALFORMED_CUT: RecordReading = { record: null, codes: null, conflict: null, malformed: true, numbers: null }

/** One record counted, with its time and host when it has codes. */
export function countReading (counter: SummaryCounter, r: RecordReading, place: Place, cut = false, at?: LineAt): void {
  let time: number | null = null
  let host = place.host
  if (r.record !== null && r.codes !== null) {
    time = recordTime(r.record)
    const h = place.hostField == null ? undefined : valueAt(r.record, place.hostField)
    if (typeof h === 'string' && h !== '') host = h
  }
  counter.count({ codes: r.codes, conflict: r.conflict !== null, cut, malformed: r.malformed, time, host, ...(at === undefined ? {} : { at }) })
}

/** What summarize needs to know to count a source. */
export interface CountPlan {
  readonly matcher: Matcher
  readonly source: string
  readonly fields: readonly string[] | null
  readonly hostField: string | null
  readonly year?: number
}

/**
 * summarize's sinks: the same as annotate's, writing nothing. Text is read
 * in blocks (only lines with codes become strings); records line by line.
 */
export function countingSink (input: InputMode, plan: CountPlan, counter: SummaryCounter): SinkChoice {
  const place = { host: hostOfSource(plan.source), year: plan.year, hostField: plan.hostField }
  if (input === 'ndjson') return { mode: 'unscanned', sink: recordSink({ matcher: plan.matcher, fields: plan.fields, counter, place, keepNumbers: false, source: plan.source }, { each: () => {}, run: () => {} }) }
  return { mode: 'hits', sink: eventSink({ source: plan.source, all: false, counter, place }, () => {}) }
}
