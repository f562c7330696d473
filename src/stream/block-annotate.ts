import { Transform, type TransformCallback } from 'node:stream'
import { scanLine, type Hit } from '../match/scan.js'
import { codesFromHits } from '../enrich/codes.js'
import { TRUNCATION_MARK } from './line-guard.js'
import { forEachTextPiece } from './text-pieces.js'
import { truncatedLineEvent, withConflict, type AnnotateStageOptions, type LineEvent } from './annotate.js'

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
 * lines at once and cuts out only the lines that hold hits: summarize works
 * the same way, and on the bench corpus it measured ~1.5x faster than
 * split2 with a pattern per line, because most lines have nothing and none
 * of them becomes a string of its own.
 *
 * Lines are what splitLines makes them: a line ends at LF, the CR of a CRLF
 * is not part of it, a last line without LF is still a line. Every line is
 * counted. InputStage has already bounded lines and cut chunks at character
 * boundaries, so the carried partial line stays under --max-line-length.
 */
export class BlockAnnotateStage extends Transform {
  /** The start of the line the next chunk continues. */
  private carry = ''
  /** Lines finished so far. */
  private lineNumber: number

  constructor (private readonly options: AnnotateStageOptions) {
    super({ readableObjectMode: true, writableHighWaterMark: 64 * 1024 })
    this.lineNumber = (options.firstLineNumber ?? 1) - 1
  }

  override _transform (chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    forEachTextPiece(chunk, this.text)
    callback()
  }

  /** One decoded piece: whole lines are scanned, the last partial one is carried. */
  private readonly text = (text: string): void => {
    const firstLf = text.indexOf('\n')
    if (firstLf === -1) {
      this.carry += text
      return
    }
    // The carried line is finished on its own: joined to the whole chunk, the
    // block would be a cons string, and V8's indexOf over one was measured
    // ~6x slower than over the chunk itself (90 ms more per million lines).
    let from = 0
    if (this.carry.length > 0) {
      this.scanBlock(this.carry + text.slice(0, firstLf + 1))
      from = firstLf + 1
    }
    const lastLf = text.lastIndexOf('\n')
    if (lastLf >= from) this.scanBlock(from === 0 && lastLf === text.length - 1 ? text : text.slice(from, lastLf + 1))
    this.carry = text.slice(lastLf + 1)
  }

  override _flush (callback: TransformCallback): void {
    if (this.carry.length > 0) this.scanBlock(this.carry)
    this.carry = ''
    callback()
  }

  /** Complete lines (each ending in LF, but for a last one at the end of input). */
  private scanBlock (block: string): void {
    // A line the guard cut carries the mark; such blocks are rare (a line
    // over --max-line-length), so they go line by line.
    if (block.includes(TRUNCATION_MARK)) return this.lineByLine(block)
    const { matcher, counter } = this.options
    const hits = scanLine(matcher, block)
    let lf = 0
    if (hits === null) {
      for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) lf++
      const lines = lf + (block.charCodeAt(block.length - 1) === LF ? 0 : 1)
      counter?.countPlainLines(lines)
      this.lineNumber += lines
      return
    }
    // Walk the block once: count LFs up to each line with hits.
    let cursor = 0
    let plain = 0
    let i = 0
    while (i < hits.length) {
      const lineStart = block.lastIndexOf('\n', hits[i]!.start - 1) + 1
      for (let at = block.indexOf('\n', cursor); at !== -1 && at < lineStart; at = block.indexOf('\n', at + 1)) { plain++; this.lineNumber++ }
      let lineEnd = block.indexOf('\n', lineStart)
      const hasLf = lineEnd !== -1
      if (!hasLf) lineEnd = block.length
      let j = i + 1
      while (j < hits.length && hits[j]!.start < lineEnd) j++
      const textEnd = hasLf && block.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd
      this.emitLine(block.slice(lineStart, textEnd), hits.slice(i, j), lineStart)
      cursor = hasLf ? lineEnd + 1 : lineEnd
      i = j
    }
    for (let at = block.indexOf('\n', cursor); at !== -1; at = block.indexOf('\n', at + 1)) { plain++; this.lineNumber++ }
    if (cursor < block.length && block.charCodeAt(block.length - 1) !== LF) { plain++; this.lineNumber++ }
    counter?.countPlainLines(plain)
  }

  private emitLine (line: string, hits: Hit[], offset: number): void {
    this.lineNumber++
    const shifted = hits.map((h) => ({ ...h, start: h.start - offset, end: h.end - offset }))
    const codes = codesFromHits(shifted)
    this.options.counter?.countLine(codes)
    this.push(withConflict({ line, lineNumber: this.lineNumber, source: this.options.source, codes }, this.options.counter))
  }

  /** The per-line path, as createAnnotateStage takes it, for a block with a cut line. */
  private lineByLine (block: string): void {
    const { matcher, source, counter, truncations } = this.options
    const lines = block.split('\n')
    if (block.charCodeAt(block.length - 1) === LF) lines.pop()
    for (let k = 0; k < lines.length; k++) {
      let line = lines[k]!
      const endedByLf = k < lines.length - 1 || block.charCodeAt(block.length - 1) === LF
      if (endedByLf && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1)
      this.lineNumber++
      if (line.endsWith(TRUNCATION_MARK) && truncations !== undefined) {
        this.push(truncatedLineEvent(matcher, line.slice(0, -1), this.lineNumber, source, truncations.take(), counter))
        continue
      }
      const hits = scanLine(matcher, line)
      if (hits === null) {
        counter?.countLine(null)
        continue
      }
      const codes = codesFromHits(hits)
      counter?.countLine(codes)
      this.push(withConflict({ line, lineNumber: this.lineNumber, source, codes } satisfies LineEvent, counter))
    }
  }
}
