import type { Hit } from '../match/scan.js'

const LF = 10
const CR = 13

/** Lines in `block` (LF-ended, but for a last one without). */
export function countLines (block: string): number {
  let n = 0
  for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) n++
  return n + (block.length > 0 && block.charCodeAt(block.length - 1) !== LF ? 1 : 0)
}

/**
 * Where the text of the line that runs up to `end` (its LF, or the block's
 * end) stops: the CR of a CRLF is not part of the line; a CR with no LF after
 * it (a lone CR, or one ending the input) is. The one CR rule of every reader.
 */
export function lineTextEnd (block: string, end: number): number {
  return end < block.length && block.charCodeAt(end - 1) === CR ? end - 1 : end
}

/**
 * Whole lines as bytes, with the CR of each CRLF left out (lineTextEnd's
 * rule): what a run of lines passed on unread becomes, so that it reads as
 * the same lines passed on as text would. Handed to `each` as views of
 * `bytes` between the CRs left out, for the caller to copy once.
 */
export function forEachWithoutCrOfCrlf (bytes: Buffer, each: (piece: Buffer) => void): void {
  let from = 0
  for (let cr = bytes.indexOf(CR); cr !== -1; cr = bytes.indexOf(CR, cr + 1)) {
    if (bytes[cr + 1] !== LF) continue
    if (cr > from) each(bytes.subarray(from, cr))
    from = cr + 1
  }
  if (from < bytes.length) each(from === 0 ? bytes : bytes.subarray(from))
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

/** `hits` with offsets made relative to `start`, the start of their line. */
export function hitsFrom (hits: readonly Hit[], start: number): Hit[] {
  return start === 0 ? hits as Hit[] : hits.map((h) => ({ ...h, start: h.start - start, end: h.end - start }))
}
