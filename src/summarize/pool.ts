import { existsSync } from 'node:fs'
import type { Worker } from 'node:worker_threads'
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
 * What a worker is posted first: the matcher this thread compiled, the whole list
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

/** dist/summarize/worker.cjs, found from here whether this runs from src, dist or the bundled CLI. */
export function workerFile (): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'summarize', 'worker.cjs')
    if (existsSync(candidate)) return candidate
    const beside = join(dir, 'summarize', 'worker.cjs')
    if (existsSync(beside) && dir.endsWith('dist')) return beside
    if (dirname(dir) === dir) throw new Error('sspi-annotate: dist/summarize/worker.cjs is missing; run npm run build')
  }
}

/**
 * Which thread reads what: every file's pieces, biggest file first (a big
 * plain file cut into slices, file-slices.ts, so that one file is read by
 * all threads, when mayCut says so; a file's slices stay in order),
 * standard input apart, and how many worker threads help. `workers` counts
 * this thread: with 2, this thread reads too and one worker helps. A worker
 * is started only when there is a second piece for it; standard input is
 * always read here.
 */
export interface WorkPlan {
  readonly files: readonly InputFile[]
  readonly queue: readonly Task[]
  readonly stdin: readonly Task[]
  readonly helpers: number
}

export function planWork (files: readonly InputFile[], pool: Pick<PoolOptions, 'workers' | 'sliceBytes' | 'options'>): WorkPlan {
  const sliceBytes = pool.sliceBytes ?? SLICE_BYTES
  const stdin: Task[] = []
  const plain: Array<{ f: InputFile, file: number }> = []
  files.forEach((f, file) => {
    if (f.path === '-') stdin.push({ file, part: 0, path: f.path, bytes: 0 })
    else plain.push({ f, file })
  })
  plain.sort((a, b) => b.f.bytes - a.f.bytes || a.file - b.file)
  const queue: Task[] = []
  let after = plain.reduce((n, { f }) => n + f.bytes, 0)
  for (const { f, file } of plain) {
    after -= f.bytes
    const mode = mayCut(f.bytes, after, pool.workers, sliceBytes) ? sliceMode(f.path, pool.options.input) : null
    if (mode === null) {
      queue.push({ file, part: 0, path: f.path, bytes: f.bytes })
      continue
    }
    sliceRanges(f.bytes, sliceBytes).forEach((range, part) => queue.push({ file, part, path: f.path, bytes: f.bytes, slice: { range, mode } }))
  }
  return { files, queue, stdin, helpers: Math.max(0, Math.min(pool.workers - 1, queue.length - 1)) }
}

/**
 * Whether a file of `bytes` is cut into slices, with `after` bytes of files
 * still to read once it is taken (the queue goes biggest first): only when
 * those are too few to keep the other threads busy while one reads it whole.
 * Each slice has its summary made, posted and merged, and starts its counts
 * cold: four 1,000,000-line files on two threads were 36 slices of 16 MiB,
 * 8% slower than reading the four whole (735 against 672 ms, medians of 11);
 * cut so, the first two are read whole. A single big file is still cut, as
 * it is then the only way to give a second thread work.
 */
function mayCut (bytes: number, after: number, workers: number, sliceBytes: number): boolean {
  return workers > 1 && bytes >= 2 * sliceBytes && after < (workers - 1) * bytes
}

/**
 * A worker thread started before its work is known: it gets its setup
 * (WorkerSetup) as its first message, or STOP. A worker spends ~40 ms
 * starting Node and ~20 ms loading its bundle; started as soon as the files
 * are listed, it does that while this thread loads and compiles the rules,
 * on a core that is otherwise idle. Started once this thread was reading,
 * it took ~145 ms to its first piece (its start-up shared the second core
 * with this thread's compiler and collector threads) against ~60 idle.
 */
export interface Helper {
  readonly worker: Worker
}

/** `count` helpers, started now; scavenges made to run alone when the threads (this one too) keep the cores busy. */
export function startHelpers (count: number): Helper[] {
  scavengeAloneWhenCoresAreBusy(1 + count)
  if (count === 0) return []
  // node:worker_threads is loaded here, not at every start (~2 ms of it).
  const { Worker } = process.getBuiltinModule('node:worker_threads')
  const file = workerFile()
  return Array.from({ length: count }, () => ({ worker: new Worker(file) }))
}

/** The summary of each file, in the order given: planWork, startHelpers and summarizePlan in one. */
export async function summarizeFiles (files: readonly InputFile[], pool: PoolOptions): Promise<Array<Summary | null>> {
  const plan = planWork(files, pool)
  return await summarizePlan(plan, startHelpers(plan.helpers), pool)
}

/**
 * The summary of each file of `plan`, read by this thread and `helpers`,
 * each taking the next piece when done. This thread starts at once, while
 * a helper may still be starting up.
 */
export async function summarizePlan (plan: WorkPlan, helpers: readonly Helper[], pool: PoolOptions): Promise<Array<Summary | null>> {
  const { queue, stdin } = plan
  const parts = new FileParts(plan.files, [...queue, ...stdin], pool)
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
  const helperDone = ({ worker }: Helper): Promise<void> => new Promise((resolve, reject) => {
    // A worker hears of the stop between chunks, or at once while it waits on a pipe.
    const stop = (): void => worker.postMessage(STOP)
    if (signal.aborted) stop()
    else {
      signal.addEventListener('abort', stop, { once: true })
      worker.postMessage(setup)
    }
    worker.on('exit', () => signal.removeEventListener('abort', stop))
    worker.on('message', (reply: WorkerReply) => {
      if (reply.bytes > 0) pool.onBytes?.(reply.bytes)
      if (reply.kind === 'done') parts.done(queue[reply.piece]!, reply.summary)
      else if (reply.kind === 'failed') parts.failed(queue[reply.piece]!, reply.problem)
    })
    worker.on('error', reject)
    worker.on('exit', (code) => { if (code === 0) resolve(); else reject(new Error(`a summarize worker stopped with status ${code}`)) })
  })

  await Promise.all([thisThread(), ...helpers.map(helperDone)])
  return parts.results()
}
