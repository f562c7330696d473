import { writeSync } from 'node:fs'
import { Writable } from 'node:stream'
import { batchWritten } from './byte-batch.js'

/**
 * A pipeline end that writes into a long-lived stream (stdout) without
 * owning it. Each input file runs its own pipeline; if one of them fails,
 * pipeline() destroys only this sink, never stdout itself. Backpressure is
 * passed through: a write completes only when the target has room.
 */
export function sinkInto (target: NodeJS.WritableStream): Writable {
  const fd = fileDescriptorOf(target)
  return new Writable({
    highWaterMark: 64 * 1024,
    // Text stays text: stdout encodes it as it writes (formats/ndjson.ts).
    decodeStrings: false,
    write (chunk: Buffer | string, _enc, callback) {
      if (fd !== null && typeof chunk === 'string') {
        try {
          writeSync(fd, chunk)
        } catch (err) {
          // As the stream would: stdout's error handler decides.
          (target as Writable).destroy(err as Error)
          return
        }
        callback()
        return
      }
      // Once written, a batch's buffer is filled again (byte-batch.ts).
      const written = target.write(chunk, (err?: Error | null) => { if (err == null) batchWritten(chunk) })
      if (written) callback()
      else target.once('drain', () => callback())
    },
  })
}

/**
 * The file descriptor of a stdout that is a file (or /dev/null): Node makes
 * it a SyncWriteStream, which writes at once with fs.writeSync and turns
 * every string into a new Buffer first.
 */
function fileDescriptorOf (target: NodeJS.WritableStream): number | null {
  const t = target as NodeJS.WritableStream & { readonly _type?: string, readonly fd?: unknown }
  return t._type === 'fs' && typeof t.fd === 'number' ? t.fd : null
}
