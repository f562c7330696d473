import { closeSync, openSync, readSync } from 'node:fs'
import { firstLineMode, type InputMode } from '../parse/input-mode.js'
import { isGzipHead } from './gzip.js'
import { utf16WithoutBom } from '../decode/decode.js'
import { unreadableFormat } from './unreadable-formats.js'

/**
 * One big file summarized by several threads at once: each reads a slice of
 * it. A line belongs to the slice its first byte falls in, so a slice starts
 * at its first line start and reads on past its end to finish its last line;
 * the slices' bytes are the file's, each byte in exactly one. Lines end at LF,
 * which is never part of a UTF-8 sequence, so decoding a slice alone gives
 * what decoding the whole file gives.
 *
 * 16 MiB: a worker thread takes ~60-80 ms to start, in which this thread
 * reads several slices, and the threads then finish within a slice of each
 * other.
 */
export const SLICE_BYTES = 16 * 1024 * 1024

/** A nominal byte range [start, end) of a file; see above for who owns which line. */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/** `size` bytes in ranges of `sliceBytes`; the last one takes the rest. */
export function sliceRanges (size: number, sliceBytes: number): ByteRange[] {
  const ranges: ByteRange[] = []
  for (let start = 0; start < size; start += sliceBytes) ranges.push({ start, end: Math.min(size, start + sliceBytes) })
  return ranges
}

const HEAD = 64 * 1024

/**
 * How a file can be read in slices: the input mode its start decides, or
 * null when it cannot be. gzip has to be read from its start; UTF-16 does
 * not end its lines with a lone LF byte; and with `auto`, a file whose first
 * 64 KiB hold no complete line would leave the mode to later slices. Null,
 * too, when the file cannot be read: the whole-file path reports why.
 */
export function sliceMode (path: string, input: 'text' | 'ndjson' | 'auto'): InputMode | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
  try {
    const head = Buffer.allocUnsafe(HEAD)
    const n = readSync(fd, head, 0, HEAD, 0)
    const b = head.subarray(0, n)
    if (isGzipHead(b) || unreadableFormat(b) !== null) return null
    if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || utf16WithoutBom(b) !== null) return null
    return input !== 'auto' ? input : firstLineMode(b.toString('utf8'), n < HEAD)
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

const LF = 10

/**
 * The buffer of the last reader done with, for the next one of this thread:
 * summarize reads a slice or a file per reader, and a folder of rotated logs
 * is many files. New memory is paged in as it is first written; four
 * 1,000,000-line files in 36 slices on two threads took 748 ms with a new
 * buffer per slice, 728 ms so (medians of 15, paired 0.977).
 */
let spare: Buffer | null = null

/**
 * Reads the lines that start in `range` of an open file, one chunk per
 * next(), each read into the same buffer: the chunk is valid until the next
 * call. A range whose end is Infinity reads to the end of the file as it is
 * then, growth included.
 *
 * readSync, not fs streams: with those a CPU profile showed summarize's
 * thread idle ~100 ms of a 500 ms million-line run, waiting for thread-pool
 * reads to come back, while a read from the page cache takes well under a
 * millisecond. One buffer, not a new one per read: over a 139 MB file in a
 * fresh process the reads took ~55 ms into new Buffers and ~18 ms into one
 * reused buffer (new memory is paged in on every read); summarize on the
 * bench corpus went from 458 to 412 ms (median of 15).
 */
export class FileRangeReader {
  private readonly buf: Buffer
  /** Next byte to read. */
  private pos: number
  /** Still looking for the first line that starts in the range. */
  private seeking: boolean
  /** Past the end, reading on to the LF of the last line. */
  private finishing = false
  private done = false

  /** Each piece is read into the same buffer: the caller is done with one before it asks for the next. */
  constructor (private readonly fd: number, private readonly range: ByteRange, chunkBytes: number) {
    const kept = spare
    this.buf = kept !== null && kept.length === chunkBytes ? kept : Buffer.allocUnsafeSlow(chunkBytes)
    if (this.buf === kept) spare = null
    // The first line starts right after the first LF at or after start - 1.
    this.seeking = range.start > 0
    this.pos = this.seeking ? range.start - 1 : 0
  }

  /** Done with: no chunk read is used again, and the buffer goes to the next reader. */
  release (): void {
    spare = this.buf
  }

  /** The next piece of the range, or null at its end. */
  next (): Buffer | null {
    const buf = this.buf
    while (this.seeking) {
      const n = readSync(this.fd, buf, 0, buf.length, this.pos)
      if (n === 0) return null
      const lf = buf.subarray(0, n).indexOf(LF)
      if (lf === -1) {
        this.pos += n
      } else {
        this.pos += lf + 1
        this.seeking = false
      }
    }
    if (this.done) return null
    // A line that starts at or past the end is the next slice's.
    if (!this.finishing && this.pos >= this.range.end) return null
    const n = readSync(this.fd, buf, 0, buf.length, this.pos)
    if (n === 0) return null
    const from = this.pos
    this.pos += n
    // Once past the byte before the end, the line in hand is the last one: up to its LF.
    if (this.finishing || this.pos >= this.range.end) {
      const lf = buf.subarray(0, n).indexOf(LF, this.finishing ? 0 : this.range.end - 1 - from)
      if (lf !== -1) {
        this.done = true
        return buf.subarray(0, lf + 1)
      }
      this.finishing = true
    }
    return buf.subarray(0, n)
  }
}

/**
 * The chunks of `reader`, one per turn of the event loop, so that signals and
 * worker messages are still heard; none more once `signal` has fired. A
 * chunk is read only when the one before has been taken and let go of:
 * for-await asks for the next only then.
 */
export async function * chunksOf (reader: { next (): Buffer | null }, signal?: AbortSignal): AsyncGenerator<Buffer> {
  for (let chunk = reader.next(); chunk !== null; chunk = reader.next()) {
    yield chunk
    await new Promise((resolve) => setImmediate(resolve))
    if (signal?.aborted === true) return
  }
}
