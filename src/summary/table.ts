import type { Summary, Tally } from './summary.js'

import { columns, num, pct } from './text-format.js'
import type { Lang } from '../rules/lang.js'
import { REPORT_WORDS } from './report-words.js'

const byLinesDesc = <T extends Tally>(a: [string, T], b: [string, T]): number => b[1].lines - a[1].lines || b[1].mentions - a[1].mentions || (a[0] < b[0] ? -1 : 1)

/** The summary as a table for a person at a terminal, its words in `lang`. */
export function renderSummaryTable (s: Summary, lang: Lang = 'en'): string {
  const w = REPORT_WORDS[lang]
  const c = w.col
  const out: string[] = []
  out.push(w.totals(w.lines(s.lines), null, w.withCodes(s.linesWithCodes), pct(s.linesWithCodes, s.lines), w.mentions(s.mentions)))
  if (s.conflicts > 0) out.push(w.pairsLine(s.conflicts))
  const codes = Object.entries(s.byCode).sort(byLinesDesc)
  if (codes.length > 0) {
    out.push('')
    out.push(...columns([
      [c.code, c.value, c.category, c.lines, c.mentions],
      ...codes.map(([name, t]) => [name, t.value ?? t.hresult ?? '', t.category ?? '', num(t.lines), num(t.mentions)]),
    ], [3, 4]))
  }
  const categories = Object.entries(s.byCategory).sort(byLinesDesc)
  if (categories.length > 0) {
    out.push('')
    out.push(...columns([[c.category, c.lines, c.mentions], ...categories.map(([x, t]) => [x, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  const families = Object.entries(s.byFamily ?? {}).sort(byLinesDesc)
  if (families.length > 0) {
    out.push('')
    out.push(...columns([[c.family, c.lines, c.mentions], ...families.map(([f, t]) => [f, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  const unknown = Object.entries(s.unknown).sort(byLinesDesc)
  if (unknown.length > 0) {
    out.push('')
    out.push(`  ${w.notInTable}`)
    out.push(...columns([[c.hresult, c.lines, c.mentions], ...unknown.map(([h, t]) => [h, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  return out.join('\n') + '\n'
}
