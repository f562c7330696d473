import type { Matcher } from '../match/compile.js'
import { mayHaveCode, scanLine } from '../match/scan.js'
import { codesFromHits, type AnnotatedCode, type CodeMatch } from '../enrich/codes.js'
import { parseRecord, textsToScan, valueAt } from './fields.js'
import { findConflictIn, type Conflict } from '../enrich/conflicts.js'
import { keepNumberText, type NumberText } from './number-text.js'
import { kerberosStatus } from './event-fields.js'

/** What one NDJSON line was found to be. */
export interface RecordReading {
  /** The parsed record, when it has codes; null otherwise (a record without a hit is not parsed). */
  readonly record: Record<string, unknown> | null
  /** The codes in its scanned fields; each match names its field. */
  readonly codes: AnnotatedCode[] | null
  readonly conflict: Conflict | null
  /** Not a JSON object: not JSON, a bare value, a blank line, a record cut by --max-line-length. */
  readonly malformed: boolean
  /** How the record's numbers were kept as written, for printing it back (number-text.ts). */
  readonly numbers: NumberText | null
}

const NOTHING: RecordReading = { record: null, codes: null, conflict: null, malformed: false, numbers: null }
const MALFORMED: RecordReading = { ...NOTHING, malformed: true }

/**
 * One record line read: the record path of every reader (record mode,
 * rsyslog, summarize, the library). Only what must be parsed is parsed:
 * JSON.parse of every record took ~330 ms per million (a third of the run).
 * The pattern runs on the raw line first (codes are never JSON-escaped,
 * markdown backslashes are allowed doubled), and a line without a hit is
 * only checked for the shape of an object, `{` … `}`. So a syntax error
 * inside a record that carries no code passes uncounted; everything else is exact.
 * `keepNumbers`: the record will be printed back, with its numbers as written.
 */
export function readRecordLine (matcher: Matcher, fields: readonly string[] | null, line: string, cut: boolean, keepNumbers = true): RecordReading {
  if (cut) return MALFORMED
  if (!mayHaveCode(matcher, line)) return looksLikeObject(line) ? NOTHING : MALFORMED
  const numbers = keepNumbers ? keepNumberText(line) : null
  const record = parseRecord(numbers?.line ?? line)
  if (record === null) return MALFORMED
  return readRecord(matcher, fields, record, numbers)
}

/** A parsed record's codes and conflict. */
export function readRecord (matcher: Matcher, fields: readonly string[] | null, record: Record<string, unknown>, numbers: NumberText | null = null): RecordReading {
  const codes = annotateRecord(matcher, record, fields)
  if (codes === null) return NOTHING
  return { record, codes, conflict: recordConflict(record, codes), malformed: false, numbers }
}

/** The codes in a record's scanned fields; each match names its field. */
export function annotateRecord (matcher: Matcher, record: Record<string, unknown>, fields: readonly string[] | null): AnnotatedCode[] | null {
  let codes: AnnotatedCode[] | null = null
  for (const [field, text] of textsToScan(record, fields)) {
    const hits = scanLine(matcher, text)
    if (hits !== null) codes = codesFromHits(hits, field, codes ?? [])
  }
  const status = matcher.context.kerberos.size === 0 ? null : kerberosStatus(record)
  const rule = status === null ? undefined : matcher.context.kerberos.get(status.value)
  if (status !== null && rule !== undefined) {
    codes = codesFromHits([{ rule, value: rule.value, form: 'field', text: status.text, start: 0, end: status.text.length }], status.path, codes ?? [])
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

const SPACE = /\s/

/**
 * What readRecordLine makes of a line that holds no literal of the
 * prefilter's, read from its bytes (LF not included): NOTHING for the shape
 * of an object, MALFORMED otherwise. The same test as looksLikeObject: ASCII
 * blanks are skipped here, and where an edge byte starts a multi-byte
 * character (a Unicode space, maybe) the line is decoded and tested as text.
 */
export function readPassedRecord (bytes: Buffer, a: number, b: number): RecordReading {
  let s = a
  let e = b - 1
  while (s <= e && isAsciiBlank(bytes[s]!)) s++
  while (e > s && isAsciiBlank(bytes[e]!)) e--
  if (s <= e && (bytes[s]! >= 0x80 || bytes[e]! >= 0x80)) return looksLikeObject(bytes.toString('utf8', a, b)) ? NOTHING : MALFORMED
  return s < e && bytes[s] === 123 /* { */ && bytes[e] === 125 /* } */ ? NOTHING : MALFORMED
}

/** The ASCII characters \s matches. */
const isAsciiBlank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13)

/** First and last non-blank characters are { and }: the shape of a JSON object, not yet proof of one. */
function looksLikeObject (line: string): boolean {
  let a = 0
  let b = line.length - 1
  while (a <= b && SPACE.test(line[a]!)) a++
  while (b > a && SPACE.test(line[b]!)) b--
  return a < b && line.charCodeAt(a) === 123 /* { */ && line.charCodeAt(b) === 125 /* } */
}
