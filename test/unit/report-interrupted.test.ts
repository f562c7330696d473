import { describe, expect, it } from 'vitest'
import { reportModel, type ReportModel } from '../../src/summary/report-model.js'
import { renderReportMarkdown, renderReportText } from '../../src/summary/report-text.js'
import { renderReportHtml } from '../../src/summary/report-html.js'
import { bytesText } from '../../src/summary/text-format.js'
import { emptySummary } from '../../src/summary/summary.js'
import { ruleSet } from '../helpers/rules.js'

/** A summarize run stopped by Ctrl-C after 2,600 bytes, with 3 MiB of its input left. */
const stopped: ReportModel = reportModel({ ...emptySummary(), lines: 26, files: 1, bytes: 2600, interrupted: { signal: 'SIGINT', unreadBytes: 3 * 1024 * 1024 } }, ruleSet)
const NOTE = 'Interrupted by SIGINT: these counts cover the 2.5 KiB read before it; 3.0 MiB of the input was not read.'

describe('the report of a summarize stopped by a signal', () => {
  it('carries the signal and the bytes left unread into the model', () => {
    expect(stopped.interrupted).toEqual({ signal: 'SIGINT', unreadBytes: 3 * 1024 * 1024 })
  })

  it('says so in the terminal report, right after the totals', () => {
    expect(renderReportText(stopped).split('\n')[1]).toBe(NOTE)
  })

  it('says so in the Markdown report, under the totals', () => {
    expect(renderReportMarkdown(stopped)).toContain(`\n\n> **${NOTE.replace(':', '**:')}\n`)
  })

  it('says so at the top of the HTML page', () => {
    expect(renderReportHtml(stopped)).toContain(`<p class="interrupted">${NOTE}</p>`)
  })

  it('names only what was read when nothing is known to be left (standard input, pipes)', () => {
    const m = reportModel({ ...emptySummary(), bytes: 12, interrupted: { signal: 'SIGTERM', unreadBytes: 0 } }, ruleSet)
    expect(renderReportText(m).split('\n')[1]).toBe('Interrupted by SIGTERM: these counts cover the 12 bytes read before it.')
  })

  it('says nothing of the kind for a run that ended by itself', () => {
    const m = reportModel({ ...emptySummary(), bytes: 12 }, ruleSet)
    expect(m.interrupted).toBeNull()
    expect(renderReportText(m)).not.toContain('Interrupted')
  })
})

describe('bytesText', () => {
  it.each([
    [0, '0 bytes'], [1, '1 byte'], [1023, '1,023 bytes'], [1024, '1.0 KiB'], [1536, '1.5 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'], [1.25 * 1024 ** 3, '1.3 GiB'], [2048 * 1024 ** 3, '2,048.0 GiB'],
  ])('writes %d as %s', (n, text) => {
    expect(bytesText(n)).toBe(text)
  })
})
