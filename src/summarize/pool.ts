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
  /** Workers compile their own matcher: with message texts too? */
  readonly messages: boolean
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
 * The summary of each file, in the order given. `workers` counts this thread:
 * with 2, this thread reads files too and one worker thread helps, both
 * taking the next file (biggest first) when done. Standard input is always
 * read here. This thread starts at once, while a worker spends tens of
 * milliseconds starting up, which small files never win back.
 */
export async function summarizeFiles (files: readonly InputFile[], pool: PoolOptions): Promise<Array<Summary | null>> {
  const results: Array<Summary | null> = files.map(() => null)
  const indexed = files.map((f, i) => ({ f, i }))
  const stdin = indexed.filter(({ f }) => f.path === '-')
  // Each file is read exactly once, from this shared queue.
  const queue = indexed.filter(({ f }) => f.path !== '-').sort((a, b) => b.f.bytes - a.f.bytes)
  let next = 0
  const take = (): (typeof queue)[number] | undefined => queue[next++]

  const readHere = async (item: (typeof queue)[number]): Promise<void> => {
    try {
      const raw = await openInput(item.f.path, undefined, SUMMARIZE_CHUNK, 'sync')
      results[item.i] = await summarizeSource(pool.matcher, raw, item.f.path, pool.options, pool.onBytes)
      pool.onFile?.(item.f)
    } catch (err) {
      pool.onError?.(item.f.path, (err as Error).message.replace(`${item.f.path}: `, ''))
    }
  }

  const thisThread = async (): Promise<void> => {
    for (const item of stdin) await readHere(item)
    for (let item = take(); item !== undefined; item = take()) await readHere(item)
  }

  const workerThread = (): Promise<void> => new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: { rulesFiles: pool.rulesFiles, messages: pool.messages, options: pool.options } })
    let current: (typeof queue)[number] | undefined
    const send = (): void => {
      current = take()
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
      send()
    })
    worker.on('error', reject)
    send()
  })

  const helpers = Math.max(0, Math.min(pool.workers - 1, queue.length - 1))
  await Promise.all([thisThread(), ...Array.from({ length: helpers }, workerThread)])
  return results
}
