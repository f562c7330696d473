import { InputDecoder } from './decode.js'

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
  let bytes = 0
  const decoder = new InputDecoder()
  let text = ''
  for (;;) {
    const line = firstLine(text)
    if (line !== null) return { mode: isJsonObject(line) ? 'ndjson' : 'text', head }
    if (bytes >= SNIFF_LIMIT) return { mode: 'text', head }
    const next = await chunks.next()
    if (next.done === true) {
      text += decoder.end().toString('utf8')
      const last = text.trim()
      return { mode: last !== '' && isJsonObject(last.split('\n')[0]!) ? 'ndjson' : 'text', head }
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    head.push(chunk)
    bytes += chunk.length
    text += decoder.write(chunk).toString('utf8')
  }
}

/** The first non-blank line, once its LF has arrived; null before. */
function firstLine (text: string): string | null {
  let from = 0
  for (let lf = text.indexOf('\n'); lf !== -1; lf = text.indexOf('\n', from)) {
    const line = text.slice(from, lf).trim()
    if (line !== '') return line
    from = lf + 1
  }
  return null
}

function isJsonObject (line: string): boolean {
  try {
    const v: unknown = JSON.parse(line)
    return typeof v === 'object' && v !== null && !Array.isArray(v)
  } catch {
    return false
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
