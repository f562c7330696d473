import through2 from 'through2'
import type { Transform } from 'node:stream'
import { loadRules } from './rules/load.js'
import type { Lang } from './rules/lang.js'
import type { RuleSet } from './rules/types.js'
import { compileMatcher, type Matcher } from './match/compile.js'
import { annotateOneLine, type LineEvent } from './stream/annotate.js'
import { enrichRecord } from './stream/records.js'
import { parseRecord } from './enrich/fields.js'
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
  readonly format?: FormatName
  /** Also recognise codes from the English text Windows prints for them (see the README for the cost). */
  readonly messages?: boolean
  /** Language of meanings and hints for the built-in table (ignored with `rules`); default en. */
  readonly lang?: Lang
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
  const matcher = matcherFor(options.rules, options.messages === true, options.lang ?? 'en')
  const profile = PROFILES[options.format ?? 'native']
  const counter = new SummaryCounter()
  const target = options.target ?? 'sspi'
  const fields = options.fields ?? null
  let lineNumber = 0

  const source = options.source ?? '-'
  const text = (line: string): object | undefined => {
    lineNumber++
    const event = annotateOneLine({ matcher, source, counter }, line, lineNumber)
    if (event !== null) return profile.lineObject(event)
    return options.all === true ? profile.lineObject({ line, lineNumber, source, codes: [] } satisfies LineEvent) : undefined
  }
  const recordOptions = { matcher, fields, target, profile, counter }

  const record = (input: unknown): unknown => {
    const value = typeof input === 'string' ? parseRecord(input) : input
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      counter.countLine(null)
      counter.countMalformed()
      return input
    }
    enrichRecord(recordOptions, value as Record<string, unknown>)
    return value
  }

  const stage = through2.obj(function (chunk: unknown, _enc: BufferEncoding, callback: (err: null, out?: unknown) => void) {
    callback(null, options.input === 'records' ? record(chunk) : text(String(chunk)))
  }) as unknown as Transform
  return Object.assign(stage, { summary: counter.summary })
}
