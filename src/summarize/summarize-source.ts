import { createGunzip } from 'node:zlib'
import { pipeline, Transform } from 'node:stream'
import type { Readable } from 'node:stream'
import type { Matcher } from '../match/compile.js'
import { SummaryCounter, table, type Summary } from '../summary/summary.js'
import { SourceScanner } from '../scan/source-scanner.js'
import type { InputMode } from '../parse/input-mode.js'
import { countingSink } from '../pipeline/sinks.js'
import { DEFAULT_MAX_LINE_BYTES } from '../scan/line-scanner.js'
import { closeSync, readSync } from 'node:fs'
import { openInput, openRegularFile, untilAborted } from '../source/input.js'
import { chunksOf, FileRangeReader, type ByteRange } from '../source/file-slices.js'
import { isGzipHead, NotTextError, textHead } from '../source/gzip.js'
import { FORMAT_HEAD_BYTES, unreadableFormat } from '../source/unreadable-formats.js'

export interface SummarizeOptions {
  /** text, ndjson, or auto: ndjson when the first non-empty line is a JSON object. */
  readonly input: 'text' | 'ndjson' | 'auto'
  readonly fields: readonly string[] | null
  readonly hostField: string | null
  readonly year?: number
  /** Longer lines are cut, and counted as truncated (--max-line-length), in UTF-8 bytes. */
  readonly maxLineBytes?: number
}

/**
 * Files are read in 256 KiB chunks, each decoded in pieces of at most 64 KiB
 * (text-pieces.ts), not into one string. A chunk is read, then decoded from
 * the same buffer: small enough to still be in the core's cache when it is
 * decoded, which counts when two threads share the cores' caches. On the
 * bench's four files, two workers took 785 ms with 256 KiB chunks and 822 ms
 * with 1 MiB (759 and 789 in a second run; 128 KiB no better), one worker
 * the same with either (medians of 21 and 11, alternating).
 */
export const SUMMARIZE_CHUNK = 256 * 1024

/**
 * The summary of one input read as a stream (standard input, a pipe, a gzip
 * file; gzip recognised by its magic bytes, whatever the name). `onBytes`
 * hears how many raw bytes were read, for a progress bar.
 */
async function summarizeStream (matcher: Matcher, raw: Readable, name: string, options: SummarizeOptions, onBytes: (n: number) => void, signal: AbortSignal): Promise<Summary> {
  if (!isGzipHead(await textHead(raw, signal))) return summarizeChunks(matcher, untilAborted(raw, signal) as AsyncIterable<Buffer>, name, options, onBytes, true)
  let compressed = 0
  const tap = new Transform({ transform (chunk: Buffer, _enc, done) { compressed += chunk.length; onBytes(chunk.length); done(null, chunk) } })
  // Errors reach the loop below through the gunzip stream.
  const unzipped = pipeline(raw, tap, createGunzip(), () => {})
  let damage: string | null = null
  // A file cut short (or corrupt further in) still counts the lines read
  // before the damage, as annotate writes their events; the file is named.
  async function * upToDamage (): AsyncGenerator<Buffer> {
    try {
      yield * untilAborted(unzipped, signal) as AsyncIterable<Buffer>
    } catch (err) {
      damage = (err as Error).message
    }
  }
  const s = await summarizeChunks(matcher, upToDamage(), name, options, () => {}, true, () => damage === null)
  s.bytes = compressed
  if (damage !== null) (s.damaged = table())[name] = damage
  return s
}

/**
 * The summary of raw bytes in chunks, counted as read (`onBytes`, for a
 * progress bar). A chunk is used up before the next is asked for, so its
 * buffer may be reused. `startOfFile` false: the chunks are a slice from
 * inside a plain UTF-8 file (file-slices.ts), where no BOM is looked for,
 * and options.input should be the mode the file's start decided.
 */
async function summarizeChunks (matcher: Matcher, chunks: AsyncIterable<Buffer>, name: string, options: SummarizeOptions, onBytes: (n: number) => void, startOfFile: boolean, whole: () => boolean = () => true): Promise<Summary> {
  const counter = new SummaryCounter()
  let bytes = 0
  const reader = new SourceScanner({
    matcher,
    input: options.input,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    onReplaced: (n) => { counter.countReplaced(n) },
    startOfFile,
    sinkFor: (input) => countingSink(input, { matcher, source: name, fields: options.fields, hostField: options.hostField, year: options.year }, counter),
  })
  // Bytes are counted as they are read: not with a 'data' listener, which
  // would switch a stream to flowing mode before it is iterated.
  for await (const chunk of chunks) {
    bytes += chunk.length
    onBytes(chunk.length)
    reader.write(chunk)
  }
  // The line in hand when a gzip file broke off is not a line: annotate, whose
  // pipeline fails there, never sees it either.
  if (whole()) reader.end()
  const s = counter.summary
  s.files = 1
  s.bytes = bytes
  return s
}

/** A file to read, or a slice of one (file-slices.ts) with the input mode its start decided. */
export interface SourcePiece {
  readonly path: string
  readonly slice?: { readonly range: ByteRange, readonly mode: InputMode }
}

/** The whole of a file, growth included. */
const WHOLE: ByteRange = { start: 0, end: Number.POSITIVE_INFINITY }

/** A signal that never fires. */
const NEVER = new AbortController().signal

/**
 * The summary of a file, or of a slice of one (its lines only, counted as in
 * the whole file), or of standard input for `-`. A plain regular file is
 * read with readSync into one reused buffer (FileRangeReader); gzip files,
 * pipes and devices as streams. Once `signal` fires, no more is read, even
 * from a named pipe whose writer is silent (openInput reads pipes without
 * holding a thread): the summary counts what was read, the line in hand as
 * a last line, as annotate does.
 */
export async function summarizePiece (matcher: Matcher, piece: SourcePiece, options: SummarizeOptions, onBytes: (n: number) => void = () => {}, signal: AbortSignal = NEVER): Promise<Summary> {
  const fd = piece.path === '-' ? null : openRegularFile(piece.path)
  if (fd === null) return summarizeStream(matcher, await openInput(piece.path, undefined, SUMMARIZE_CHUNK), piece.path, options, onBytes, signal)
  if (piece.slice === undefined) {
    let head: Buffer
    try {
      head = headAt(fd)
    } catch (err) {
      closeSync(fd)
      throw err
    }
    const notText = unreadableFormat(head)
    if (notText !== null || isGzipHead(head)) {
      closeSync(fd)
      if (notText !== null) throw new NotTextError(notText)
      return summarizeStream(matcher, await openInput(piece.path, undefined, SUMMARIZE_CHUNK), piece.path, options, onBytes, signal)
    }
  }
  return summarizeFileRange(matcher, fd, piece, options, onBytes, signal)
}

/** A plain file, or a slice of one, read with readSync into one reused buffer; closes `fd`. */
async function summarizeFileRange (matcher: Matcher, fd: number, piece: SourcePiece, options: SummarizeOptions, onBytes: (n: number) => void, signal: AbortSignal): Promise<Summary> {
  try {
    const range = piece.slice?.range ?? WHOLE
    const fileOptions = piece.slice === undefined ? options : { ...options, input: piece.slice.mode }
    return await summarizeChunks(matcher, chunksOf(new FileRangeReader(fd, range, SUMMARIZE_CHUNK), signal), piece.path, fileOptions, onBytes, range.start === 0)
  } finally {
    closeSync(fd)
  }
}

/** The first bytes of the open file (read where they are, not from the file position). */
function headAt (fd: number): Buffer {
  const head = Buffer.alloc(FORMAT_HEAD_BYTES)
  return head.subarray(0, readSync(fd, head, 0, head.length, 0))
}
