import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { Matcher } from '../match/compile.js'
import { createAnnotateStage } from '../stream/annotate.js'
import { BLOCK_CHUNK, BlockAnnotateStage } from '../stream/block-annotate.js'
import { capYoungGeneration } from '../stream/young-generation.js'
import { splitLines } from '../stream/lines.js'
import { InputError, openInput, untilAborted } from '../stream/input.js'
import { sinkInto } from '../stream/output.js'
import { createDedupeStage } from '../stream/dedupe.js'
import { InputStage } from '../stream/input-stage.js'
import { createRecordStage } from '../stream/record-stage.js'
import { replay, sniffInputMode, type InputMode } from '../stream/sniff.js'
import { PROFILES, type FormatName } from '../formats/index.js'
import { createRsyslogStage } from '../formats/rsyslog.js'
import { createNdjsonStage } from '../formats/ndjson.js'
import { SummaryCounter } from '../summary/summary.js'
import { writeSummary, type SummaryDestinations } from '../summary/report.js'
import { NotTextError, textOf } from '../stream/gzip.js'
import { onStopSignal, SIGNAL_EXIT, type StopSignal } from './stop-signals.js'

export interface AnnotateCommandOptions {
  readonly matcher: Matcher
  /** Paths; `-` is standard input. Empty means standard input. */
  readonly inputs: readonly string[]
  readonly all: boolean
  readonly summary: boolean
  readonly summaryFile: string | null
  readonly summaryIntervalSeconds: number | null
  /** Fold repeated events seen within this many milliseconds (--dedupe). */
  readonly dedupeWindowMs?: number | null
  /** Longer lines are cut and flagged (--max-line-length), in UTF-8 bytes. */
  readonly maxLineBytes?: number
  /** text: lines of text; ndjson: records; auto: decided per source by its first line. */
  readonly input?: InputMode | 'auto'
  /** Record mode: the fields to scan (null: message, msg, log, MESSAGE). */
  readonly fields?: readonly string[] | null
  /** Record mode: where the annotation goes. */
  readonly target?: string
  readonly format?: FormatName
  /** Speak rsyslog's mmexternal protocol on stdin/stdout; stderr is never written. */
  readonly rsyslog?: boolean
}

/** 1 MiB: far beyond any real log line, small enough to keep memory flat. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024

/** How long a signalled run may take to drain before it exits anyway (a stalled stdout). */
const DRAIN_GRACE_MS = 2000

/**
 * The default command: annotate every input in turn, NDJSON on stdout.
 * Resolves to the exit status. Process-level concerns live here, not in the
 * stages: signals, a closed stdout, and when the summary is written.
 */
export async function runAnnotate (options: AnnotateCommandOptions): Promise<number> {
  const { matcher } = options
  const inputs = options.inputs.length === 0 ? ['-'] : options.inputs
  const counter = new SummaryCounter()
  const destinations: SummaryDestinations = { stderr: options.summary, file: options.summaryFile }
  // rsyslog reads the plugin's stderr with its replies: nothing may go there.
  const onDemand: SummaryDestinations = destinations.stderr || destinations.file !== null || options.rsyslog === true ? destinations : { stderr: true, file: null }
  const stop = new AbortController()
  let signalled: StopSignal | null = null
  let failures = 0

  /** False when the summary could not be written (said on stderr); a live run goes on. */
  const report = (to: SummaryDestinations): boolean => {
    try {
      writeSummary(counter.summary, to)
      return true
    } catch (err) {
      process.stderr.write(`sspi-annotate: cannot write the summary: ${(err as Error).message}\n`)
      return false
    }
  }

  // A reader that goes away (`| head`) is not an error: end quietly, status 0.
  const onStdoutError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      stop.abort()
      const written = destinations.file === null || report({ stderr: false, file: destinations.file })
      process.exit(written ? 0 : 1)
    }
    process.stderr.write(`sspi-annotate: cannot write output: ${err.message}\n`)
    process.exit(1)
  }
  const onSignal = (name: StopSignal): void => {
    if (signalled !== null) process.exit(SIGNAL_EXIT[name]) // a second Ctrl-C: leave now
    signalled = name
    stop.abort()
    // If output is stuck behind a stalled reader, do not hang: count what we have and go.
    setTimeout(() => {
      report(destinations)
      process.exit(SIGNAL_EXIT[name])
    }, DRAIN_GRACE_MS).unref()
  }
  const onSigusr1 = (): void => { report(onDemand) }
  // Log rotation: the summary file may have been moved away; write it anew
  // at its path. (It is never held open: each write is a fresh file renamed
  // into place.) Without --summary-file there is nothing to reopen, but a
  // hang-up must still not end the run, as it would by default.
  const onSighup = (): void => { if (destinations.file !== null) report({ stderr: false, file: destinations.file }) }
  process.stdout.on('error', onStdoutError)
  process.on('SIGHUP', onSighup)
  const stopListening = onStopSignal(onSignal)
  process.on('SIGUSR1', onSigusr1)
  const stopCapping = capYoungGeneration()
  const interval = options.summaryIntervalSeconds === null
    ? null
    : setInterval(() => report(onDemand), options.summaryIntervalSeconds * 1000)
  interval?.unref()

  const profile = PROFILES[options.format ?? 'native']
  /** The stages for one source, from its bytes to stdout. */
  async function sourcePipeline (path: string, source: Readable): Promise<Array<NodeJS.ReadableStream | NodeJS.WritableStream>> {
    let chunks: AsyncGenerator<Buffer | string> = untilAborted(source, stop.signal)
    let mode = options.input ?? 'text'
    if (mode === 'auto') {
      const sniffed = await sniffInputMode(chunks)
      mode = sniffed.mode
      chunks = replay(sniffed.head, chunks)
    }
    const input = new InputStage({ maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, onReplaced: (n) => counter.countReplaced(n) })
    const truncations = input.guard.truncations
    const lines = options.rsyslog === true
      ? [
          splitLines(),
          createRsyslogStage({ matcher, fields: options.fields ?? null, target: options.target ?? 'sspi', counter, truncations }),
          createNdjsonStage((text) => text as string),
        ]
      : mode === 'ndjson'
      ? [
          splitLines(),
          createRecordStage({ matcher, fields: options.fields ?? null, target: options.target ?? 'sspi', profile, counter, truncations }),
          createNdjsonStage((text) => text as string),
        ]
      : [
          // Without --all only lines with codes become events: whole chunks
          // are scanned at once and no other line is split out (block-annotate.ts).
          ...(options.all === true
            ? [splitLines(), createAnnotateStage({ matcher, source: path, all: true, counter, truncations })]
            : [new BlockAnnotateStage({ matcher, source: path, counter, truncations })]),
          ...(options.dedupeWindowMs == null ? [] : [createDedupeStage({ windowMs: options.dedupeWindowMs })]),
          createNdjsonStage(profile.lineJson as (event: unknown) => string),
        ]
    return [
      Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 }),
      input,
      ...lines,
      sinkInto(process.stdout),
    ]
  }

  // Text without --all is scanned in blocks, and files are then read in
  // larger chunks (see BLOCK_CHUNK); record and --all modes split lines.
  const blocks = options.all !== true && (options.input ?? 'text') === 'text' && options.rsyslog !== true
  try {
    for (const path of inputs) {
      if (stop.signal.aborted) break
      let source: Readable
      try {
        // Rotated logs: gzip, known by its first bytes, is read as the text
        // inside; xz, zip, .evtx and the like are named and skipped.
        source = await textOf(await openInput(path, undefined, blocks ? BLOCK_CHUNK : undefined), stop.signal)
      } catch (err) {
        if (!(err instanceof InputError) && !(err instanceof NotTextError)) throw err
        process.stderr.write(`sspi-annotate: ${err instanceof NotTextError ? `${path}: ` : ''}${err.message}\n`)
        failures++
        continue
      }
      try {
        await pipeline(await sourcePipeline(path, source))
      } catch (err) {
        process.stderr.write(`sspi-annotate: ${path}: ${(err as Error).message}\n`)
        failures++
      }
    }
  } finally {
    stopCapping()
    if (interval !== null) clearInterval(interval)
    stopListening()
    process.off('SIGUSR1', onSigusr1)
    process.off('SIGHUP', onSighup)
  }
  const written = report(destinations)
  if (signalled !== null) return SIGNAL_EXIT[signalled]
  return failures > 0 || !written ? 1 : 0
}
