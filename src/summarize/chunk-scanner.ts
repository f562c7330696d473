import type { Matcher } from '../match/compile.js'
import { scanLine, type Hit } from '../match/scan.js'
import { codesFromHits, type AnnotatedCode } from '../enrich/codes.js'
import { annotateRecord, recordConflict } from '../stream/records.js'
import { findConflict } from '../enrich/conflicts.js'
import { parseRecord, valueAt } from '../enrich/fields.js'
import type { SummaryCounter } from '../summary/summary.js'
import { readLineStart } from './line-start.js'
import { recordTime } from './record-time.js'
import { countLines, forEachHitLine, LineBlocks } from '../stream/line-blocks.js'

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
  private readonly blocks = new LineBlocks((block) => this.scanLines(block), MAX_LINE, () => this.options.counter.countTruncated())

  constructor (private readonly options: ChunkScannerOptions) {}

  write (text: string): void {
    this.blocks.write(text)
  }

  end (): void {
    this.blocks.end()
  }

  /** The lines of `block`: LF-ended, but for a last one without. */
  private scanLines (block: string): void {
    const { counter } = this.options
    const lines = countLines(block)
    const hits = scanLine(this.options.matcher, block)
    if (hits === null) {
      counter.countPlainLines(lines)
      return
    }
    let counted = 0
    forEachHitLine(block, hits, (start, end, lineHits) => { if (this.countLine(block, start, end, lineHits)) counted++ })
    counter.countPlainLines(lines - counted)
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
