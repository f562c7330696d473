import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SummaryCounter, emptySummary, mergeSummaries, type Summary } from '../../src/summary/summary.js'
import { annotateLine } from '../../src/enrich/line-event.js'
import { renderSummaryTable } from '../../src/summary/table.js'
import { matcher } from '../helpers/rules.js'
import { compileMatcher } from '../../src/match/compile.js'
import { loadRules } from '../../src/rules/load.js'

function summarize (lines: readonly string[]): Summary {
  const counter = new SummaryCounter()
  for (const l of lines) counter.countLine(annotateLine(matcher, l))
  return counter.summary
}

const LINES = [
  'a SEC_E_UNTRUSTED_ROOT (0x80090325) - chain',
  'nothing here',
  'b 0x80090322 then SEC_E_WRONG_PRINCIPAL and 0x800903A7',
  'c SEC_I_CONTINUE_NEEDED',
  'd HResult=-2146893019',
  'e SEC_E_KDC_UNKNOWN_ETYPE and SEC_E_TIME_SKEW',
]

describe('counting', () => {
  it('counts lines, lines with codes and mentions', () => {
    expect(summarize(LINES)).toMatchObject({ lines: 6, linesWithCodes: 5, mentions: 9 })
  })

  it('counts a code once per line in lines and every place in mentions', () => {
    const s = summarize(LINES)
    expect(s.byCode.SEC_E_UNTRUSTED_ROOT).toMatchObject({ lines: 2, mentions: 3 })
    expect(s.byCode.SEC_E_WRONG_PRINCIPAL).toMatchObject({ lines: 1, mentions: 2 })
  })

  it('counts a category once per line even when two of its codes share the line', () => {
    expect(summarize(LINES).byCategory.kerberos).toEqual({ lines: 2, mentions: 4 })
  })

  it('counts by family, a line once per family it carries', () => {
    expect(summarize(['x SEC_E_UNTRUSTED_ROOT CERT_E_EXPIRED 0x80090325', 'y SCARD_W_REMOVED_CARD and SCARD_E_NO_SMARTCARD', 'z 0x800903A7']).byFamily).toEqual({
      sspi: { lines: 1, mentions: 2 },
      cert: { lines: 1, mentions: 1 },
      smartcard: { lines: 1, mentions: 2 },
      security: { lines: 1, mentions: 1 },
    })
  })

  it('counts unknown facility-9 values apart, by HRESULT', () => {
    expect(summarize(LINES).unknown).toEqual({ '0x800903A7': { value: '0x800903A7', family: 'security', hresult: '0x800903A7', category: null, severity: 'error', lines: 1, mentions: 1 } })
  })

  it('counts by severity', () => {
    expect(summarize(LINES).bySeverity).toEqual({ error: { lines: 4, mentions: 8 }, success: { lines: 1, mentions: 1 } })
  })
})

describe('counting by hour', () => {
  it('counts lines whose stamps take turns between hours each under its own hour, once per category a line carries', () => {
    const counter = new SummaryCounter()
    const hours = [Date.UTC(2016, 8, 28, 4, 30), Date.UTC(2024, 2, 4, 8, 0), Date.UTC(2016, 8, 28, 4, 59), Date.UTC(2024, 2, 4, 8, 1), Date.UTC(2024, 2, 4, 9, 0)]
    for (const time of hours) counter.count({ codes: annotateLine(matcher, 'SEC_E_TIME_SKEW and SEC_E_UNTRUSTED_ROOT'), conflict: false, cut: false, malformed: false, time, host: 'h' })
    expect(counter.summary.time!.byHour).toEqual({
      '2016-09-28T04': { kerberos: 2, schannel: 2 },
      '2024-03-04T08': { kerberos: 2, schannel: 2 },
      '2024-03-04T09': { kerberos: 1, schannel: 1 },
    })
  })
})

describe('merging', () => {
  it('of nothing is the empty summary', () => {
    expect(mergeSummaries()).toEqual(emptySummary())
  })

  it('does not change its inputs', () => {
    const a = summarize(LINES)
    const copy = structuredClone(a)
    mergeSummaries(a, a)
    expect(a).toEqual(copy)
  })

  it('of the parts equals the summary of the whole, however the input is cut and grouped', () => {
    const line = fc.oneof(fc.constantFrom(...LINES), fc.string())
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 4 }), (lines, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (lines.length + 1)))].sort((x, y) => x - y)
      const parts: string[][] = []
      let from = 0
      for (const p of [...points, lines.length]) {
        parts.push(lines.slice(from, p))
        from = p
      }
      const sums = parts.map(summarize)
      const whole = summarize(lines)
      expect(mergeSummaries(...sums)).toEqual(whole)
      expect(mergeSummaries(...[...sums].reverse())).toEqual(whole)
      if (sums.length >= 3) expect(mergeSummaries(sums[0]!, mergeSummaries(...sums.slice(1)))).toEqual(whole)
    }))
  })

  it('keeps an interruption: the first signal named, the unread bytes added', () => {
    const a = { ...summarize(LINES), interrupted: { signal: 'SIGINT', unreadBytes: 300 } }
    const b = { ...summarize(LINES), interrupted: { signal: 'SIGTERM', unreadBytes: 40 } }
    expect(mergeSummaries(a, summarize(LINES), b).interrupted).toEqual({ signal: 'SIGINT', unreadBytes: 340 })
  })

  it('survives a round trip through JSON, as summary files do', () => {
    const s = summarize(LINES)
    expect(mergeSummaries(JSON.parse(JSON.stringify(s)), emptySummary())).toEqual(s)
  })
})

describe('hosts and categories named like what every JavaScript object has', () => {
  // A host is a syslog hostname, a --host-field value or a file name: any text.
  const NAMES = ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty']
  const codes = annotateLine(matcher, 'x SEC_E_LOGON_DENIED')!

  function byHosts (): Summary {
    const counter = new SummaryCounter()
    for (const host of NAMES) {
      counter.countLine(codes)
      counter.countWhenWhere(codes, Date.UTC(2025, 2, 11, 8), host)
    }
    return counter.summary
  }

  it('are counted as hosts like any other', () => {
    const s = byHosts()
    expect(Object.keys(s.byHost!)).toEqual(NAMES)
    for (const host of NAMES) expect(s.byHost![host], host).toEqual({ lines: 1, mentions: 1, byCode: { SEC_E_LOGON_DENIED: 1 } })
  })

  it('merge as hosts like any other, also read back from JSON', () => {
    const once = JSON.parse(JSON.stringify(byHosts())) as Summary
    const merged = mergeSummaries(once, once)
    expect(Object.keys(merged.byHost!)).toEqual(NAMES)
    for (const host of NAMES) expect(merged.byHost![host], host).toEqual({ lines: 2, mentions: 2, byCode: { SEC_E_LOGON_DENIED: 2 } })
  })

  it('whatever the host name, every line is counted under it once', () => {
    const name = fc.oneof(fc.string(), fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype)))
    fc.assert(fc.property(fc.array(name, { maxLength: 20 }), (hosts) => {
      const counter = new SummaryCounter()
      for (const host of hosts) {
        counter.countLine(codes)
        counter.countWhenWhere(codes, null, host)
      }
      const byHost = counter.summary.byHost!
      expect(Object.keys(byHost).sort()).toEqual([...new Set(hosts)].sort())
      for (const host of new Set(hosts)) expect(byHost[host]!.lines, host).toBe(hosts.filter((h) => h === host).length)
      const merged = mergeSummaries(JSON.parse(JSON.stringify(counter.summary)) as Summary)
      expect(Object.keys(merged.byHost!).sort()).toEqual([...new Set(hosts)].sort())
    }))
  })

  it('are counted as categories like any other (a rules file may name one "constructor")', () => {
    const counter = new SummaryCounter()
    counter.countLine([{ ...codes[0]!, category: 'constructor' }])
    counter.countLine([{ ...codes[0]!, category: 'constructor' }])
    expect(counter.summary.byCategory.constructor).toEqual({ lines: 2, mentions: 2 })
    expect(mergeSummaries(counter.summary, counter.summary).byCategory.constructor).toEqual({ lines: 4, mentions: 4 })
  })
})

describe('the table rendering', () => {
  it('lists codes by lines, then categories, then unknown values', () => {
    const text = renderSummaryTable(summarize(LINES))
    expect(text.split('\n')[0]).toBe('6 lines read, 5 with security codes (83.3%), 9 mentions')
    expect(text.indexOf('SEC_E_UNTRUSTED_ROOT')).toBeLessThan(text.indexOf('SEC_E_WRONG_PRINCIPAL'))
    expect(text).toMatch(/kerberos +2 +4/)
    expect(text).toMatch(/0x800903A7 +1 +1/)
  })
})

describe('a 4625 Status and its Sub Status', () => {
  const event = (status: string, sub: string): string => `An account failed to log on. Failure Information: Failure Reason: Unknown user name or bad password. Status: ${status} Sub Status: ${sub}`

  it('counts the line under the Sub Status when the Status is the generic 0xC000006D', () => {
    const s = summarize([event('0xC000006D', '0xC000006A'), event('0xc000006d', '0xc0000064')])
    expect(Object.keys(s.byCode).sort()).toEqual(['STATUS_NO_SUCH_USER', 'STATUS_WRONG_PASSWORD'])
    expect(s.byFamily).toEqual({ ntstatus: { lines: 2, mentions: 2 } })
  })

  it('counts the line under the Sub Status when the Status is the generic 0xC000006E', () => {
    expect(Object.keys(summarize([event('0xC000006E', '0xC0000071')]).byCode)).toEqual(['STATUS_PASSWORD_EXPIRED'])
  })

  it('counts 0xC000006D itself where nothing more telling is beside it', () => {
    expect(Object.keys(summarize(['Status: 0xC000006D Sub Status: 0x0']).byCode)).toEqual(['STATUS_LOGON_FAILURE'])
    expect(Object.keys(summarize([event('0xC000006D', '0xC000006E')]).byCode)).toEqual(['STATUS_ACCOUNT_RESTRICTION'])
  })

  it('keeps both codes in the line\'s event: only the counts read the pair', () => {
    expect(annotateLine(matcher, event('0xC000006D', '0xC000006A'))!.map((c) => c.name)).toEqual(['STATUS_LOGON_FAILURE', 'STATUS_WRONG_PASSWORD'])
  })

  it('leaves codes of the other families alone beside the generic Status', () => {
    expect(Object.keys(summarize(['LogonUser: 0xC000006D (SEC_E_LOGON_DENIED)']).byCode).sort()).toEqual(['SEC_E_LOGON_DENIED', 'STATUS_LOGON_FAILURE'])
  })
})

describe('where each code was first and last seen', () => {
  const at = (source: string, line: number, text: string) => ({ source, line, text })
  function count (lines: Array<[string, number | null, string, number]>): Summary {
    const counter = new SummaryCounter()
    for (const [text, time, source, line] of lines) counter.count({ codes: annotateLine(matcher, text), conflict: false, cut: false, malformed: false, time, host: 'h', at: at(source, line, text) })
    return counter.summary
  }

  it('keeps the file, line number and text of the earliest and the latest stamped line', () => {
    const s = count([['b SEC_E_TIME_SKEW', Date.UTC(2025, 2, 11, 9), 'app.log', 5], ['a SEC_E_TIME_SKEW', Date.UTC(2025, 2, 11, 8), 'app.log', 9], ['c SEC_E_TIME_SKEW', Date.UTC(2025, 2, 11, 10), 'app.log', 12]])
    expect(s.byCode.SEC_E_TIME_SKEW!.firstAt).toEqual({ source: 'app.log', line: 9, text: 'a SEC_E_TIME_SKEW', time: '2025-03-11T08:00:00.000Z' })
    expect(s.byCode.SEC_E_TIME_SKEW!.lastAt).toMatchObject({ line: 12, text: 'c SEC_E_TIME_SKEW' })
  })

  it('follows reading order among lines without a stamp', () => {
    const s = count([['x SEC_E_TIME_SKEW', null, '-', 1], ['y SEC_E_TIME_SKEW', null, '-', 2]])
    expect([s.byCode.SEC_E_TIME_SKEW!.firstAt!.line, s.byCode.SEC_E_TIME_SKEW!.lastAt!.line]).toEqual([1, 2])
  })

  it('keeps one tally per code when its lines were read with rules loaded twice (a library that builds two annotators)', () => {
    const other = compileMatcher(loadRules())
    const counter = new SummaryCounter()
    const line = (m: typeof matcher, text: string, time: number, n: number): void => { counter.count({ codes: annotateLine(m, text), conflict: false, cut: false, malformed: false, time, host: 'h', at: at('app.log', n, text) }) }
    line(matcher, 'a SEC_E_TIME_SKEW', Date.UTC(2025, 2, 11, 8), 1)
    line(other, 'b SEC_E_TIME_SKEW', Date.UTC(2025, 2, 11, 9), 2)
    line(other, 'c SEC_E_TIME_SKEW', Date.UTC(2025, 2, 11, 10), 3)
    const t = counter.summary.byCode.SEC_E_TIME_SKEW!
    expect([t.lines, t.firstAt!.line, t.lastAt!.line, t.firstSeen, t.lastSeen]).toEqual([3, 1, 3, '2025-03-11T08:00:00.000Z', '2025-03-11T10:00:00.000Z'])
    expect(counter.summary.byCategory[t.category!]).toEqual({ lines: 3, mentions: 3 })
  })

  it('keeps the first 300 characters of a long line', () => {
    const long = 'SEC_E_TIME_SKEW ' + 'x'.repeat(1000)
    expect(count([[long, null, '-', 1]]).byCode.SEC_E_TIME_SKEW!.firstAt!.text).toBe(long.slice(0, 300))
  })

  it('merges to the same first and last lines in any order, ties broken by file and line', () => {
    const t = Date.UTC(2025, 2, 11, 8)
    const a = count([['a SEC_E_TIME_SKEW', t, 'a.log', 3]])
    const b = count([['b SEC_E_TIME_SKEW', t, 'b.log', 1]])
    const c = count([['c SEC_E_TIME_SKEW', t + 1000, 'c.log', 7]])
    expect(mergeSummaries(a, b, c)).toEqual(mergeSummaries(c, b, a))
    const merged = mergeSummaries(c, b, a).byCode.SEC_E_TIME_SKEW!
    expect([merged.firstAt!.source, merged.lastAt!.source]).toEqual(['a.log', 'c.log'])
  })
})
