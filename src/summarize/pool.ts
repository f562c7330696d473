import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Matcher } from '../match/compile.js'
import type { Summary } from '../summary/summary.js'
import { openInput } from '../stream/input.js'
import { SUMMARIZE_CHUNK, summarizeSource, type SummarizeOptions } from './summarize-source.js'
import type { InputFile } from './inputs.js'

export interface WorkerTask { readonly id: number, readonly path: string }
export type WorkerReply =
  | { readonly kind: 'bytes', readonly bytes: number }
  | { readonly kind: 'done', readonly id: number, readonly summary: Summary, readonly bytes: number }
  | { readonly kind: 'failed', readonly id: number, readonly reason: string, readonly bytes: number }

export interface PoolOptions {
  readonly workers: number
  readonly matcher: Matcher
  readonly rulesFiles: readonly string[]
  readonly options: SummarizeOptions
  readonly onBytes?: (n: number) => void
  readonly onFile?: (file: InputFile) => void
  readonly onError?: (path: string, reason: string) => void
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
 * The summary of each file, in the order given. With more than one worker and
 * more than one file, files go to worker threads, biggest first, each worker
 * taking the next file when it is done; standard input is always read here.
 */
export async function summarizeFiles (files: readonly InputFile[], pool: PoolOptions): Promise<Array<Summary | null>> {
  const results: Array<Summary | null> = files.map(() => null)
  // Each file is read exactly once: here (stdin, a single file, or one worker) or in a worker.
  const indexed = files.map((f, i) => ({ f, i }))
  const here = ({ f }: (typeof indexed)[number]): boolean => f.path === '-' || pool.workers <= 1 || files.length === 1
  const local = indexed.filter(here)
  const remote = indexed.filter((x) => !here(x)).sort((a, b) => b.f.bytes - a.f.bytes)

  const inThisThread = async (): Promise<void> => {
    for (const { f, i } of local) {
      try {
        const raw = await openInput(f.path, undefined, SUMMARIZE_CHUNK)
        results[i] = await summarizeSource(pool.matcher, raw, f.path, pool.options, pool.onBytes)
        pool.onFile?.(f)
      } catch (err) {
        pool.onError?.(f.path, (err as Error).message.replace(`${f.path}: `, ''))
      }
    }
  }

  const inWorkers = async (): Promise<void> => {
    if (remote.length === 0) return
    const count = Math.min(pool.workers, remote.length)
    let next = 0
    await Promise.all(Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerFile(), { workerData: { rulesFiles: pool.rulesFiles, options: pool.options } })
      let current: (typeof remote)[number] | undefined
      const take = (): void => {
        current = remote[next++]
        if (current === undefined) {
          void worker.terminate().then(() => resolve())
          return
        }
        worker.postMessage({ id: current.i, path: current.f.path } satisfies WorkerTask)
      }
      worker.on('message', (reply: WorkerReply) => {
        if (reply.bytes > 0) pool.onBytes?.(reply.bytes)
        if (reply.kind === 'bytes') return
        if (reply.kind === 'done') {
          results[reply.id] = reply.summary
          pool.onFile?.(current!.f)
        } else {
          pool.onError?.(current!.f.path, reply.reason.replace(`${current!.f.path}: `, ''))
        }
        take()
      })
      worker.on('error', reject)
      take()
    })))
  }

  await Promise.all([inThisThread(), inWorkers()])
  return results
}
