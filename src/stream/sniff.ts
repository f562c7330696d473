import { InputDecoder } from './decode.js'
import { parseRecord } from '../enrich/fields.js'

export type InputMode = 'text' | 'ndjson'

/** Enough to find a first line in any real input; more is not waited for. */
const SNIFF_LIMIT = 64 * 1024

/**
 * --input auto: read until the first non-empty line (or 64 KiB, or the end)
 * and call the input NDJSON when that line parses as a JSON object. The
 * chunks read are handed back, to be replayed in front of the rest.
 */
export async function sniffInputMode (chunks: AsyncIterator<Buffer | string>): Promise<{ mode: InputMode, head: Buffer[] }> {
  const head: Buffer[] = []
  const decoder = new InputDecoder()
  let text = ''
  for (;;) {
    const mode = firstLineMode(text, false)
    if (mode !== null) return { mode, head }
    const next = await chunks.next()
    if (next.done === true) return { mode: firstLineMode(text + decoder.end().toString('utf8'), true) ?? 'text', head }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    head.push(chunk)
    text += decoder.write(chunk).toString('utf8')
  }
}

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

/** `head`, then the rest of `chunks`. */
export async function * replay (head: readonly Buffer[], chunks: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer | string> {
  yield * head
  for (;;) {
    const next = await chunks.next()
    if (next.done === true) return
    yield next.value
  }
}
