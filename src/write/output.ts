import { Writable } from 'node:stream'
import { batchWritten } from './byte-batch.js'

/**
 * A pipeline end that writes into a long-lived stream (stdout) without
 * owning it. Each input file runs its own pipeline; if one of them fails,
 * pipeline() destroys only this sink, never stdout itself. Backpressure is
 * passed through: a write completes only when the target has room.
 */
export function sinkInto (target: NodeJS.WritableStream): Writable {
  return new Writable({
    highWaterMark: 64 * 1024,
    // Text stays text: stdout encodes it as it writes (formats/ndjson.ts).
    decodeStrings: false,
    write (chunk: Buffer | string, _enc, callback) {
      // Once written, a batch's buffer is filled again (byte-batch.ts).
      const written = target.write(chunk, (err?: Error | null) => { if (err == null) batchWritten(chunk) })
      if (written) callback()
      else target.once('drain', () => callback())
    },
  })
}
