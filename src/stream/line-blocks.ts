import type { Hit } from '../match/scan.js'

/**
 * Decoded text in pieces of any size in, blocks of whole lines out: each
 * block ends with an LF, but for the last one, which `end` hands over as it
 * is. The scanners that run the pattern over many lines at once (text
 * annotate's BlockAnnotateStage, summarize's ChunkScanner) share it.
 *
 * The line a piece finishes is handed over on its own, then the rest of the
 * piece's complete lines as one slice of it: joined to the carried start,
 * the whole block would be a cons string, and V8's indexOf over one was
 * measured ~6x slower than over the piece itself (90 ms more per million
 * lines).
 */
export class LineBlocks {
  /** The start of the line the next piece continues. */
  private carry = ''
  /** Inside a line cut at `maxCarry`: the rest of it is dropped up to its LF. */
  private skipping = false

  /**
   * `maxCarry`: a line longer than this keeps only its start, and `onCut`
   * hears of it (summarize bounds lines itself; annotate's LineGuard has
   * bounded them already).
   */
  constructor (
    private readonly onBlock: (block: string) => void,
    private readonly maxCarry = Number.POSITIVE_INFINITY,
    private readonly onCut: () => void = () => {},
  ) {}

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
      let from = 0
      if (this.carry.length > 0) {
        this.onBlock(this.carry + text.slice(0, firstLf + 1))
        from = firstLf + 1
      }
      const lastLf = text.lastIndexOf('\n')
      if (lastLf >= from) this.onBlock(from === 0 && lastLf === text.length - 1 ? text : text.slice(from, lastLf + 1))
      this.carry = text.slice(lastLf + 1)
    }
    if (this.carry.length > this.maxCarry) {
      this.carry = this.carry.slice(0, this.maxCarry)
      this.skipping = true
      this.onCut()
    }
  }

  /** The last line, when the input did not end with an LF. */
  end (): void {
    if (this.carry.length > 0) this.onBlock(this.carry)
    this.carry = ''
    this.skipping = false
  }
}

/** Lines in `block` (LF-ended, but for a last one without). */
export function countLines (block: string): number {
  let n = 0
  for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) n++
  return n + (block.length > 0 && block.charCodeAt(block.length - 1) !== 10 ? 1 : 0)
}

/**
 * The lines of `block` that hold hits, in order: where each starts, where it
 * ends (its LF, or the block's end), and its hits (offsets into the block).
 */
export function forEachHitLine (block: string, hits: readonly Hit[], each: (start: number, end: number, lineHits: Hit[]) => void): void {
  let i = 0
  while (i < hits.length) {
    const start = block.lastIndexOf('\n', hits[i]!.start - 1) + 1
    let end = block.indexOf('\n', hits[i]!.start)
    if (end === -1) end = block.length
    let j = i + 1
    while (j < hits.length && hits[j]!.start < end) j++
    each(start, end, hits.slice(i, j))
    i = j
  }
}
