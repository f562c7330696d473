import { Transform, type TransformCallback } from 'node:stream'
import { scanLine } from '../match/scan.js'
import { codesFromHits } from '../enrich/codes.js'
import { TRUNCATION_MARK } from './line-guard.js'
import { forEachTextPiece } from './text-pieces.js'
import { annotateOneLine, withConflict, type AnnotateStageOptions } from './annotate.js'
import { countLines, forEachHitLine, LineBlocks } from './line-blocks.js'

const LF = 10
const CR = 13

/**
 * Files annotated in blocks are read 512 KiB at a time. At the stream
 * default of 64 KiB, a million-line file took ~2,100 reads, and a CPU
 * profile showed the main thread idle for ~185 ms of a ~700 ms run, waiting
 * on them. Not 1 MiB: LineGuard's fast path needs the carried partial line
 * plus the chunk under --max-line-length (1 MiB by default).
 */
export const BLOCK_CHUNK = 512 * 1024

/**
 * Text mode without --all: bounded UTF-8 in (from InputStage), LineEvents
 * out for the lines with codes. Instead of splitting every line and running
 * the pattern once per line, it runs the pattern over each chunk's complete
 * lines at once and cuts out only the lines that hold hits, as summarize
 * does: most lines have nothing, and none of them becomes a string of its
 * own. Measured by hand on the bench corpus, a million lines took ~600 ms
 * instead of ~720 (bench/RESULTS.md races it against the pass-through).
 *
 * Lines are what splitLines makes them: a line ends at LF, the CR of a CRLF
 * is not part of it, a last line without LF is still a line. Every line is
 * counted. InputStage has already bounded lines and cut chunks at character
 * boundaries, so the carried partial line stays under --max-line-length.
 */
export class BlockAnnotateStage extends Transform {
  private readonly blocks = new LineBlocks((block) => this.scanBlock(block))
  /** Lines finished so far. */
  private lineNumber: number

  constructor (private readonly options: AnnotateStageOptions) {
    super({ readableObjectMode: true, writableHighWaterMark: 64 * 1024 })
    this.lineNumber = (options.firstLineNumber ?? 1) - 1
  }

  override _transform (chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    forEachTextPiece(chunk, (text) => this.blocks.write(text))
    callback()
  }

  override _flush (callback: TransformCallback): void {
    this.blocks.end()
    callback()
  }

  /** Whole lines (each ending in LF, but for a last one at the end of input). */
  private scanBlock (block: string): void {
    // A line the guard cut carries the mark; such blocks are rare (a line
    // over --max-line-length), so they go line by line.
    if (block.includes(TRUNCATION_MARK)) return this.lineByLine(block)
    const { matcher, counter, source } = this.options
    const lines = countLines(block)
    const hits = scanLine(matcher, block)
    if (hits === null) {
      counter?.countPlainLines(lines)
      this.lineNumber += lines
      return
    }
    // Line numbers: count the LFs walked past on the way to each line with hits.
    const first = this.lineNumber
    let lfSeen = 0
    let at = 0
    let withHits = 0
    forEachHitLine(block, hits, (start, end, lineHits) => {
      withHits++
      for (let lf = block.indexOf('\n', at); lf !== -1 && lf < start; lf = block.indexOf('\n', lf + 1)) lfSeen++
      at = start
      // The CR of a CRLF is not part of the line; a CR with no LF after it is.
      const textEnd = end < block.length && block.charCodeAt(end - 1) === CR ? end - 1 : end
      const codes = codesFromHits(lineHits.map((h) => ({ ...h, start: h.start - start, end: h.end - start })))
      counter?.countLine(codes)
      this.push(withConflict({ line: block.slice(start, textEnd), lineNumber: first + lfSeen + 1, source, codes }, counter))
    })
    counter?.countPlainLines(lines - withHits)
    this.lineNumber = first + lines
  }

  /** The per-line path, as createAnnotateStage takes it, for a block with a cut line. */
  private lineByLine (block: string): void {
    const lines = block.split('\n')
    const endsWithLf = block.charCodeAt(block.length - 1) === LF
    if (endsWithLf) lines.pop()
    for (let k = 0; k < lines.length; k++) {
      let line = lines[k]!
      if ((k < lines.length - 1 || endsWithLf) && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1)
      const event = annotateOneLine(this.options, line, ++this.lineNumber)
      if (event !== null) this.push(event)
    }
  }
}

