import { jsonText } from '../enrich/json-text.js'
import type { Matcher } from '../match/compile.js'
import { mayHaveCode, scanLine } from '../match/scan.js'
import { codesFromHits, type AnnotatedCode, type CodeMatch } from '../enrich/codes.js'
import { parseRecord, textsToScan, valueAt } from '../enrich/fields.js'
import { findConflictIn, type Conflict } from '../enrich/conflicts.js'
import { keepNumberText } from '../enrich/number-text.js'
import type { OutputProfile } from '../formats/profile.js'
import type { SummaryCounter } from '../summary/summary.js'
import { TRUNCATION_MARK_CODE, type Truncations } from './line-guard.js'

export interface RecordOptions {
  readonly matcher: Matcher
  /** Dot paths of the fields to scan; null for the first string of message, msg, log, MESSAGE. */
  readonly fields: readonly string[] | null
  /** Where the annotation goes in the record. */
  readonly target: string
  readonly profile: OutputProfile
  readonly counter?: SummaryCounter
  readonly truncations?: Truncations
}

/** What became of one record line. */
export interface RecordResult {
  /** The line to write: the input itself when nothing was added. */
  readonly text: string
  readonly codes: AnnotatedCode[] | null
  readonly malformed: boolean
}

/** The codes in a record's scanned fields; each match names its field. */
export function annotateRecord (matcher: Matcher, record: Record<string, unknown>, fields: readonly string[] | null): AnnotatedCode[] | null {
  let codes: AnnotatedCode[] | null = null
  for (const [field, text] of textsToScan(record, fields)) {
    const hits = scanLine(matcher, text)
    if (hits !== null) codes = codesFromHits(hits, field, codes ?? [])
  }
  return codes === null || matcher.messages === null ? codes : explicitCodesWin(codes)
}

/** A name beside another code's number within one scanned field of `record`. */
export function recordConflict (record: Record<string, unknown>, codes: readonly AnnotatedCode[]): Conflict | null {
  return findConflictIn((field) => String(valueAt(record, field ?? '') ?? ''), codes)
}

/**
 * Within a line, a message counts only when no code is written beside it
 * (scan.ts); a record's fields are scanned one by one, so the same rule is
 * applied across them here: message-only codes go when another field writes one.
 */
function explicitCodesWin (codes: AnnotatedCode[]): AnnotatedCode[] {
  const fromText = (m: CodeMatch): boolean => m.form === 'message-text'
  if (codes.every((c) => c.matches.every(fromText))) return codes
  const kept: AnnotatedCode[] = []
  for (const c of codes) {
    const matches = c.matches.filter((m) => !fromText(m))
    if (matches.length > 0) kept.push(matches.length === c.matches.length ? c : { ...c, matches })
  }
  return kept
}

/**
 * One NDJSON line in, one line out. A record with codes comes out with the
 * annotation added; any other line comes out exactly as it came in, so
 * records without codes are untouched byte for byte. A line that is not a
 * JSON object (not JSON, a bare value, a blank line, a record cut by
 * --max-line-length) is passed on unchanged and counted as malformed.
 *
 * Only what must be parsed is parsed: JSON.parse of every record took
 * ~330 ms per million (a third of the run). The pattern runs on the raw line
 * first (codes are never JSON-escaped, markdown backslashes are allowed
 * doubled), and a line without a hit is only checked for the shape of an
 * object, `{` … `}`. So a syntax error inside a record that carries no code
 * passes uncounted; everything else is exact.
 */
export function processRecordLine (options: RecordOptions, line: string): RecordResult {
  const { counter } = options
  if (line.charCodeAt(line.length - 1) === TRUNCATION_MARK_CODE && options.truncations !== undefined) {
    options.truncations.take()
    counter?.countTruncated()
    return malformed(options, line.slice(0, -1))
  }
  if (!mayHaveCode(options.matcher, line)) {
    if (!looksLikeObject(line)) return malformed(options, line)
    counter?.countLine(null)
    return { text: line, codes: null, malformed: false }
  }
  const numbers = keepNumberText(line)
  const record = parseRecord(numbers?.line ?? line)
  if (record === null) return malformed(options, line)
  const codes = enrichRecord(options, record)
  if (codes === null) return { text: line, codes: null, malformed: false }
  const text = jsonText(record)
  return { text: numbers === null ? text : numbers.restore(text), codes, malformed: false }
}

/**
 * A parsed record annotated in place: its codes found and counted, a
 * conflict noted, the annotation written by the profile. Null when it has
 * no codes (the record is then untouched).
 */
export function enrichRecord (options: RecordOptions, record: Record<string, unknown>): AnnotatedCode[] | null {
  const codes = annotateRecord(options.matcher, record, options.fields)
  options.counter?.countLine(codes)
  if (codes === null) return null
  const conflict = recordConflict(record, codes)
  if (conflict !== null) options.counter?.countConflict()
  options.profile.enrichRecord(record, codes, options.target, conflict?.note)
  return codes
}

const SPACE = /\s/

/** First and last non-blank characters are { and }: the shape of a JSON object, not yet proof of one. */
function looksLikeObject (line: string): boolean {
  let a = 0
  let b = line.length - 1
  while (a <= b && SPACE.test(line[a]!)) a++
  while (b > a && SPACE.test(line[b]!)) b--
  return a < b && line.charCodeAt(a) === 123 /* { */ && line.charCodeAt(b) === 125 /* } */
}

function malformed (options: RecordOptions, line: string): RecordResult {
  options.counter?.countLine(null)
  options.counter?.countMalformed()
  return { text: line, codes: null, malformed: true }
}
