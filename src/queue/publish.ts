import { createReadStream } from 'node:fs'
import { pipeline, type Readable } from 'node:stream'
import split2 from 'split2'
import { parseRedisUrl } from './redis-url.js'
import { connect } from './redis-queues.js'

export interface PublishOptions {
  readonly url: string
  /** stream: XADD entries with `line` (one) or `lines` (several, LF between); list: RPUSH items, as shippers do. */
  readonly to: 'stream' | 'list'
  /** Lines per entry. */
  readonly pack: number
  /** Files to read; '-' or none for standard input. */
  readonly inputs: readonly string[]
}

/** Commands in flight at most: node-redis pipelines them; waiting for each window keeps memory bounded. */
const WINDOW = 512

/** The producer side: every line of the inputs into the stream or list, `pack` lines to an entry. Returns the lines published. */
export async function publish (o: PublishOptions): Promise<number> {
  const place = parseRedisUrl(o.url)
  const redis = await connect(place)
  let lines = 0
  let pack: string[] = []
  let window: Array<Promise<unknown>> = []
  const send = async (): Promise<void> => {
    if (pack.length === 0) return
    const text = pack.join('\n')
    window.push(o.to === 'list' ? redis.send(['RPUSH', place.key, text]) : redis.send(['XADD', place.key, '*', pack.length === 1 ? 'line' : 'lines', text]))
    pack = []
    if (window.length >= WINDOW) {
      await Promise.all(window)
      window = []
    }
  }
  try {
    for (const input of o.inputs.length === 0 ? ['-'] : o.inputs) {
      const source: Readable = input === '-' ? process.stdin : createReadStream(input)
      // The CR of a CRLF stays: the consumer's scanner drops it, as it does for any input.
      const split = pipeline(source, split2('\n'), () => { /* an error ends the loop below */ })
      for await (const line of split as AsyncIterable<string>) {
        pack.push(line)
        lines++
        if (pack.length >= o.pack) await send()
      }
      await send()
    }
    await Promise.all(window)
  } finally {
    await redis.close()
  }
  return lines
}
