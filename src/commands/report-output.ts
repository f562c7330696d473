import type { RuleSet } from '../rules/types.js'
import type { Summary } from '../summary/summary.js'
import type { Lang } from '../rules/lang.js'
import { reportModel } from '../summary/report-model.js'
import { renderReportMarkdown, renderReportText } from '../summary/report-text.js'
import { renderReportHtml } from '../summary/report-html.js'
import { writeOutputFile } from './output-file.js'

export interface ReportOutput {
  readonly json: boolean
  readonly markdown: boolean
  readonly html: string | null
  readonly top: number
  /** The language of the report's words. */
  readonly lang?: Lang
}

/**
 * Write a summary as asked: JSON, Markdown or a table on stdout, and an HTML
 * file when named. False when the HTML file could not be written (said on
 * stderr); stdout gets its report either way.
 */
export function writeReport (summary: Summary, ruleSet: RuleSet, out: ReportOutput): boolean {
  const model = reportModel(summary, ruleSet, out.lang ?? 'en')
  const written = out.html === null || writeOutputFile(out.html, renderReportHtml(model), out.lang)
  if (out.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
  else if (out.markdown) process.stdout.write(renderReportMarkdown(model))
  else process.stdout.write(renderReportText(model, out.top))
  return written
}

/** A reader that goes away (| head) ends the command quietly. Every command but annotate uses this one; annotate's also writes its summary file first. */
export function quietOnClosedStdout (): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    throw err
  })
}
