import { createReadStream, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'

/** An input that could not be opened: the message names it and says why. */
export class InputError extends Error {
  constructor (readonly path: string, readonly code: string, reason: string) {
    super(`${path}: ${reason}`)
    this.name = 'InputError'
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
}

/** Reading chunk size: 64 KiB, as fs streams default to; fewer chunks than stdin's pipe-sized reads. */
const CHUNK = 64 * 1024

/**
 * Open a file for reading, or take standard input for `-`. Opening first
 * (instead of letting the stream fail later) turns a missing file, a
 * directory or a permission problem into one clear error before any line of
 * it enters the pipeline, so the other files still run.
 */
export async function openInput (path: string, stdin: Readable = process.stdin, chunkBytes = CHUNK, reading: 'stream' | 'sync' = 'stream'): Promise<Readable> {
  if (path === '-') return stdin
  let handle
  try {
    handle = await open(path, 'r')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO'
    throw new InputError(path, code, REASONS[code] ?? `cannot open (${code})`)
  }
  const stat = await handle.stat()
  if (stat.isDirectory()) {
    await handle.close()
    throw new InputError(path, 'EISDIR', REASONS.EISDIR!)
  }
  if (reading === 'sync' && stat.isFile()) return new FileChunks(handle.fd, chunkBytes, () => { void handle.close() })
  return createReadStream(path, { fd: handle, highWaterMark: chunkBytes })
}

/**
 * A regular file read with readSync, one chunk per turn of the event loop.
 * For summarize, which scans as fast as it can read: with fs streams a CPU
 * profile showed the main thread idle ~100 ms of a 500 ms million-line run,
 * waiting for thread-pool reads to come back, while a read from the page
 * cache takes well under a millisecond. setImmediate between chunks keeps
 * the event loop turning, so worker messages and signals are still heard.
 */
class FileChunks extends Readable {
  private scheduled = false

  constructor (private readonly fd: number, private readonly size: number, private readonly release: () => void) {
    super({ highWaterMark: size })
  }

  override _read (): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      const buf = Buffer.allocUnsafe(this.size)
      let n: number
      try {
        n = readSync(this.fd, buf, 0, buf.length, null)
      } catch (err) {
        this.destroy(err as Error)
        return
      }
      this.push(n === 0 ? null : n < buf.length ? buf.subarray(0, n) : buf)
    })
  }

  override _destroy (err: Error | null, callback: (err?: Error | null) => void): void {
    this.release()
    callback(err)
  }
}

/**
 * The chunks of `source` until it ends or `signal` aborts. On abort the
 * iteration ends cleanly, so everything downstream flushes what it holds
 * (the line in hand is finished, the summary counts it) instead of being torn
 * down with an error; the source itself is released.
 */
export async function * untilAborted (source: Readable, signal: AbortSignal): AsyncGenerator<Buffer | string> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  try {
    while (!signal.aborted) {
      const next = await nextOrAbort(chunks, signal)
      if (next === ABORTED || next.done === true) break
      yield next.value
    }
  } finally {
    // Standard input is not ours to destroy; a file is.
    if (source !== process.stdin) void chunks.return?.()
    else source.pause()
  }
}

const ABORTED = Symbol('aborted')

/**
 * The next chunk, or ABORTED if the signal fires first. The abort listener
 * lives for one chunk only. (Racing every chunk against one long-lived abort
 * promise with Promise.race leaks: each race leaves a reaction on that
 * promise that holds its chunk, so a 200 MB file kept 287 MB resident.)
 */
function nextOrAbort<T> (chunks: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T> | typeof ABORTED> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(ABORTED)
    signal.addEventListener('abort', onAbort, { once: true })
    chunks.next().then(
      (r) => { signal.removeEventListener('abort', onAbort); resolve(r) },
      (err) => { signal.removeEventListener('abort', onAbort); reject(err) },
    )
  })
}
