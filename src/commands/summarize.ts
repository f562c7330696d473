import type { RuleSet } from '../rules/types.js'
import { compileMatcher } from '../match/compile.js'
import { warnWhenPatternTooLarge } from './pattern-warning.js'
import { emptySummary, mergeSummaries, type Interruption, type Summary } from '../summary/summary.js'
import { bytesText } from '../summary/text-format.js'
import { onStopSignal, SIGNAL_EXIT, type StopSignal } from './stop-signals.js'
import { expandInputs } from '../source/inputs.js'
import { planWork, startHelpers, summarizePlan } from '../summarize/pool.js'
import { ProgressBar, type ProgressState } from '../summarize/progress.js'
import type { SummarizeOptions } from '../summarize/summarize-source.js'
import { problem, tell, type Problem } from '../problems.js'
import { quietOnClosedStdout, writeReport, type ReportOutput } from './report-output.js'
import { compileRegExpsToMachineCode } from '../runtime/regexp-tier.js'

export interface SummarizeCommandOptions extends ReportOutput {
  readonly paths: readonly string[]
  readonly workers: number
  readonly messages: boolean
  readonly source: SummarizeOptions
}

/**
 * `summarize PATH…`: counts over files, folders and .gz, in parallel; status
 * 1 if any input could not be read. SIGINT or SIGTERM stops the reading at
 * the next chunk of every thread; the report of what was read is written,
 * saying so, and the status is the signal's (130, 143). A second signal
 * leaves at once.
 */
export async function runSummarize (loadRules: () => RuleSet, options: SummarizeCommandOptions): Promise<number> {
  quietOnClosedStdout()
  const stop = new AbortController()
  let signalled: StopSignal | null = null
  const onSignal = (name: StopSignal): void => {
    if (signalled !== null) process.exit(SIGNAL_EXIT[name])
    signalled = name
    stop.abort()
  }
  const stopListening = onStopSignal(onSignal)
  try {
    return await summarizeUntilStopped(loadRules, options, stop.signal, () => signalled)
  } finally {
    stopListening()
  }
}

async function summarizeUntilStopped (loadRules: () => RuleSet, options: SummarizeCommandOptions, signal: AbortSignal, signalled: () => StopSignal | null): Promise<number> {
  let failures = 0
  const lang = options.lang ?? 'en'
  const onError = (path: string, p: Problem): void => {
    bar?.done()
    tell(lang, p, path)
    failures++
  }
  let bar: ProgressBar | null = null
  // The files are listed first, so that the worker threads start while the
  // rules load and compile; what could not be listed is said after the
  // rules' own problems, as before the threads started early.
  const unlisted: Array<[string, Problem]> = []
  const files = await expandInputs(options.paths, (path, p) => unlisted.push([path, p]))
  const plan = planWork(files, { workers: options.workers, options: options.source })
  const helpers = startHelpers(plan.helpers)
  // A V8 flag set while a worker thread starts makes it compile Node's own
  // modules from source (relaxed-simd.ts): with helpers, patterns go the
  // usual way (bytecode first, ~8 ms more per thread, once).
  if (helpers.length === 0) compileRegExpsToMachineCode()
  const ruleSet = loadRules()
  for (const [path, p] of unlisted) onError(path, p)
  const state: ProgressState = { filesDone: 0, files: files.length, bytesDone: 0, bytes: files.reduce((n, f) => n + f.bytes, 0) }
  bar = new ProgressBar(state, process.stderr, lang)
  const matcher = compileMatcher(ruleSet, { messages: options.messages })
  warnWhenPatternTooLarge(matcher, lang)
  const summaries = await summarizePlan(plan, helpers, {
    workers: options.workers,
    matcher,
    options: options.source,
    onBytes: bar.enabled ? (n) => { state.bytesDone += n; bar!.update() } : undefined,
    onFile: () => { state.filesDone++; bar!.update() },
    onError,
    signal,
  })
  bar.done()
  // files and bytes from the start: the JSON keeps its shape when nothing could be read.
  const summary = mergeSummaries({ ...emptySummary(), files: 0, bytes: 0 }, ...summaries.filter((s): s is Summary => s !== null))
  for (const [path, reason] of Object.entries(summary.damaged ?? {})) onError(path, problem('damaged', reason))
  const stoppedBy = signalled()
  if (stoppedBy !== null) {
    const note = summary.interrupted = interruption(stoppedBy, state.bytes, summary.bytes ?? 0)
    tell(lang, problem('interrupted', stoppedBy, bytesText(summary.bytes ?? 0), note.unreadBytes > 0 ? bytesText(note.unreadBytes) : null))
  }
  const written = writeReport(summary, ruleSet, options)
  if (stoppedBy === null) return failures > 0 || !written ? 1 : 0
  return SIGNAL_EXIT[stoppedBy]
}

/**
 * The note a stopped run's summary carries. The bytes given are the sizes
 * of the files as listed (0 for standard input and pipes); a file that grew
 * meanwhile can make more be read than was given, and nothing is unread then.
 */
function interruption (signal: StopSignal, bytesGiven: number, bytesRead: number): Interruption {
  return { signal, unreadBytes: Math.max(0, bytesGiven - bytesRead) }
}
