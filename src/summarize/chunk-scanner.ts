import type { Matcher } from '../match/compile.js'
import { scanLine, type Hit } from '../match/scan.js'
import { codesFromHits, type AnnotatedCode } from '../enrich/codes.js'
import { annotateRecord, recordConflict } from '../stream/records.js'
import { findConflict } from '../enrich/conflicts.js'
import { parseRecord, valueAt } from '../enrich/fields.js'
import type { SummaryCounter } from '../summary/summary.js'
import { readLineStart } from './line-start.js'

export interface ChunkScannerOptions {
  readonly matcher: Matcher
  readonly counter: SummaryCounter
  /** The host for lines that name none (the file name). */
  readonly host: string
  /** Year for RFC 3164 stamps. */
  readonly year?: number
  /** Read lines as NDJSON records. */
  readonly records?: { readonly fields: readonly string[] | null, readonly hostField: string | null }
}

/**
 * A line longer than this keeps only its start, as in annotate
 * (--max-line-length): the rest is dropped as it streams by and the line is
 * counted as truncated, so memory stays flat whatever the input.
 */
const MAX_LINE = 1024 * 1024

/**
 * Counts for summarize, from decoded text in any chunks: the whole chunk is
 * scanned with the compiled pattern at once (bench/RESULTS.md: summarize
 * --json took 453 ms on a million lines where annotate, splitting every line
 * through split2, took 610 ms), hits are grouped by the line they fall in,
 * and only lines with hits are looked at further (their stamp and host).
 * Lines end at LF, as in annotate; the last line may lack one.
 */
export class ChunkScanner {
  private carry = ''
  /** Inside a line past MAX_LINE: its start is in carry, the rest is skipped. */
  private skipping = false

  constructor (private readonly options: ChunkScannerOptions) {}

  write (text: string): void {
    if (this.skipping) {
      const lf = text.indexOf('\n')
      if (lf === -1) return
      text = text.slice(lf)
      this.skipping = false
    }
    const firstLf = text.indexOf('\n')
    if (firstLf === -1) {
      this.carry += text
    } else {
      // The line the carry began ends here; the rest of the chunk's complete
      // lines are scanned where they are, with no copy of the chunk.
      if (this.carry.length > 0) this.scanLines(this.carry + text.slice(0, firstLf + 1))
      const lastLf = text.lastIndexOf('\n')
      if (this.carry.length === 0) this.scanLines(text.slice(0, lastLf + 1))
      else if (lastLf > firstLf) this.scanLines(text.slice(firstLf + 1, lastLf + 1))
      this.carry = text.slice(lastLf + 1)
    }
    if (this.carry.length > MAX_LINE) {
      this.carry = this.carry.slice(0, MAX_LINE)
      this.skipping = true
      this.options.counter.countTruncated()
    }
  }

  end (): void {
    if (this.carry.length > 0) this.scanLines(this.carry + '\n')
    this.carry = ''
    this.skipping = false
  }

  /** The lines of `block`, which ends with LF. */
  private scanLines (block: string): void {
    const { counter } = this.options
    let newlines = 0
    for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) newlines++
    const hits = scanLine(this.options.matcher, block)
    if (hits === null) {
      counter.countPlainLines(newlines)
      return
    }
    let counted = 0
    let i = 0
    while (i < hits.length) {
      const start = block.lastIndexOf('\n', hits[i]!.start - 1) + 1
      const stop = block.indexOf('\n', hits[i]!.start)
      let j = i + 1
      while (j < hits.length && hits[j]!.start < stop) j++
      if (this.countLine(block, start, stop, hits.slice(i, j))) counted++
      i = j
    }
    counter.countPlainLines(newlines - counted)
  }

  /** One line with hits; false when, in record mode, none of them was in a scanned field. */
  private countLine (text: string, start: number, stop: number, hits: Hit[]): boolean {
    const { counter, records } = this.options
    let codes: AnnotatedCode[] | null
    let time: number | null
    let host: string | null
    if (records === undefined) {
      codes = codesFromHits(hits)
      // Offsets are into the block, and a conflict's pair sits in this line.
      if (findConflict(text, codes) !== null) counter.countConflict()
      ;({ time, host } = readLineStart(text, start, this.options.year))
    } else {
      const line = text.slice(start, stop).replace(/\r$/, '')
      const r = parseRecord(line)
      if (r === null) return false
      codes = annotateRecord(this.options.matcher, r, records.fields)
      if (codes === null) return false
      if (recordConflict(r, codes) !== null) counter.countConflict()
      time = recordTime(r)
      const h = records.hostField === null ? undefined : valueAt(r, records.hostField)
      host = typeof h === 'string' && h !== '' ? h : null
    }
    counter.countLine(codes)
    counter.countWhenWhere(codes, time, host ?? this.options.host)
    return true
  }
}

/** A record's own time: @timestamp, timestamp or time, when it parses. */
function recordTime (r: Record<string, unknown>): number | null {
  for (const key of ['@timestamp', 'timestamp', 'time']) {
    const v = r[key]
    if (typeof v === 'string' || typeof v === 'number') {
      const t = typeof v === 'number' ? v : Date.parse(v)
      if (Number.isFinite(t)) return t
    }
  }
  return null
}
