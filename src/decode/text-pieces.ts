const LF = 10

/**
 * The most bytes decoded into one string. A string over ~128 KiB is
 * allocated in V8's large-object space, which only a full collection frees:
 * decoding whole 512 KiB reads into one string kept ~15 MB more resident on
 * a million-line file and cost time (measured on the bench corpus).
 */
export const TEXT_PIECE = 64 * 1024

/**
 * `chunk` (whole UTF-8 characters) decoded in pieces of at most `max` bytes
 * that end right after an LF, so no piece ends inside a character; a line
 * longer than a piece is taken whole, up to its LF or the chunk's end.
 */
export function forEachTextPiece (chunk: Buffer, each: (text: string) => void, max = TEXT_PIECE): void {
  for (let from = 0; from < chunk.length;) {
    let to = chunk.length
    if (to - from > max) {
      const lf = chunk.lastIndexOf(LF, from + max - 1)
      to = lf >= from ? lf + 1 : (chunk.indexOf(LF, from + max) + 1) || chunk.length
    }
    each(chunk.toString('utf8', from, to))
    from = to
  }
}
