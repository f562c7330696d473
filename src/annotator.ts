import through2 from 'through2'
import type { Transform } from 'node:stream'
import { loadRules } from './rules/load.js'
import type { Lang } from './rules/lang.js'
import type { RuleSet } from './rules/types.js'
import { compileMatcher, type Matcher } from './match/compile.js'
import { DEFAULT_MAX_LINE_BYTES, LineScanner } from './scan/line-scanner.js'
import { readRecord, type RecordReading } from './parse/record-line.js'
import { parseRecord } from './parse/fields.js'
import { countReading, eventSink, hostOfSource, recordSink } from './pipeline/sinks.js'
import { PROFILES, type FormatName } from './formats/index.js'
import { SummaryCounter, type Summary } from './summary/summary.js'

export interface AnnotatorOptions {
  /** The table to use; default the built-in one. */
  readonly rules?: RuleSet
  /** text: strings (log lines) in, events out; records: objects (or NDJSON strings) in, the same records out. */
  readonly input?: 'text' | 'records'
  /** Text: an event for every line, not only those with codes. */
  readonly all?: boolean
  /** Text: the name events carry in `source`. */
  readonly source?: string
  /** Records: dot paths to scan (default: the first string of message, msg, log, MESSAGE). */
  readonly fields?: readonly string[]
  /** Records: where the annotation goes (default sspi). */
  readonly target?: string
  /** Records: the field that names a record's host in `summary.byHost` (default: `source`). */
  readonly hostField?: string
  readonly format?: FormatName
  /** Recognise codes from the English text Windows prints for them, on lines that write no code (default true). */
  readonly messages?: boolean
  /** Language of meanings and hints for the built-in table (ignored with `rules`); default en. */
  readonly lang?: Lang
  /** Longer lines are cut (text: kept start, `truncated: true`; records: malformed), in UTF-8 bytes; default 1 MiB. */
  readonly maxLineBytes?: number
}

/** An object-mode Transform that annotates, with its live counts. */
export type Annotator = Transform & { readonly summary: Summary }

/** The built-in table's matchers, compiled once per language and message setting. */
const builtinMatchers = new Map<string, Matcher>()
const matcherFor = (rules: RuleSet | undefined, messages: boolean, lang: Lang): Matcher => {
  if (rules !== undefined) return compileMatcher(rules, { messages })
  const key = `${lang} ${messages}`
  let matcher = builtinMatchers.get(key)
  if (matcher === undefined) {
    matcher = compileMatcher(loadRules({ lang }), { messages })
    builtinMatchers.set(key, matcher)
  }
  return matcher
}

/**
 * The annotate step as an object-mode Transform for Node-based shippers,
 * to use with stream.pipeline. With `input: 'text'` it takes log lines
 * (strings) and gives events in the chosen format; with `input: 'records'`
 * it takes records (objects, or NDJSON lines) and gives every record back, in
 * order, with the annotation added when it has codes. A string that is not
 * a JSON object passes through unchanged and is counted as malformed.
 */
export function createAnnotator (options: AnnotatorOptions = {}): Annotator {
  const matcher = matcherFor(options.rules, options.messages !== false, options.lang ?? 'en')
  const profile = PROFILES[options.format ?? 'native']
  const counter = new SummaryCounter()
  const target = options.target ?? 'sspi'
  const fields = options.fields ?? null
  const source = options.source ?? '-'
  const place = { host: hostOfSource(source), hostField: options.hostField ?? null }
  /** What the sinks hand out for the input in hand, and that input. */
  let out: unknown
  let given = ''
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES

  // Strings go through the same line scanner and sinks as the command's
  // input; each call hands over at most one output.
  const lines = new LineScanner({ matcher, mode: options.all === true ? 'every' : 'hits', maxLineBytes }, eventSink({ source, all: options.all === true, counter, place }, (event) => { out = profile.lineObject(event) }))
  const recordLines = new LineScanner({ matcher, mode: 'unscanned', maxLineBytes }, recordSink({ matcher, fields, counter, place, keepNumbers: false, source }, { each: (line, reading) => {
    if (reading.record !== null) out = recordObject(reading)
    // A line that is no record (or too long to read) is handed back as it came.
    else out = reading.malformed ? given : parseRecord(line) ?? line
  } }))
  const recordObject = (reading: RecordReading): Record<string, unknown> => {
    profile.enrichRecord(reading.record!, reading.codes!, target, reading.conflict?.note)
    return reading.record!
  }

  const record = (input: unknown): unknown => {
    if (typeof input === 'string') {
      given = input
      recordLines.writeLine(input)
      return out
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      counter.count({ codes: null, conflict: false, cut: false, malformed: true, time: null, host: place.host })
      return input
    }
    const reading = readRecord(matcher, fields, input as Record<string, unknown>)
    countReading(counter, reading, place)
    return reading.codes === null ? input : recordObject(reading)
  }

  const stage = through2.obj(function (chunk: unknown, _enc: BufferEncoding, callback: (err: null, out?: unknown) => void) {
    out = undefined
    if (options.input === 'records') return callback(null, record(chunk))
    lines.writeLine(String(chunk))
    callback(null, out)
  }) as unknown as Transform
  // A getter: the counter brings firstSeen and lastSeen up to date when read.
  return Object.defineProperty(stage, 'summary', { get: () => counter.summary, enumerable: true }) as Annotator
}
