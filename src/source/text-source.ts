import { closeSync, createReadStream, readSync } from 'node:fs'
import { pipeline, Readable, Transform } from 'node:stream'
import { chunksOf, FileRangeReader, type ByteRange } from './file-slices.js'
import { isGzipHead, NotTextError, textHead } from './gzip.js'
import { openInput, openRegularFile, stdinIsFile, untilAborted } from './input.js'
import { FORMAT_HEAD_BYTES, unreadableFormat } from './unreadable-formats.js'

/** The text bytes of one input, however it is stored. */
export interface TextSource {
  /**
   * Its bytes: a plain file's as they are, a gzip file's decompressed. Ends
   * quietly once the signal fires, and early when a gzip stream breaks off
   * (`damage` then says why).
   */
  readonly chunks: AsyncIterable<Buffer>
  /** Bytes read from the input itself so far: the compressed ones, for gzip. */
  bytesRead (): number
  /** Why a gzip input broke off before its end (cut short, corrupt), or null. */
  damage (): string | null
}

export interface TextSourceOptions {
  /** How much is read at a time. */
  readonly chunkBytes: number
  readonly signal: AbortSignal
  /**
   * A slice of a plain file (file-slices.ts): its lines only. The file's
   * start has been looked at already, so it is not again.
   */
  readonly range?: ByteRange
  /** Told of each read's raw bytes, for a progress bar. */
  readonly onBytes?: (n: number) => void
}

/** The whole of a file, growth included. */
const WHOLE: ByteRange = { start: 0, end: Number.POSITIVE_INFINITY }

/**
 * Open one input for every command the same way: a path (`-` is standard
 * input), its first bytes looked at once. A plain regular file is read with
 * readSync (CPU profiles of summarize, then of record mode, showed fs
 * streams leaving the thread idle, waiting on the thread pool, where a read
 * from the page cache takes well under a millisecond: ~300 ms per million
 * records of the bench's NDJSON corpus; measured by hand, annotate on the
 * bench corpus 0.57-0.66 s against 0.65-0.71 s with an fs stream, on the
 * NDJSON corpus 1.17-1.22 s against 1.57-1.68 s), into one reused buffer:
 * each chunk is valid until the next is asked for, and nothing downstream
 * keeps a view of one (file-slices.ts says what a new buffer per read
 * costs); gzip (known by its magic bytes, whatever its name), named
 * pipes, standard input and devices are read as streams. Throws InputError
 * when the input cannot be opened, NotTextError for a format that is not
 * read (xz, zip, .evtx…).
 */
export async function openTextSource (path: string, options: TextSourceOptions): Promise<TextSource> {
  const fd = path === '-' ? null : openRegularFile(path)
  if (fd !== null) {
    if (options.range !== undefined) return fileSource(fd, options.range, options)
    let head: Buffer
    try {
      head = headAt(fd)
    } catch (err) {
      closeSync(fd)
      throw err
    }
    const notText = unreadableFormat(head)
    if (notText !== null) {
      closeSync(fd)
      throw new NotTextError(path, notText)
    }
    if (!isGzipHead(head)) return fileSource(fd, WHOLE, options)
    closeSync(fd)
  }
  if (path === '-' && stdinIsFile()) return stdinFileSource(options)
  return streamSource(await openInput(path, undefined, options.chunkBytes), path, options)
}

/**
 * Standard input redirected from a regular file (`sspi-annotate < app.log`),
 * read as a file by name is: readSync into one reused buffer, not an fs
 * stream of new ones (the bench: 512 against 407 ms by name). It reads on
 * from where the file was left (`{ read header; sspi-annotate; } < app.log`)
 * and leaves descriptor 0 open; gzip goes to the stream path, with the
 * bytes already read put back in front.
 */
function stdinFileSource (options: TextSourceOptions): TextSource | Promise<TextSource> {
  const reader = new DescriptorReader(0, options.chunkBytes)
  const head = reader.head()
  const notText = unreadableFormat(head)
  if (notText !== null) throw new NotTextError('-', notText)
  if (isGzipHead(head)) {
    const rest = createReadStream('', { fd: 0, highWaterMark: options.chunkBytes, autoClose: false })
    return streamSource(Readable.from((async function * () { yield Buffer.from(head); yield * rest })()), '-', options)
  }
  return readerSource(reader, options, () => {})
}

/** An open descriptor read from its position on, each chunk into the same buffer; the first chunk is read at once, to be looked at. */
class DescriptorReader {
  private readonly buf: Buffer
  private first: Buffer | null

  constructor (private readonly fd: number, chunkBytes: number) {
    this.buf = Buffer.allocUnsafeSlow(chunkBytes)
    this.first = this.read()
  }

  /** The first chunk, before any is taken. */
  head (): Buffer {
    return this.first ?? Buffer.alloc(0)
  }

  next (): Buffer | null {
    const chunk = this.first ?? this.read()
    this.first = null
    return chunk.length === 0 ? null : chunk
  }

  private read (): Buffer {
    return this.buf.subarray(0, readSync(this.fd, this.buf, 0, this.buf.length, null))
  }
}

function fileSource (fd: number, range: ByteRange, options: TextSourceOptions): TextSource {
  const reader = new FileRangeReader(fd, range, options.chunkBytes)
  return readerSource(reader, options, () => {
    closeSync(fd)
    reader.release()
  })
}

/** The chunks a reader reads with readSync, counted as read; `done` once they end or are let go of. */
function readerSource (reader: { next (): Buffer | null }, options: TextSourceOptions, done: () => void): TextSource {
  let read = 0
  async function * chunks (): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of chunksOf(reader, options.signal)) {
        read += chunk.length
        options.onBytes?.(chunk.length)
        yield chunk
      }
    } finally {
      done()
    }
  }
  return { chunks: chunks(), bytesRead: () => read, damage: () => null }
}

async function streamSource (raw: Readable, path: string, options: TextSourceOptions): Promise<TextSource> {
  let read = 0
  const count = (n: number): void => { read += n; options.onBytes?.(n) }
  if (!isGzipHead(await textHead(raw, path, options.signal))) {
    // Bytes are counted as they are read: not with a 'data' listener, which
    // would switch the stream to flowing mode before it is iterated.
    async function * chunks (): AsyncGenerator<Buffer> {
      for await (const chunk of untilAborted(raw, options.signal)) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        count(b.length)
        yield b
      }
    }
    return { chunks: chunks(), bytesRead: () => read, damage: () => null }
  }
  const tap = new Transform({ transform (chunk: Buffer, _enc, done) { count(chunk.length); done(null, chunk) } })
  // Errors reach the loop below through the gunzip stream.
  // node:zlib is loaded here, not at start-up (~1.6 ms of it): few inputs are gzip.
  const unzipped = pipeline(raw, tap, process.getBuiltinModule('node:zlib').createGunzip(), () => {})
  let damage: string | null = null
  // A file cut short (or corrupt further in) still gives the lines before the damage.
  async function * chunks (): AsyncGenerator<Buffer> {
    try {
      yield * untilAborted(unzipped, options.signal) as AsyncIterable<Buffer>
    } catch (err) {
      damage = (err as Error).message
    }
  }
  return { chunks: chunks(), bytesRead: () => read, damage: () => damage }
}

/** The first bytes of the open file (read where they are, not from the file position). */
function headAt (fd: number): Buffer {
  const head = Buffer.alloc(FORMAT_HEAD_BYTES)
  return head.subarray(0, readSync(fd, head, 0, head.length, 0))
}
