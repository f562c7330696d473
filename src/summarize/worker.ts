// A summarize worker: started before its work is known, it waits for its setup (WorkerSetup),
// then takes pieces (files and slices of files) from the list it was given, one at a time, until
// none is left, with its own copy of the compiled matcher (a RegExp is not shared across
// threads; see WorkerSetup), then ends. STOP before the setup ends it at once.
import { parentPort } from 'node:worker_threads'
import { summarizePiece } from './summarize-source.js'
import { problemOf } from '../problems.js'
import { STOP, takePiece, type WorkerReply, type WorkerSetup } from './pool.js'

const port = parentPort!
// The run is stopped by a signal: end the piece in hand at its next chunk and take no other.
const stop = new AbortController()

/** Progress goes back in steps of 1 MiB: one message per chunk would cost more than the chunk. */
const STEP = 1024 * 1024

async function work ({ matcher, options, pieces, cursor: shared, progress }: WorkerSetup): Promise<void> {
  const cursor = new Int32Array(shared)
  for (let piece = takePiece(cursor); piece < pieces.length && !stop.signal.aborted; piece = takePiece(cursor)) {
    let pending = 0
    const onBytes = (n: number): void => {
      pending += n
      if (progress && pending >= STEP) {
        port.postMessage({ kind: 'bytes', bytes: pending } satisfies WorkerReply)
        pending = 0
      }
    }
    try {
      const summary = await summarizePiece(matcher, pieces[piece]!, options, onBytes, stop.signal)
      port.postMessage({ kind: 'done', piece, summary, bytes: pending } satisfies WorkerReply)
    } catch (err) {
      port.postMessage({ kind: 'failed', piece, problem: problemOf(err), bytes: pending } satisfies WorkerReply)
    }
  }
}

port.once('message', (first: WorkerSetup | typeof STOP) => {
  if (first === STOP) return port.close()
  port.on('message', (message: unknown) => { if (message === STOP) stop.abort() })
  // Listening must not keep the worker alive once no piece is left.
  port.unref()
  void work(first)
})
