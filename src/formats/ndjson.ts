import through2 from 'through2'
import type { Transform } from 'node:stream'

/** Flush a batch once it holds this much text, even if more events are coming. */
const BATCH_BYTES = 64 * 1024

/**
 * Objects in, NDJSON text out. Events that arrive in the same turn of the
 * event loop (all the lines of one input chunk) are joined into one write,
 * which saves a syscall per line when most lines are written (--all). The
 * batch is flushed with setImmediate, so a line that arrives alone, as in
 * `tail -f`, is written within the same loop iteration, never held back
 * waiting for the next one.
 */
export function createNdjsonStage (serialize: (event: unknown) => string = JSON.stringify): Transform {
  return createTextBatchStage((event) => serialize(event) + '\n')
}

/** The same batching for items that each become text of their own (`toText` ends each with its newline). */
export function createTextBatchStage (toText: (item: unknown) => string): Transform {
  let batch = ''
  let scheduled = false
  let stage: Transform
  const flush = (): void => {
    scheduled = false
    if (batch.length > 0) {
      const out = batch
      batch = ''
      stage.push(out)
    }
  }
  stage = through2({ writableObjectMode: true, readableObjectMode: false }, function (item: unknown, _enc: BufferEncoding, callback: () => void) {
    batch += toText(item)
    if (batch.length >= BATCH_BYTES) {
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
