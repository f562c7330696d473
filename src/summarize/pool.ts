import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Matcher } from '../match/compile.js'
import type { Summary } from '../summary/summary.js'
import { summarizePiece, type SourcePiece, type SummarizeOptions } from './summarize-source.js'
import { SLICE_BYTES, sliceMode, sliceRanges } from './file-slices.js'
import { FileParts, type Task } from './file-parts.js'
import type { InputFile } from './inputs.js'

/** A worker takes one piece at a time; its replies are about the piece it was last sent. */
export type WorkerTask = SourcePiece
export type WorkerReply =
  | { readonly kind: 'bytes', readonly bytes: number }
  | { readonly kind: 'done', readonly summary: Summary, readonly bytes: number }
  | { readonly kind: 'failed', readonly reason: string, readonly bytes: number }

export interface PoolOptions {
  readonly workers: number
  readonly matcher: Matcher
  readonly rulesFiles: readonly string[]
  /** Workers compile their own matcher: with message texts too? */
  readonly messages: boolean
  readonly options: SummarizeOptions
  readonly onBytes?: (n: number) => void
  readonly onFile?: (file: InputFile) => void
  readonly onError?: (path: string, reason: string) => void
  /** Files at least twice this size are read in slices of it when there are helpers (default SLICE_BYTES). */
  readonly sliceBytes?: number
}

/** dist/summarize/worker.js, found from here whether this runs from src, dist or the bundled CLI. */
function workerFile (): string {
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
  let next = 0
  const take = (): Task | undefined => queue[next++]

  const readHere = async (task: Task): Promise<void> => {
    try {
      parts.done(task, await summarizePiece(pool.matcher, task, pool.options, pool.onBytes))
    } catch (err) {
      parts.failed(task, (err as Error).message)
    }
  }

  const thisThread = async (): Promise<void> => {
    for (const task of stdin) await readHere(task)
    for (let task = take(); task !== undefined; task = take()) await readHere(task)
  }

  const workerThread = (): Promise<void> => new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: { rulesFiles: pool.rulesFiles, messages: pool.messages, options: pool.options } })
    let current: Task | undefined
    const send = (): void => {
      current = take()
      if (current === undefined) {
        void worker.terminate().then(() => resolve())
        return
      }
      worker.postMessage({ path: current.path, slice: current.slice } satisfies WorkerTask)
    }
    worker.on('message', (reply: WorkerReply) => {
      if (reply.bytes > 0) pool.onBytes?.(reply.bytes)
      if (reply.kind === 'bytes') return
      if (reply.kind === 'done') parts.done(current!, reply.summary)
      else parts.failed(current!, reply.reason)
      send()
    })
    worker.on('error', reject)
    send()
  })

  const helpers = Math.max(0, Math.min(pool.workers - 1, queue.length - 1))
  await Promise.all([thisThread(), ...Array.from({ length: helpers }, workerThread)])
  return parts.results()
}
