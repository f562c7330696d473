import { parseRecord } from './fields.js'

export type InputMode = 'text' | 'ndjson'

/** Enough to find a first line in any real input; more is not waited for. */
const SNIFF_LIMIT = 64 * 1024

/**
 * ndjson when the first non-blank line of `text` is a JSON object, text when
 * it is anything else; null while that line is still incomplete (and the
 * input has not ended), unless 64 KiB went by without one.
 */
export function firstLineMode (text: string, ended: boolean): InputMode | null {
  let from = 0
  for (;;) {
    const lf = text.indexOf('\n', from)
    if (lf === -1 && !ended) return text.length > SNIFF_LIMIT ? 'text' : null
    const line = text.slice(from, lf === -1 ? undefined : lf).trim()
    if (line !== '') return parseRecord(line) === null ? 'text' : 'ndjson'
    if (lf === -1) return 'text'
    from = lf + 1
  }
}
