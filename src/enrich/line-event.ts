import type { ScannedLine } from '../scan/line-scanner.js'
import type { Matcher } from '../match/compile.js'
import { scanLine } from '../match/scan.js'
import { codesFromHits, type AnnotatedCode } from './codes.js'
import { findConflict } from './conflicts.js'

/** One annotated input line: the event written as one NDJSON object. */
export interface LineEvent {
  readonly line: string
  /** 1-based, per source. */
  readonly lineNumber: number
  /** The file path as given, or `-` for standard input. */
  readonly source: string
  readonly codes: AnnotatedCode[]
  /** Set when a name is written beside a different code's number, e.g. 0x8009030D (SEC_E_INVALID_TOKEN). */
  readonly conflict?: true
  /** With conflict: what disagrees. */
  readonly conflictNote?: string
  /** Set when the line was longer than --max-line-length: only its start was kept and scanned. */
  readonly truncated?: true
  /** With truncated: the line's full length in UTF-8 bytes. */
  readonly originalLength?: number
}

const NO_CODES: AnnotatedCode[] = []

/**
 * The event of a scanned line: its codes, a conflict when a name sits beside
 * another code's number, and the cut. Null for a whole line without codes;
 * a cut line always has one, since a user must learn that part of it was not read.
 */
export function eventOf (line: ScannedLine, source: string): LineEvent | null {
  const codes = line.hits === null ? null : codesFromHits(line.hits)
  if (codes === null && line.cut === null) return null
  let event: LineEvent = { line: line.text, lineNumber: line.lineNumber, source, codes: codes ?? NO_CODES }
  // Only a line with two codes or more can pair a name with another code's number.
  const conflict = event.codes.length < 2 ? null : findConflict(event.line, event.codes)
  if (conflict !== null) event = { ...event, conflict: true, conflictNote: conflict.note }
  if (line.cut !== null) event = { ...event, truncated: true, originalLength: line.cut }
  return event
}

/** The event --all writes for a line without codes. */
export function plainEvent (line: ScannedLine, source: string): LineEvent {
  return { line: line.text, lineNumber: line.lineNumber, source, codes: NO_CODES }
}

/** The codes of one line, or null when it has none. */
export function annotateLine (matcher: Matcher, line: string): AnnotatedCode[] | null {
  const hits = scanLine(matcher, line)
  return hits === null ? null : codesFromHits(hits)
}
