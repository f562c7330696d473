import { constants, createReadStream, fstatSync, openSync, statSync } from 'node:fs'
import { Readable } from 'node:stream'
import { errnoProblem, ProblemError } from '../problems.js'

/** An input that could not be opened: the message names it and says why. */
export class InputError extends ProblemError {
  constructor (path: string, readonly code: string) {
    super(errnoProblem(code, 'cannotOpen'), path)
    this.name = 'InputError'
  }
}

/** An open or stat failure of `path`, as an InputError that says why in words. */
function openError (path: string, err: unknown): InputError {
  return new InputError(path, (err as NodeJS.ErrnoException).code ?? 'EIO')
}

/** Reading chunk size: 64 KiB, as fs streams default to; fewer chunks than stdin's pipe-sized reads. */
const CHUNK = 64 * 1024

/**
 * Open a file for reading, or take standard input for `-`. Opening first
 * (instead of letting the stream fail later) turns a missing file, a
 * directory or a permission problem into one clear error before any line of
 * it enters the pipeline, so the other files still run.
 */
export async function openInput (path: string, stdin: Readable = process.stdin, chunkBytes = CHUNK): Promise<Readable> {
  // Standard input redirected from a file is read as one (text-source.ts).
  if (path === '-') return stdin
  const pipe = openNamedPipe(path)
  if (pipe !== null) return pipe
  let handle
  try {
    // Loaded here, not as the command starts: node:fs/promises brings ~10 of
    // Node's own modules (~1.6 ms), and a plain file is read with readSync.
    handle = await process.getBuiltinModule('node:fs/promises').open(path, 'r')
  } catch (err) {
    throw openError(path, err)
  }
  const stat = await handle.stat()
  if (stat.isDirectory()) {
    await handle.close()
    throw new InputError(path, 'EISDIR')
  }
  return createReadStream(path, { fd: handle, highWaterMark: chunkBytes })
}

/**
 * Whether standard input is a regular file (`sspi-annotate < app.log`):
 * then it is read as a named file is (text-source.ts), not as a stream.
 */
export function stdinIsFile (): boolean {
  try {
    return fstatSync(0).isFile()
  } catch {
    return false
  }
}

/**
 * A named pipe (a FIFO, or bash's <(command), which is /dev/fd/N) read the
 * way Node reads standard input when it is a pipe: a non-blocking descriptor
 * watched by the event loop. An fs stream reads with blocking read(2) calls
 * on the thread pool, and opens with a blocking open(2) that waits for a
 * writer; Node's exit waits for those threads, so a process stopped by
 * SIGINT while a writer was silent wrote its counts, then hung until the
 * writer wrote or closed. Opened with O_NONBLOCK, the open returns at once,
 * and Linux reports no end of input until a writer has come and gone: the
 * pipe still waits for its writer, as `cat FIFO` does. Null for anything
 * else, and where there is no O_NONBLOCK (Windows has no FIFOs in its file
 * system): openInput then reads it as a file.
 */
function openNamedPipe (path: string): Readable | null {
  if (constants.O_NONBLOCK === undefined) return null
  let isPipe: boolean
  try {
    isPipe = statSync(path).isFIFO()
  } catch {
    return null // openInput says why
  }
  if (!isPipe) return null
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    throw openError(path, err)
  }
  // node:net is loaded here, not at start-up (~2 ms of it): few inputs are FIFOs.
  const { Socket } = process.getBuiltinModule('node:net')
  return new Socket({ fd, readable: true, writable: false })
}

/**
 * A regular file opened for readSync, with openInput's errors: its
 * descriptor, or null when the path is something else that can be read (a
 * FIFO, a device), which openInput streams.
 */
export function openRegularFile (path: string): number | null {
  let stat
  try {
    stat = statSync(path)
  } catch (err) {
    throw openError(path, err)
  }
  if (stat.isDirectory()) throw new InputError(path, 'EISDIR')
  // Checked before opening: opening a FIFO waits for its writer.
  if (!stat.isFile()) return null
  try {
    return openSync(path, 'r')
  } catch (err) {
    throw openError(path, err)
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
    // Standard input is not ours to destroy; a file is. Destroyed, not
    // left to chunks.return(): that waits behind a read still pending, and
    // on a pipe whose writer is silent the read never ends.
    if (source !== process.stdin) source.destroy()
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
