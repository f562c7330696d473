import { describe, expect, it } from 'vitest'
import { summaryProblem } from '../../src/summary/summary-shape.js'
import { emptySummary, SummaryCounter } from '../../src/summary/summary.js'
import { codesFromHits } from '../../src/enrich/codes.js'
import { scanLine } from '../../src/match/scan.js'
import { matcher } from '../helpers/rules.js'

/** A real summarize-shaped summary: one line with a code, stamped, from a host. */
function real (): any {
  const counter = new SummaryCounter()
  const codes = codesFromHits(scanLine(matcher, 'SEC_E_TIME_SKEW 0x80090325 0x800903A7')!)
  counter.countLine(codes)
  counter.countWhenWhere(codes, Date.parse('2025-03-11T08:14:05Z'), 'dc-01')
  return JSON.parse(JSON.stringify({ ...counter.summary, files: 1, bytes: 40 }))
}

describe('the shape of a summary read back for merge', () => {
  it('accepts what summarize and --summary-file write, and an empty summary', () => {
    expect(summaryProblem(real())).toBeNull()
    expect(summaryProblem(emptySummary())).toBeNull()
  })

  it('accepts the note of a summarize stopped by a signal', () => {
    expect(summaryProblem({ ...real(), interrupted: { signal: 'SIGTERM', unreadBytes: 1200 } })).toBeNull()
  })

  it('accepts each code\'s first and last line, a line number left unknown too', () => {
    const s = real()
    s.byCode.SEC_E_TIME_SKEW.firstAt = { source: 'app.log', line: 3, text: 'SEC_E_TIME_SKEW', time: '2025-03-11T08:14:05.000Z' }
    s.byCode.SEC_E_TIME_SKEW.lastAt = { source: 'app.log', line: null, text: 'SEC_E_TIME_SKEW' }
    expect(summaryProblem(s)).toBeNull()
  })

  it.each([
    ['a code tally that is null', (s: any) => { s.byCode.SEC_E_TIME_SKEW = null }, 'byCode.SEC_E_TIME_SKEW: expected an object, got null'],
    ['a count that is text', (s: any) => { s.byCode.SEC_E_TIME_SKEW.lines = 'x' }, 'byCode.SEC_E_TIME_SKEW.lines: expected a whole number of at least 0, got "x"'],
    ['a negative count', (s: any) => { s.lines = -5 }, 'lines: expected a whole number of at least 0, got -5'],
    ['a host that is null', (s: any) => { s.byHost.h = null }, 'byHost.h: expected an object, got null'],
    ['an hour bucket that is not counts', (s: any) => { s.time.byHour['2025-03-11T08'].kerberos = [] }, 'time.byHour.2025-03-11T08.kerberos: expected a whole number of at least 0, got an array'],
    ['a category tally missing', (s: any) => { s.byCategory = null }, 'byCategory: expected an object, got null'],
    ['an unknown value\'s tally with a fractional count', (s: any) => { s.unknown['0x800903A7'].mentions = 1.5 }, 'unknown.0x800903A7.mentions: expected a whole number of at least 0, got 1.5'],
    ['a first-seen time that is not text', (s: any) => { s.byCode.SEC_E_TIME_SKEW.firstSeen = 5 }, 'byCode.SEC_E_TIME_SKEW.firstSeen: expected an ISO 8601 time, got 5'],
    ['a first line with no source', (s: any) => { s.byCode.SEC_E_TIME_SKEW.firstAt = { line: 3, text: 'x' } }, 'byCode.SEC_E_TIME_SKEW.firstAt.source: expected text, got undefined'],
    ['a last line numbered -1', (s: any) => { s.byCode.SEC_E_TIME_SKEW.lastAt = { source: 'a.log', line: -1, text: 'x' } }, 'byCode.SEC_E_TIME_SKEW.lastAt.line: expected a whole number of at least 0, got -1'],
    ['an interruption with no signal named', (s: any) => { s.interrupted = { signal: 15, unreadBytes: 0 } }, 'interrupted.signal: expected a signal name, got 15'],
    ['an interruption with unread bytes below 0', (s: any) => { s.interrupted = { signal: 'SIGINT', unreadBytes: -1 } }, 'interrupted.unreadBytes: expected a whole number of at least 0, got -1'],
  ])('names the place of %s', (_what, spoil, problem) => {
    const s = real()
    spoil(s)
    expect(summaryProblem(s)).toBe(problem)
  })

  it('is not fooled by a file that is no summary at all', () => {
    expect(summaryProblem([])).toBe('expected an sspi-annotate summary (version 1, with lines and byCode)')
    expect(summaryProblem({ hello: 1 })).toBe('expected an sspi-annotate summary (version 1, with lines and byCode)')
  })
})
