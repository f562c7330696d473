import type { Summary, Tally } from './summary.js'

import { columns, num, pct, plural } from './text-format.js'

const byLinesDesc = <T extends Tally>(a: [string, T], b: [string, T]): number => b[1].lines - a[1].lines || b[1].mentions - a[1].mentions || (a[0] < b[0] ? -1 : 1)

/** The summary as a table for a person at a terminal. */
export function renderSummaryTable (s: Summary): string {
  const out: string[] = []
  out.push(`${plural(s.lines, 'line', 'lines')} read, ${num(s.linesWithCodes)} with security codes (${pct(s.linesWithCodes, s.lines)}), ${plural(s.mentions, 'mention', 'mentions')}`)
  if (s.conflicts > 0) out.push(`${plural(s.conflicts, 'line pairs', 'lines pair')} a name with another code's number`)
  const codes = Object.entries(s.byCode).sort(byLinesDesc)
  if (codes.length > 0) {
    out.push('')
    out.push(...columns([
      ['code', 'value', 'category', 'lines', 'mentions'],
      ...codes.map(([name, t]) => [name, t.value ?? t.hresult ?? '', t.category ?? '', num(t.lines), num(t.mentions)]),
    ], [3, 4]))
  }
  const categories = Object.entries(s.byCategory).sort(byLinesDesc)
  if (categories.length > 0) {
    out.push('')
    out.push(...columns([['category', 'lines', 'mentions'], ...categories.map(([c, t]) => [c, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  const families = Object.entries(s.byFamily ?? {}).sort(byLinesDesc)
  if (families.length > 0) {
    out.push('')
    out.push(...columns([['family', 'lines', 'mentions'], ...families.map(([f, t]) => [f, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  const unknown = Object.entries(s.unknown).sort(byLinesDesc)
  if (unknown.length > 0) {
    out.push('')
    out.push('  not in the table (facility 9):')
    out.push(...columns([['hresult', 'lines', 'mentions'], ...unknown.map(([h, t]) => [h, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  return out.join('\n') + '\n'
}
