import through2 from 'through2'
import type { Transform } from 'node:stream'
import type { Matcher } from '../match/compile.js'
import { scanLine } from '../match/scan.js'
import { codesFromHits, type AnnotatedCode } from '../enrich/codes.js'
import type { SummaryCounter } from '../summary/summary.js'
import { TRUNCATION_MARK_CODE, type Truncations } from './line-guard.js'
import { findConflict } from '../enrich/conflicts.js'

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

export interface AnnotateStageOptions {
  readonly matcher: Matcher
  readonly source: string
  /** Emit one event for every line (codes: [] when none), not only lines with codes. */
  readonly all?: boolean
  /** Tap: every line is counted here. */
  readonly counter?: SummaryCounter
  /** Number of the first line, when a source is read in parts. */
  readonly firstLineNumber?: number
  /** The line guard's record of cut lines, when there is a guard upstream. */
  readonly truncations?: Truncations
}

/** The codes of one line, or null when it has none. */
export function annotateLine (matcher: Matcher, line: string): AnnotatedCode[] | null {
  const hits = scanLine(matcher, line)
  return hits === null ? null : codesFromHits(hits)
}

const NO_CODES: AnnotatedCode[] = []

/** Lines in, LineEvents out (object mode). Every line is counted, none is held back. */
export function createAnnotateStage (options: AnnotateStageOptions): Transform {
  const { source } = options
  const all = options.all === true
  let lineNumber = (options.firstLineNumber ?? 1) - 1
  return through2.obj(function (line: string, _enc: BufferEncoding, callback: (err?: Error | null, data?: LineEvent) => void) {
    lineNumber++
    const event = annotateOneLine(options, line, lineNumber)
    callback(null, event ?? (all ? { line, lineNumber, source, codes: NO_CODES } satisfies LineEvent : undefined))
  }) as unknown as Transform
}

/**
 * One line as the stages take it: counted, and its event when it has codes
 * or was cut by the line guard (a cut line is always written); null else.
 */
export function annotateOneLine (options: AnnotateStageOptions, line: string, lineNumber: number): LineEvent | null {
  const { matcher, source, counter, truncations } = options
  if (line.charCodeAt(line.length - 1) === TRUNCATION_MARK_CODE && truncations !== undefined) {
    return truncatedLineEvent(matcher, line.slice(0, -1), lineNumber, source, truncations.take(), counter)
  }
  const codes = annotateLine(matcher, line)
  counter?.countLine(codes)
  return codes === null ? null : withConflict({ line, lineNumber, source, codes }, counter)
}

/** A cut line is always written: a user must learn that part of it was not read. */
function truncatedLineEvent (matcher: Matcher, kept: string, lineNumber: number, source: string, originalLength: number, counter?: SummaryCounter): LineEvent {
  const codes = annotateLine(matcher, kept)
  counter?.countLine(codes)
  counter?.countTruncated()
  const event = withConflict({ line: kept, lineNumber, source, codes: codes ?? NO_CODES }, counter)
  return { ...event, truncated: true, originalLength }
}

/** Only a line with two codes or more can pair a name with another code's number. */
export function withConflict (event: LineEvent, counter?: SummaryCounter): LineEvent {
  if (event.codes.length < 2) return event
  const conflict = findConflict(event.line, event.codes)
  if (conflict === null) return event
  counter?.countConflict()
  return { ...event, conflict: true, conflictNote: conflict.note }
}
