import type { RuleSet } from '../rules/types.js'
import type { Summary } from './summary.js'
import { HOUR_MS, hourOf, hourStart } from './hours.js'

export interface ReportCode {
  readonly name: string
  readonly hresult: string
  readonly category: string | null
  readonly severity: string
  readonly lines: number
  readonly mentions: number
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  readonly meaning: string | null
  readonly hint: string | null
}

export interface ReportModel {
  readonly lines: number
  readonly linesWithCodes: number
  readonly mentions: number
  readonly files: number
  readonly bytes: number
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  readonly untimedLines: number
  /** By lines, most first; unknown facility-9 values after the known codes. */
  readonly codes: ReportCode[]
  readonly categories: Array<{ id: string, title: string, lines: number, mentions: number }>
  readonly hosts: Array<{ host: string, lines: number, mentions: number, topCodes: string[] }>
  /** Every hour from the first to the last stamped line (at most MAX_HOURS), empty ones too. */
  readonly hours: Array<{ hour: string, byCategory: Record<string, number>, total: number }>
  readonly input: Summary['input']
  readonly conflicts: number
}

/** A timeline longer than this (a month of hours) shows its last MAX_HOURS. */
export const MAX_HOURS = 24 * 31

const byLines = <T extends { lines: number, mentions: number }>(a: T & { key: string }, b: T & { key: string }): number =>
  b.lines - a.lines || b.mentions - a.mentions || (a.key < b.key ? -1 : 1)

/** What a report shows, computed once for all renderings. */
export function reportModel (s: Summary, ruleSet: RuleSet): ReportModel {
  const codes: ReportCode[] = [
    ...Object.entries(s.byCode).map(([name, t]) => ({ key: name, ...t, name, rule: ruleSet.byName.get(name) })),
    ...Object.entries(s.unknown).map(([hresult, t]) => ({ key: '~' + hresult, ...t, name: hresult, rule: undefined })),
  ].sort(byLines).map(({ name, hresult, category, severity, lines, mentions, firstSeen, lastSeen, rule }) => ({
    name, hresult, category, severity, lines, mentions,
    firstSeen: firstSeen ?? null,
    lastSeen: lastSeen ?? null,
    meaning: rule?.meaning ?? (category === null ? 'Not in the table: a value in the Windows security facility.' : null),
    hint: rule?.hint ?? null,
  }))
  const seen = codes.flatMap((c) => [c.firstSeen, c.lastSeen]).filter((x): x is string => x !== null).sort()
  const categories = Object.entries(s.byCategory).map(([id, t]) => ({ key: id, id, title: ruleSet.categories.get(id)?.title ?? id, ...t })).sort(byLines)
    .map(({ id, title, lines, mentions }) => ({ id, title, lines, mentions }))
  const hosts = Object.entries(s.byHost ?? {}).map(([host, t]) => ({ key: host, host, ...t })).sort(byLines).map(({ host, lines, mentions, byCode }) => ({
    host, lines, mentions,
    topCodes: Object.entries(byCode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([c]) => c),
  }))
  return {
    lines: s.lines,
    linesWithCodes: s.linesWithCodes,
    mentions: s.mentions,
    files: s.files ?? 0,
    bytes: s.bytes ?? 0,
    firstSeen: seen[0] ?? null,
    lastSeen: seen[seen.length - 1] ?? null,
    untimedLines: s.time?.untimedLines ?? 0,
    codes,
    categories,
    hosts,
    hours: hourRange(s.time?.byHour ?? {}),
    input: s.input,
    conflicts: s.conflicts ?? 0,
  }
}

function hourRange (byHour: Record<string, Record<string, number>>): ReportModel['hours'] {
  const keys = Object.keys(byHour).sort()
  if (keys.length === 0) return []
  const out: ReportModel['hours'] = []
  const last = hourStart(keys[keys.length - 1]!)
  const first = Math.max(hourStart(keys[0]!), last - (MAX_HOURS - 1) * HOUR_MS)
  for (let t = first; t <= last; t += HOUR_MS) {
    const hour = hourOf(t)
    const byCategory = byHour[hour] ?? {}
    out.push({ hour, byCategory, total: Object.values(byCategory).reduce((a, b) => a + b, 0) })
  }
  return out
}
