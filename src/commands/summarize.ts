import type { RuleSet } from '../rules/types.js'
import { compileMatcher } from '../match/compile.js'
import { warnWhenPatternTooLarge } from './pattern-warning.js'
import { mergeSummaries, type Summary } from '../summary/summary.js'
import { expandInputs } from '../summarize/inputs.js'
import { summarizeFiles } from '../summarize/pool.js'
import { ProgressBar, type ProgressState } from '../summarize/progress.js'
import type { SummarizeOptions } from '../summarize/summarize-source.js'
import { quietOnClosedStdout, writeReport, type ReportOutput } from './report-output.js'

export interface SummarizeCommandOptions extends ReportOutput {
  readonly paths: readonly string[]
  readonly workers: number
  readonly rulesFiles: readonly string[]
  readonly messages: boolean
  readonly source: SummarizeOptions
}

/** `summarize PATH…`: counts over files, folders and .gz, in parallel; status 1 if any input could not be read. */
export async function runSummarize (ruleSet: RuleSet, options: SummarizeCommandOptions): Promise<number> {
  quietOnClosedStdout()
  let failures = 0
  const onError = (path: string, reason: string): void => {
    bar?.done()
    process.stderr.write(`sspi-annotate: ${path}: ${reason}\n`)
    failures++
  }
  let bar: ProgressBar | null = null
  const files = await expandInputs(options.paths, onError)
  const state: ProgressState = { filesDone: 0, files: files.length, bytesDone: 0, bytes: files.reduce((n, f) => n + f.bytes, 0) }
  bar = new ProgressBar(state)
  const matcher = compileMatcher(ruleSet, { messages: options.messages })
  warnWhenPatternTooLarge(matcher)
  const summaries = await summarizeFiles(files, {
    workers: options.workers,
    matcher,
    rulesFiles: options.rulesFiles,
    messages: options.messages,
    options: options.source,
    onBytes: bar.enabled ? (n) => { state.bytesDone += n; bar!.update() } : undefined,
    onFile: () => { state.filesDone++; bar!.update() },
    onError,
  })
  bar.done()
  const summary = mergeSummaries(...summaries.filter((s): s is Summary => s !== null))
  const written = writeReport(summary, ruleSet, options)
  return failures > 0 || !written ? 1 : 0
}
