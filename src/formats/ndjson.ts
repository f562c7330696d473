import through2 from 'through2'
import type { Transform } from 'node:stream'
import { BATCH_BYTES } from '../write/byte-batch.js'

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
 * ends each with its newline). A Buffer item is a batch made already (the
 * scan source's ByteBatch: record lines and the bytes of those passed on
 * unread) and goes on as it is, after the text before it; an array is a
 * run of items (the scan source's events of one chunk), each made text in turn.
 */
export function createTextBatchStage (toText: (item: unknown) => string): Transform {
  let text = ''
  let scheduled = false
  let stage: Transform
  const flush = (): void => {
    scheduled = false
    if (text.length > 0) stage.push(text)
    text = ''
  }
  // Text goes on as a string, not made a Buffer here: the end of the
  // pipeline (write/output.ts) hands it to stdout, which encodes it itself.
  // 16 MB of events to /dev/null: Buffer.from then writeSync took 6-39 ms
  // (fresh memory for each batch), writeSync of the strings ~2 ms.
  // One batch held at most, as 16 KiB of bytes held one (backpressure: the
  // slow-reader specs), and two items waiting: an item may be a run of
  // events (pipeline/scan-source.ts).
  stage = through2({ writableObjectMode: true, readableObjectMode: true, writableHighWaterMark: 2, readableHighWaterMark: 1 }, function (item: unknown, _enc: BufferEncoding, callback: () => void) {
    if (Buffer.isBuffer(item)) {
      flush()
      stage.push(item)
    } else {
      if (Array.isArray(item)) for (let i = 0; i < item.length; i++) text += toText(item[i])
      else text += toText(item)
      if (text.length >= BATCH_BYTES) {
        flush()
      } else if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    }
    callback()
  }, function (callback: () => void) {
    flush()
    callback()
  }) as unknown as Transform
  return stage
}
