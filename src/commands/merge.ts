import { readFileSync } from 'node:fs'
import { oneLine } from '../one-line.js'
import { errnoProblem, problem, tell, type Problem } from '../problems.js'
import type { RuleSet } from '../rules/types.js'
import { mergeSummaries, type Summary } from '../summary/summary.js'
import { summaryProblem } from '../summary/summary-shape.js'
import { quietOnClosedStdout, writeReport, type ReportOutput } from './report-output.js'

/** Read a summary file (from --summary-file, or summarize --json), or say why not. */
export function readSummary (path: string): Summary | Problem {
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return code === undefined ? problem('notJson', oneLine((err as Error).message)) : errnoProblem(code, 'cannotRead')
  }
  const s = doc as Partial<Summary>
  if (typeof doc !== 'object' || doc === null || s.version !== 1 || typeof s.lines !== 'number' || typeof s.byCode !== 'object') {
    return problem('notASummary')
  }
  const damage = summaryProblem(doc)
  return damage === null ? s as Summary : problem('damagedSummary', damage)
}

/** `merge SUMMARY.json…`: one summary from many hosts' summaries. */
export function runMerge (ruleSet: RuleSet, paths: readonly string[], out: ReportOutput): number {
  quietOnClosedStdout()
  const parts: Summary[] = []
  for (const p of paths) {
    const s = readSummary(p)
    if (!('version' in s)) {
      tell(out.lang ?? 'en', s, p)
      return 2
    }
    parts.push(s)
  }
  return writeReport(mergeSummaries(...parts), ruleSet, out) ? 0 : 1
}
