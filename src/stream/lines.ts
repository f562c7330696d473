import split2 from 'split2'
import type { Transform } from 'node:stream'

/**
 * Bytes in, one string per line out. A line ends at LF or CRLF; the CR of a
 * CRLF is not part of the line, while a lone CR stays inside it (old Mac
 * endings are rare in logs, and CR is also how progress bars redraw). A last
 * line without a newline is still a line; an empty input has no lines.
 * split2 keeps multi-byte UTF-8 characters whole across chunk boundaries.
 */
export function splitLines (): Transform {
  return split2(/\r?\n/)
}
