// A summarize worker: summarizes the files and slices of files it is sent, one at a time, with
// its own compiled pattern (a RegExp is not shared across threads).
import { parentPort, workerData } from 'node:worker_threads'
import { loadRules } from '../rules/load.js'
import { compileMatcher } from '../match/compile.js'
import { summarizePiece, type SummarizeOptions } from './summarize-source.js'
import type { WorkerReply, WorkerTask } from './pool.js'

const { rulesFiles, messages, options } = workerData as { rulesFiles: string[], messages: boolean, options: SummarizeOptions }
const matcher = compileMatcher(loadRules({ rulesFiles }), { messages })
const port = parentPort!

/** Progress goes back in steps of 1 MiB: one message per chunk would cost more than the chunk. */
const STEP = 1024 * 1024

port.on('message', async (task: WorkerTask) => {
  let pending = 0
  const onBytes = (n: number): void => {
    pending += n
    if (pending >= STEP) {
      port.postMessage({ kind: 'bytes', bytes: pending } satisfies WorkerReply)
      pending = 0
    }
  }
  try {
    const summary = await summarizePiece(matcher, task, options, onBytes)
    port.postMessage({ kind: 'done', summary, bytes: pending } satisfies WorkerReply)
  } catch (err) {
    port.postMessage({ kind: 'failed', reason: (err as Error).message, bytes: pending } satisfies WorkerReply)
  }
})
