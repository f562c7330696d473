import { describe, expect, it } from 'vitest'
import { reportModel } from '../../src/summary/report-model.js'
import { emptySummary, type Summary } from '../../src/summary/summary.js'
import { ruleSet } from '../helpers/rules.js'

const withHosts = (hosts: Record<string, number>): Summary => ({
  ...emptySummary(),
  byHost: Object.fromEntries(Object.entries(hosts).map(([h, n]) => [h, { lines: n, mentions: n, byCode: { SEC_E_TIME_SKEW: n } }])),
})

describe('the report model', () => {
  it('lists hosts by lines, most first, and hosts with as many lines in natural order (web-2 before web-10)', () => {
    const m = reportModel(withHosts({ 'web-10': 5, 'web-2': 5, 'web-1': 5, 'dc-01': 9 }), ruleSet)
    expect(m.hosts.map((h) => h.host)).toEqual(['dc-01', 'web-1', 'web-2', 'web-10'])
  })

  it('lists an unknown value after the known codes it ties with', () => {
    const tally = { value: '', family: 'sspi', hresult: '', category: null, severity: 'error' as const, lines: 2, mentions: 2 }
    const s: Summary = { ...emptySummary(), byCode: { SEC_E_TIME_SKEW: { ...tally, hresult: '0x80090324', category: 'kerberos' } }, unknown: { '0x800903A7': { ...tally, hresult: '0x800903A7' } } }
    expect(reportModel(s, ruleSet).codes.map((c) => c.name)).toEqual(['SEC_E_TIME_SKEW', '0x800903A7'])
  })

  it('draws a year of stamped lines as a timeline of days', () => {
    const s: Summary = { ...emptySummary(), time: { untimedLines: 0, byHour: { '2025-01-01T00': { kerberos: 1 }, '2025-12-31T23': { schannel: 2 } } } }
    const t = reportModel(s, ruleSet).timeline
    expect([t.bucketHours, t.buckets.length, t.buckets[364]!.byCategory]).toEqual([24, 365, { schannel: 2 }])
  })
})
