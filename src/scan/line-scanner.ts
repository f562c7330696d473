import type { Matcher } from '../match/compile.js'
import { scanLine, scanLineAsked, type Hit } from '../match/scan.js'
import { collectYoungGarbage } from '../runtime/young-garbage.js'
import { countLines, forEachHitLine, hitsFrom, lineTextEnd } from './hit-lines.js'
import { forEachTextPiece } from '../decode/text-pieces.js'
import { createCandidates, prefilterFor, type Candidates, type Prefilter } from './prefilter.js'

const LF = 10
const CR = 13
const CR_BYTE = Buffer.from([CR])

/** 1 MiB: far beyond any real log line, small enough to keep memory flat. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024

/** One input line, as the scanner hands it to its sink. */
export interface ScannedLine {
  /** The line without its LF, and without the CR of a CRLF. */
  readonly text: string
  /** 1-based, per source. */
  readonly lineNumber: number
  /** Codes and message anchors found, offsets into `text`; null when none, or when the sink asked for no scan. */
  readonly hits: Hit[] | null
  /** For a line longer than the limit: its full length in UTF-8 bytes (`text` holds its start). Null for a whole line. */
  readonly cut: number | null
}

/** Where the scanner's lines go. */
export interface LineSink {
  /**
   * `n` more lines that were neither cut nor hit. In `hits` mode such lines
   * are never made into strings: the sink hears only how many there were.
   */
  plain (n: number): void
  /** A line with hits, a cut line, or (in `every` mode) any line. */
  line (line: ScannedLine): void
  /**
   * Set by a sink that passes lines on (record mode): a line longer than the
   * limit is not cut but handed over as the bytes it is made of, as they
   * stream by (`bytes`, LF left out), then `end` with its number and length,
   * so that it goes out byte for byte in bounded memory.
   */
  readonly long?: LongLineSink
  /**
   * Set by a sink that passes lines on (record mode): lines the prefilter
   * found nothing in, as the bytes they came in (each ends with its LF),
   * and how many. Without it, such lines are counted by `plain` in `hits`
   * mode and handed to `line` (decoded, no hits) in the others.
   */
  passed? (bytes: Buffer, lines: number): void
}

export interface LongLineSink {
  bytes (piece: Buffer): void
  end (lineNumber: number, length: number): void
}

export interface LineScannerOptions {
  readonly matcher: Matcher
  /**
   * `hits`: only lines with hits (and cut lines) become strings; the pattern
   * runs over blocks of many lines at once. `every`: every line is handed
   * over, with its hits. `unscanned`: every line, not scanned (the sink
   * parses records and scans their fields itself).
   */
  readonly mode: 'hits' | 'every' | 'unscanned'
  /** Longer lines keep their first this many bytes of UTF-8 (cut at a character edge). */
  readonly maxLineBytes: number
  /** Called after every `releaseEvery` bytes of cut lines dropped (young-garbage.ts). */
  readonly release?: () => void
  readonly releaseEvery?: number
  /** false: every line goes to the pattern (the reference the prefiltered path is tested against). */
  readonly prefilter?: boolean
}

/**
 * The one line splitter and scanner that every command and the library read
 * through. UTF-8 bytes in (whole characters, as InputDecoder hands them
 * over), in chunks of any size; lines out to a sink.
 *
 * - A line ends at LF; the CR of a CRLF is not part of it, a lone CR is
 *   (hit-lines.ts); a last line without LF is still a line; an empty input
 *   has none.
 * - A line longer than `maxLineBytes` keeps its start and carries its full
 *   length as data (`cut`); the rest is dropped as it streams by, so memory
 *   stays flat for a 1 GB line, and it is found with one lastIndexOf per
 *   chunk while every line fits.
 * - Complete lines go through the matcher's prefilter (prefilter.ts) as
 *   bytes: only the lines it names are decoded and scanned; the others are
 *   counted, or passed on as the bytes they are to a sink that takes them.
 * - Without a prefilter (the matcher's literals cannot cover it, or it is
 *   turned off), complete lines are decoded in pieces of at most 64 KiB
 *   (text-pieces.ts) and, in `hits` mode, the pattern runs once per piece.
 */
export class LineScanner {
  /** Lines finished so far (the number of the last one handed over). */
  private lineNumber = 0
  /** The start of the line the next chunk continues (copies: a caller may reuse its buffer). */
  private carry: Buffer[] = []
  private carryBytes = 0
  /** Inside a line longer than the limit: its bytes so far, and the start kept of it (null when passed on). */
  private cutting = false
  private cutLength = 0
  private kept: Buffer | null = null
  /** A long line being passed on ended its last piece with a CR, not yet passed. */
  private heldCr = false
  private dropped = 0
  private readonly max: number
  private readonly release: () => void
  private readonly releaseEvery: number
  private readonly prefilter: Prefilter | null
  private readonly candidates: Candidates = createCandidates()
  /** Whether the candidate line in hand holds a message's literal, as the prefilter marked it (candidates.ts). */
  private holdsMessage = false
  private readonly mayHoldMessage = (): boolean => this.holdsMessage

  constructor (private readonly options: LineScannerOptions, private readonly sink: LineSink) {
    this.max = options.maxLineBytes
    this.prefilter = options.prefilter === false ? null : prefilterFor(options.matcher)
    this.release = options.release ?? collectYoungGarbage
    this.releaseEvery = options.releaseEvery ?? 16 * 1024 * 1024
  }

  write (chunk: Buffer): void {
    const n = chunk.length
    let from = 0
    if (this.cutting) {
      const lf = chunk.indexOf(LF)
      this.skip(chunk, 0, lf === -1 ? n : lf)
      if (lf === -1) return
      this.endCut()
      from = lf + 1
    } else if (this.carryBytes > 0) {
      const lf = chunk.indexOf(LF)
      const end = lf === -1 ? n : lf
      if (this.carryBytes + end > this.max) {
        this.startCut(chunk, 0, end)
        if (lf === -1) return
        this.endCut()
      } else if (lf === -1) {
        this.carry.push(Buffer.from(chunk))
        this.carryBytes += n
        return
      } else {
        this.carry.push(chunk.subarray(0, lf + 1))
        const line = Buffer.concat(this.carry)
        this.carry = []
        this.carryBytes = 0
        this.complete(line, 0, line.length)
      }
      from = lf + 1
    }
    const last = chunk.lastIndexOf(LF)
    if (last >= from) {
      if (last - from <= this.max) this.complete(chunk, from, last + 1)
      else this.completeBounded(chunk, from, last + 1)
      from = last + 1
    }
    if (from < n) {
      if (n - from > this.max) {
        this.startCut(chunk, from, n)
      } else {
        this.carry.push(Buffer.from(chunk.subarray(from)))
        this.carryBytes = n - from
      }
    }
  }

  /** At the end of input: the last line, when the input did not end with an LF. */
  end (): void {
    if (this.cutting) {
      this.endCut(false)
    } else if (this.carryBytes > 0) {
      const line = Buffer.concat(this.carry).toString('utf8')
      this.carry = []
      this.carryBytes = 0
      this.block(line)
    }
  }

  /**
   * One line given as a string (the library's object-mode annotator): bounded
   * and scanned as a line read from bytes would be.
   */
  writeLine (text: string): void {
    if (text.length * 3 > this.max) {
      const bytes = Buffer.from(text, 'utf8')
      if (bytes.length > this.max) {
        this.startCut(bytes, 0, bytes.length)
        this.endCut()
        return
      }
    }
    const hits = this.options.mode === 'unscanned' ? null : scanLine(this.options.matcher, text)
    this.lineNumber++
    if (hits === null && this.options.mode === 'hits') this.sink.plain(1)
    else this.sink.line({ text, lineNumber: this.lineNumber, hits, cut: null })
  }

  /** Complete lines, none longer than the limit, from `a` to `b` (just after an LF). */
  private complete (chunk: Buffer, a: number, b: number): void {
    if (this.prefilter !== null) return this.filtered(this.prefilter, chunk, a, b)
    forEachTextPiece(a === 0 && b === chunk.length ? chunk : chunk.subarray(a, b), (text) => this.block(text))
  }

  /** Complete lines through the prefilter: its candidates are scanned one by one, the runs between them skipped. */
  private filtered (prefilter: Prefilter, chunk: Buffer, a: number, b: number): void {
    const c = this.candidates
    prefilter.scan(chunk, a, b, c)
    const first = this.lineNumber
    let done = 0
    let at = a
    for (let k = 0; k < c.count; k++) {
      const index = c.at[2 * k]!
      const start = c.at[2 * k + 1]!
      this.lineNumber = first + done
      if (index > done) this.skipped(chunk, at, start, index - done)
      const end = lineEnd(chunk, start)
      this.holdsMessage = c.messages[k] === 1
      this.candidate(chunk, start, end, first + index + 1)
      done = index + 1
      at = end + 1
    }
    this.lineNumber = first + done
    if (c.lines > done) this.skipped(chunk, at, b, c.lines - done)
    this.lineNumber = first + c.lines
  }

  /** `n` whole lines, chunk[a, b), that hold none of the prefilter's literals; numbered on from this.lineNumber. */
  private skipped (chunk: Buffer, a: number, b: number, n: number): void {
    if (this.options.mode === 'hits') return this.sink.plain(n)
    if (this.sink.passed !== undefined) return this.sink.passed(chunk.subarray(a, b), n)
    forEachTextPiece(chunk.subarray(a, b), (text) => this.everyLine(text, null))
  }

  /** A line the prefilter named, chunk[start, end) with `end` at its LF. */
  private candidate (chunk: Buffer, start: number, end: number, lineNumber: number): void {
    const text = chunk.toString('utf8', start, end > start && chunk[end - 1] === CR ? end - 1 : end)
    const mode = this.options.mode
    const hits = mode === 'unscanned' ? null : scanLineAsked(this.options.matcher, text, this.mayHoldMessage)
    if (hits === null && mode === 'hits') this.sink.plain(1)
    else this.sink.line({ text, lineNumber, hits, cut: null })
  }

  /** Complete lines, some of which may be longer than the limit: those are cut on their own. */
  private completeBounded (chunk: Buffer, a: number, b: number): void {
    let run = a
    for (let p = a; p < b;) {
      const lf = chunk.indexOf(LF, p)
      if (lf - p > this.max) {
        if (p > run) this.complete(chunk, run, p)
        this.startCut(chunk, p, lf)
        this.endCut()
        run = lf + 1
      }
      p = lf + 1
    }
    if (run < b) this.complete(chunk, run, b)
  }

  /** The carried start plus chunk[a, b) has gone past the limit. */
  private startCut (chunk: Buffer, a: number, b: number): void {
    this.cutting = true
    this.cutLength = this.carryBytes + (b - a)
    if (this.sink.long !== undefined) {
      for (const part of this.carry) this.pass(part)
      this.pass(chunk.subarray(a, b))
    } else {
      const whole = this.carry.length === 0 ? chunk.subarray(a, b) : Buffer.concat([...this.carry, chunk.subarray(a, b)])
      this.kept = Buffer.from(whole.subarray(0, charBoundary(whole, this.max)))
    }
    this.carry = []
    this.carryBytes = 0
  }

  /** More of a cut line: dropped, or passed on. */
  private skip (chunk: Buffer, a: number, b: number): void {
    this.cutLength += b - a
    if (this.sink.long !== undefined) {
      this.pass(chunk.subarray(a, b))
      return
    }
    this.dropped += b - a
    if (this.dropped >= this.releaseEvery) {
      this.dropped = 0
      this.release()
    }
  }

  /**
   * Bytes of a long line to the sink. A CR at the end of a piece waits: the
   * CR of a CRLF is not part of the line, passed on or not (hit-lines.ts).
   */
  private pass (piece: Buffer): void {
    if (piece.length === 0) return
    const long = this.sink.long!
    if (this.heldCr) long.bytes(CR_BYTE)
    this.heldCr = piece[piece.length - 1] === CR
    long.bytes(this.heldCr ? piece.subarray(0, -1) : piece)
  }

  /** `atLf`: the line ended at an LF, not at the end of input. */
  private endCut (atLf = true): void {
    if (this.heldCr && !atLf) this.sink.long!.bytes(CR_BYTE)
    this.heldCr = false
    const lineNumber = ++this.lineNumber
    const cut = this.cutLength
    const kept = this.kept
    this.cutting = false
    this.cutLength = 0
    this.kept = null
    if (kept === null) {
      this.sink.long!.end(lineNumber, cut)
      return
    }
    const text = kept.toString('utf8')
    const hits = this.options.mode === 'unscanned' ? null : scanLine(this.options.matcher, text)
    this.sink.line({ text, lineNumber, hits, cut })
  }

  /** Whole lines: each ends with an LF, but for a last one at the end of input. */
  private block (text: string): void {
    const mode = this.options.mode
    if (mode === 'unscanned') return this.everyLine(text, null)
    const hits = scanLine(this.options.matcher, text)
    if (mode === 'every') return this.everyLine(text, hits)
    const lines = countLines(text)
    const first = this.lineNumber
    this.lineNumber = first + lines
    if (hits === null) {
      this.sink.plain(lines)
      return
    }
    // Line numbers: count the LFs walked past on the way to each line with hits.
    let lfSeen = 0
    let at = 0
    let withHits = 0
    forEachHitLine(text, hits, (start, end, lineHits) => {
      withHits++
      for (let lf = text.indexOf('\n', at); lf !== -1 && lf < start; lf = text.indexOf('\n', lf + 1)) lfSeen++
      at = start
      this.sink.line({ text: text.slice(start, lineTextEnd(text, end)), lineNumber: first + lfSeen + 1, hits: hitsFrom(lineHits, start), cut: null })
    })
    this.sink.plain(lines - withHits)
  }

  /** Every line of `text`, with its share of `hits` (offsets into `text`). */
  private everyLine (text: string, hits: Hit[] | null): void {
    let h = 0
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start)
      if (end === -1) end = text.length
      let lineHits: Hit[] | null = null
      if (hits !== null && h < hits.length && hits[h]!.start < end) {
        let j = h + 1
        while (j < hits.length && hits[j]!.start < end) j++
        lineHits = hitsFrom(hits.slice(h, j), start)
        h = j
      }
      this.sink.line({ text: text.slice(start, lineTextEnd(text, end)), lineNumber: ++this.lineNumber, hits: lineHits, cut: null })
      start = end + 1
    }
  }
}

/** The largest length ≤ `max` that does not end inside a UTF-8 character. */
function charBoundary (b: Buffer, max: number): number {
  let i = Math.min(max, b.length)
  while (i > 0 && i < b.length && (b[i]! & 0xc0) === 0x80) i--
  return i
}

/**
 * The LF that ends the line from `start`, found byte by byte: candidate lines
 * are short, and Buffer.indexOf is a call into C++ (~0.4 µs each over the
 * bench's 15k candidate lines, cpu-prof). A long line is left to it.
 */
function lineEnd (chunk: Buffer, start: number): number {
  const stop = Math.min(start + 512, chunk.length)
  for (let p = start; p < stop; p++) if (chunk[p] === LF) return p
  return chunk.indexOf(LF, stop)
}
