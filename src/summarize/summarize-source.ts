import type { Matcher } from '../match/compile.js'
import { SummaryCounter, table, type Summary } from '../summary/summary.js'
import { SourceScanner } from '../scan/source-scanner.js'
import type { InputMode } from '../parse/input-mode.js'
import { countingSink } from '../pipeline/sinks.js'
import { DEFAULT_MAX_LINE_BYTES } from '../scan/line-scanner.js'
import type { ByteRange } from '../source/file-slices.js'
import { openTextSource } from '../source/text-source.js'

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

/** A file to read, or a slice of one (file-slices.ts) with the input mode its start decided. */
export interface SourcePiece {
  readonly path: string
  readonly slice?: { readonly range: ByteRange, readonly mode: InputMode }
}

/** A signal that never fires. */
const NEVER = new AbortController().signal

/**
 * The summary of a file, or of a slice of one (its lines only, counted as in
 * the whole file), or of standard input for `-`, opened as every command
 * opens its inputs (source/text-source.ts), into one reused buffer: a chunk
 * is used up before the next is read. `onBytes` hears how many raw bytes
 * were read, for a progress bar. Once `signal` fires, no more is read: the
 * summary counts what was read, the line in hand as a last line, as
 * annotate does. A gzip file that breaks off is counted up to the damage
 * and named under `damaged`; the line in hand there is not a line (annotate
 * does not count it either).
 */
export async function summarizePiece (matcher: Matcher, piece: SourcePiece, options: SummarizeOptions, onBytes: (n: number) => void = () => {}, signal: AbortSignal = NEVER): Promise<Summary> {
  const range = piece.slice?.range
  const source = await openTextSource(piece.path, { chunkBytes: SUMMARIZE_CHUNK, signal, range, onBytes })
  const counter = new SummaryCounter()
  const reader = new SourceScanner({
    matcher,
    input: piece.slice?.mode ?? options.input,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    onReplaced: (n) => { counter.countReplaced(n) },
    startOfFile: (range?.start ?? 0) === 0,
    sinkFor: (input) => countingSink(input, { matcher, source: piece.path, fields: options.fields, hostField: options.hostField, year: options.year }, counter),
  })
  for await (const chunk of source.chunks) reader.write(chunk)
  const damage = source.damage()
  if (damage === null) reader.end()
  const s = counter.summary
  s.files = 1
  s.bytes = source.bytesRead()
  if (damage !== null) (s.damaged = table())[piece.path] = damage
  return s
}
