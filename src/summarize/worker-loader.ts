/**
 * A summarize worker thread's entry (dist/summarize/worker.cjs): runs the
 * bundled worker, dist/summarize/worker-main.cjs (worker.ts), with V8's
 * code cache for it, as the command's loader runs the CLI (cli-loader.ts).
 *
 * Without it a helper compiled every function it called from source, on a
 * core the main thread was already scanning on: with the cache (made by
 * `npm run build`, which runs a worker over the bundled samples) a helper
 * had its setup ~6 ms sooner and read its first 16 MiB slice in ~122 ms
 * against ~144 (medians of 8, the bench's four files, Node 20).
 */
import { fileURLToPath } from 'node:url'
import { runFromCodeCache } from '../runtime/code-cache.js'

/** The hash of dist/summarize/worker-main.cjs, written in by scripts/bundle-cli.mjs. */
declare const SSPI_WORKER_HASH: string | undefined

runFromCodeCache(fileURLToPath(new URL('./worker-main.cjs', import.meta.url)), typeof SSPI_WORKER_HASH === 'string' ? SSPI_WORKER_HASH : '')
