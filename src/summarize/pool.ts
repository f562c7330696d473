import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Matcher } from '../match/compile.js'
import type { Summary } from '../summary/summary.js'
import { summarizePiece, type SourcePiece, type SummarizeOptions } from './summarize-source.js'
import { SLICE_BYTES, sliceMode, sliceRanges } from '../source/file-slices.js'
import { FileParts, type Task } from './file-parts.js'
import { scavengeAloneWhenCoresAreBusy } from '../runtime/scavenge-alone.js'
import type { InputFile } from '../source/inputs.js'
import { problemOf, type Problem } from '../problems.js'

/**
 * What a worker is given: the matcher this thread compiled, the whole list
 * of pieces, and a cursor shared by every thread (an Int32 in a
 * SharedArrayBuffer) from which each takes the index of its next piece.
 * `progress`: whether to send bytes as they are read.
 *
 * The matcher goes as a structured clone (its RegExps, Maps and the rules
 * they share, shared in the copy too), not as the rules files to load and
 * compile again: cloning took ~1 ms here and ~2 ms in the worker, where
 * loading and compiling took the worker 17-22 ms while this thread was
 * already reading. The worker took its first piece that much sooner.
 */
export interface WorkerSetup {
  readonly matcher: Matcher
  readonly options: SummarizeOptions
  readonly pieces: readonly SourcePiece[]
  readonly cursor: SharedArrayBuffer
  readonly progress: boolean
}

/** A worker's replies, each about the piece whose index it carries. */
export type WorkerReply =
  | { readonly kind: 'bytes', readonly bytes: number }
  | { readonly kind: 'done', readonly piece: number, readonly summary: Summary, readonly bytes: number }
  | { readonly kind: 'failed', readonly piece: number, readonly problem: Problem, readonly bytes: number }

/** The index of the next piece nobody has taken yet; past the end when all are taken. */
export function takePiece (cursor: Int32Array): number {
  return Atomics.add(cursor, 0, 1)
}

export interface PoolOptions {
  readonly workers: number
  readonly matcher: Matcher
  readonly options: SummarizeOptions
  /** Bytes read, for a progress bar; without it, workers send none. */
  readonly onBytes?: (n: number) => void
  readonly onFile?: (file: InputFile) => void
  readonly onError?: (path: string, problem: Problem) => void
  /** Files at least twice this size are read in slices of it when there are helpers (default SLICE_BYTES). */
  readonly sliceBytes?: number
  /**
   * Once it fires, every thread stops at its next chunk (a pipe waiting for
   * input at once) and no piece is begun: the results are what was read.
   */
  readonly signal?: AbortSignal
}

/** What this thread posts a worker when the run is to stop. */
export const STOP = 'stop'

/** dist/summarize/worker.js, found from here whether this runs from src, dist or the bundled CLI. */
export function workerFile (): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'summarize', 'worker.js')
    if (existsSync(candidate)) return candidate
    const beside = join(dir, 'summarize', 'worker.js')
    if (existsSync(beside) && dir.endsWith('dist')) return beside
    if (dirname(dir) === dir) throw new Error('sspi-annotate: dist/summarize/worker.js is missing; run npm run build')
  }
}

/**
 * The summary of each file, in the order given. `workers` counts this thread:
 * with 2, this thread reads files too and one worker thread helps, both
 * taking the next piece of work (biggest file first) when done. A big plain
 * file is cut into slices (file-slices.ts), so that one file is read by all
 * threads; its slices' summaries are merged. Standard input is always read
 * here. This thread starts at once, while a worker spends tens of
 * milliseconds starting up, which small files never win back.
 */
export async function summarizeFiles (files: readonly InputFile[], pool: PoolOptions): Promise<Array<Summary | null>> {
  const sliceBytes = pool.sliceBytes ?? SLICE_BYTES
  const items: Task[] = []
  const stdin: Task[] = []
  files.forEach((f, file) => {
    if (f.path === '-') return void stdin.push({ file, part: 0, path: f.path, bytes: 0 })
    const mode = pool.workers > 1 && f.bytes >= 2 * sliceBytes ? sliceMode(f.path, pool.options.input) : null
    if (mode === null) return void items.push({ file, part: 0, path: f.path, bytes: f.bytes })
    sliceRanges(f.bytes, sliceBytes).forEach((range, part) => items.push({ file, part, path: f.path, bytes: f.bytes, slice: { range, mode } }))
  })
  // Biggest file first; a file's slices stay in order.
  const queue = items.map((t, i) => ({ t, i })).sort((a, b) => b.t.bytes - a.t.bytes || a.i - b.i).map(({ t }) => t)
  const parts = new FileParts(files, [...queue, ...stdin], pool)
  // Each thread takes its next piece itself: a worker that asked this thread
  // instead waited for it to finish the chunk in hand, ~30-40 ms in all over
  // four 139 MB files (measured with timestamps in the worker).
  const shared = new SharedArrayBuffer(4)
  const cursor = new Int32Array(shared)

  const signal = pool.signal ?? new AbortController().signal
  const readHere = async (task: Task): Promise<void> => {
    try {
      parts.done(task, await summarizePiece(pool.matcher, task, pool.options, pool.onBytes, signal))
    } catch (err) {
      parts.failed(task, problemOf(err))
    }
  }

  const thisThread = async (): Promise<void> => {
    for (const task of stdin) if (!signal.aborted) await readHere(task)
    while (!signal.aborted) {
      const i = takePiece(cursor)
      if (i >= queue.length) break
      await readHere(queue[i]!)
    }
  }

  const setup: WorkerSetup = {
    matcher: pool.matcher,
    options: pool.options,
    pieces: queue.map((t) => ({ path: t.path, slice: t.slice })),
    cursor: shared,
    progress: pool.onBytes !== undefined,
  }
  // A worker ends by itself once no piece is left; Node delivers the
  // messages it sent before 'exit'.
  const workerThread = (): Promise<void> => new Promise((resolve, reject) => {
    // node:worker_threads is loaded here, not at every start (~2 ms of it).
    const worker = new (process.getBuiltinModule('node:worker_threads').Worker)(workerFile(), { workerData: setup })
    // A worker hears of the stop between chunks, or at once while it waits on a pipe.
    const stop = (): void => worker.postMessage(STOP)
    signal.addEventListener('abort', stop, { once: true })
    worker.on('exit', () => signal.removeEventListener('abort', stop))
    worker.on('message', (reply: WorkerReply) => {
      if (reply.bytes > 0) pool.onBytes?.(reply.bytes)
      if (reply.kind === 'done') parts.done(queue[reply.piece]!, reply.summary)
      else if (reply.kind === 'failed') parts.failed(queue[reply.piece]!, reply.problem)
    })
    worker.on('error', reject)
    worker.on('exit', (code) => { if (code === 0) resolve(); else reject(new Error(`a summarize worker stopped with status ${code}`)) })
  })

  const helpers = signal.aborted ? 0 : Math.max(0, Math.min(pool.workers - 1, queue.length - 1))
  scavengeAloneWhenCoresAreBusy(1 + helpers)
  await Promise.all([thisThread(), ...Array.from({ length: helpers }, workerThread)])
  return parts.results()
}
