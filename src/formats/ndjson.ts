import through2 from 'through2'
import type { Transform } from 'node:stream'

/** Flush a batch once it holds this much text, even if more events are coming. */
const BATCH_BYTES = 64 * 1024

/**
 * Objects in, NDJSON text out: strings, and Buffers where bytes pass
 * through. Events that arrive in the same turn of the event loop (all the
 * lines of one input chunk) are joined into one write,
 * which saves a syscall per line when most lines are written (--all). The
 * batch is flushed with setImmediate, so a line that arrives alone, as in
 * `tail -f`, is written within the same loop iteration, never held back
 * waiting for the next one.
 */
export function createNdjsonStage (serialize: (event: unknown) => string = JSON.stringify): Transform {
  return createTextBatchStage((event) => serialize(event) + '\n')
}

/**
 * The same batching for items that each become text of their own (`toText`
 * ends each with its newline). A Buffer item is output as it is, in order
 * with the text around it, and batched with it: the bytes of record lines
 * passed on unread (line-scanner.ts), which come between the lines with
 * codes. Written one by one, the bench's NDJSON corpus took ~29,000 writes
 * and a third more time. The Buffers are copied when the batch is joined;
 * until then they are held, so their owner must not reuse them within the
 * turn of the event loop (record mode reads into a new buffer per chunk:
 * plan.ts, readsIntoOneBuffer).
 */
export function createTextBatchStage (toText: (item: unknown) => string): Transform {
  let text = ''
  let parts: Buffer[] = []
  let bytes = 0
  let scheduled = false
  let stage: Transform
  const flush = (): void => {
    scheduled = false
    if (parts.length === 0) {
      if (text.length > 0) stage.push(text)
    } else {
      if (text.length > 0) parts.push(Buffer.from(text))
      stage.push(parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts))
      parts = []
    }
    text = ''
    bytes = 0
  }
  // Text goes on as a string, not made a Buffer here: the end of the
  // pipeline (write/output.ts) hands it to stdout, which encodes it itself.
  // 16 MB of events to /dev/null: Buffer.from then writeSync took 6-39 ms
  // (fresh memory for each batch), writeSync of the strings ~2 ms.
  // One batch held at most, as 16 KiB of bytes held one (backpressure: the
  // slow-reader specs).
  stage = through2({ writableObjectMode: true, readableObjectMode: true, readableHighWaterMark: 1 }, function (item: unknown, _enc: BufferEncoding, callback: () => void) {
    if (Buffer.isBuffer(item)) {
      if (text.length > 0) parts.push(Buffer.from(text))
      text = ''
      parts.push(item)
      bytes += item.length
    } else {
      const t = toText(item)
      text += t
      bytes += t.length
    }
    if (bytes >= BATCH_BYTES) {
      flush()
    } else if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
    callback()
  }, function (callback: () => void) {
    flush()
    callback()
  }) as unknown as Transform
  return stage
}
