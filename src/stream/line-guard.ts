import { collectYoungGarbage } from './young-garbage.js'

const LF = 10

/**
 * U+FDD0 is a Unicode noncharacter, set aside for a program's internal use:
 * the guard ends a cut line with it, so the annotate stage can tell a
 * truncated line by its last character. The decode stage replaces any U+FDD0
 * that arrives in the input, so the mark is never ambiguous.
 */
export const TRUNCATION_MARK = '\uFDD0'
export const TRUNCATION_MARK_CODE = 0xfdd0
export const TRUNCATION_MARK_BYTES = Buffer.from(TRUNCATION_MARK, 'utf8')

/** Lines the guard cut, in order: the annotate stage takes one per marked line. */
export class Truncations {
  private readonly lengths: number[] = []
  count = 0

  record (originalBytes: number): void {
    this.lengths.push(originalBytes)
    this.count++
  }

  /** The original length of the next truncated line, in UTF-8 bytes up to its LF. */
  take (): number {
    return this.lengths.shift() ?? 0
  }
}

/**
 * Bounds every line before it reaches the splitter. A line longer than
 * `maxBytes` keeps its first `maxBytes` (cut at a character boundary), ends
 * with TRUNCATION_MARK, and the rest of it is dropped as it streams by, so a
 * 1 GB line costs 1 MB of memory and one pass. split2 on its own re-splits
 * the whole pending line on every chunk (quadratic: 7.8 s for one 32 MiB
 * line) and, with its maxLength, drops or cuts lines depending on where
 * chunks fall.
 *
 * The hot path is one lastIndexOf per chunk: only a chunk that could carry a
 * line past the limit is scanned line by line. Not a stream itself: the
 * input stage runs it on each chunk, after InputDecoder, so every chunk
 * holds whole UTF-8 characters (a cut never falls inside one already sent).
 */
export class LineGuard {
  readonly truncations = new Truncations()
  /** Bytes of the current line so far, kept or not. */
  private length = 0
  /** The current line has been cut; its bytes are dropped until LF. */
  private cutting = false
  /** Bytes dropped since the last release. */
  private dropped = 0
  private readonly releaseEvery: number
  private readonly release: () => void

  /**
   * `release` is called after every `releaseEvery` bytes dropped: the
   * chunks they came in are garbage that nothing else prompts V8 to free
   * (young-garbage.ts).
   */
  constructor (readonly maxBytes: number, options: { releaseEvery?: number, release?: () => void } = {}) {
    this.releaseEvery = options.releaseEvery ?? 16 * 1024 * 1024
    this.release = options.release ?? collectYoungGarbage
  }

  /** `chunk` with every line bounded. */
  write (chunk: Buffer): Buffer {
    if (!this.cutting && this.length + chunk.length <= this.maxBytes) {
      const last = chunk.lastIndexOf(LF)
      this.length = last === -1 ? this.length + chunk.length : chunk.length - last - 1
      return chunk
    }
    const out: Buffer[] = []
    let from = 0
    while (from < chunk.length) {
      const lf = chunk.indexOf(LF, from)
      const end = lf === -1 ? chunk.length : lf
      const piece = end - from
      if (this.cutting) {
        this.length += piece
        this.dropped += piece
        if (this.dropped >= this.releaseEvery) {
          this.dropped = 0
          this.release()
        }
      } else if (this.length + piece <= this.maxBytes) {
        out.push(chunk.subarray(from, end))
        this.length += piece
      } else {
        const keep = charBoundary(chunk, from, from + (this.maxBytes - this.length))
        out.push(chunk.subarray(from, keep), TRUNCATION_MARK_BYTES)
        this.length += piece
        this.cutting = true
      }
      if (lf === -1) break
      this.endLine()
      out.push(chunk.subarray(lf, lf + 1))
      from = lf + 1
    }
    return out.length === 1 ? out[0]! : Buffer.concat(out)
  }

  /** At the end of input: a cut last line without LF is recorded too. */
  end (): void {
    if (this.cutting) this.endLine()
  }

  private endLine (): void {
    if (this.cutting) this.truncations.record(this.length)
    this.cutting = false
    this.length = 0
  }
}

/** The largest index ≤ `at` (and ≥ `min`) that does not split a UTF-8 character. */
function charBoundary (b: Buffer, min: number, at: number): number {
  let i = at
  while (i > min && i < b.length && (b[i]! & 0xc0) === 0x80) i--
  return i
}
