import { pipeline } from 'node:stream/promises'
import { BLOCK_CHUNK, LINE_CHUNK } from '../source/read-sizes.js'
import { capYoungGeneration } from '../runtime/young-generation.js'
import { compileRegExpsToMachineCode } from '../runtime/regexp-tier.js'
import { scavengeAloneWhenCoresAreBusy } from '../runtime/scavenge-alone.js'
import { openTextSource, type TextSource } from '../source/text-source.js'
import { sinkInto } from '../write/output.js'
import { sourceStages, type AnnotatePlan } from '../pipeline/plan.js'
import { SummaryCounter } from '../summary/summary.js'
import { writeSummary, type SummaryDestinations } from '../summary/report.js'
import type { Lang } from '../rules/lang.js'
import { problem, ProblemError, problemOf, tell } from '../problems.js'
import { onStopSignal, SIGNAL_EXIT, type StopSignal } from './stop-signals.js'

export interface AnnotateCommandOptions extends AnnotatePlan {
  /** Paths; `-` is standard input. Empty means standard input. */
  readonly inputs: readonly string[]
  readonly summary: boolean
  readonly summaryFile: string | null
  /** The language of the counts table on a terminal. */
  readonly lang?: Lang
  readonly summaryIntervalSeconds: number | null
}

/** How long a signalled run may take to drain before it exits anyway (a stalled stdout). */
const DRAIN_GRACE_MS = 2000

/**
 * The default command: annotate every input in turn, NDJSON on stdout.
 * Resolves to the exit status. Process-level concerns live here, not in the
 * stages: signals, a closed stdout, and when the summary is written.
 */
export async function runAnnotate (options: AnnotateCommandOptions): Promise<number> {
  const inputs = options.inputs.length === 0 ? ['-'] : options.inputs
  const lang = options.lang ?? 'en'
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
      writeSummary(counter.summary, to, undefined, options.lang)
      return true
    } catch (err) {
      tell(lang, problem('cannotWriteSummary', (err as Error).message))
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
    tell(lang, problem('cannotWriteOutput', err.message))
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
  scavengeAloneWhenCoresAreBusy(1)
  compileRegExpsToMachineCode()
  const interval = options.summaryIntervalSeconds === null
    ? null
    : setInterval(() => report(onDemand), options.summaryIntervalSeconds * 1000)
  interval?.unref()

  // Files are read in larger chunks unless every line makes an output of
  // its own (read-sizes.ts).
  const lineByLine = options.all === true || options.rsyslog === true
  try {
    for (const path of inputs) {
      if (stop.signal.aborted) break
      let source: TextSource
      try {
        // Rotated logs: gzip, known by its first bytes, is read as the text
        // inside; xz, zip, .evtx and the like are named and skipped.
        source = await openTextSource(path, { chunkBytes: lineByLine ? LINE_CHUNK : BLOCK_CHUNK, signal: stop.signal })
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err
        tell(lang, err.problem, path)
        failures++
        continue
      }
      const whole = (): boolean => source.damage() === null
      try {
        await pipeline([
          ...sourceStages(options, path, counter, source.chunks, whole),
          sinkInto(process.stdout),
        ])
      } catch (err) {
        tell(lang, problemOf(err), path)
        failures++
      }
      if (!whole()) {
        tell(lang, problem('damaged', source.damage()!), path)
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
