import { failuresText, interruptionText, type ReportModel } from './report-model.js'

import { columns, num, pct, plural, wrapText } from './text-format.js'

const day = (iso: string | null): string => (iso === null ? '' : iso.slice(0, 16).replace('T', ' '))

/** The report for a person at a terminal: totals, top codes with meaning and hint, categories, hosts. */
export function renderReportText (m: ReportModel, top = 10): string {
  const out: string[] = []
  out.push(`${plural(m.lines, 'line', 'lines')} in ${plural(m.files, 'file', 'files')}, ${num(m.linesWithCodes)} with security codes (${pct(m.linesWithCodes, m.lines)}; ${failuresText(m)}), ${plural(m.mentions, 'mention', 'mentions')}`)
  const stopped = interruptionText(m)
  if (stopped !== null) out.push(stopped)
  if (m.firstSeen !== null) out.push(`seen from ${day(m.firstSeen)} to ${day(m.lastSeen)} UTC${m.untimedLines > 0 ? `; ${plural(m.untimedLines, 'line', 'lines')} with codes had no timestamp` : ''}`)
  if (m.codes.length > 0) {
    out.push('', 'Top codes')
    out.push(...columns([['code', 'value', 'category', 'lines', 'mentions', 'last seen'], ...m.codes.slice(0, top).map((c) => [c.name, c.value, c.category ?? '?', num(c.lines), num(c.mentions), day(c.lastSeen)])], [3, 4]))
    if (m.codes.length > top) out.push(`  … and ${m.codes.length - top} more (--json, --markdown or --html for all)`)
    out.push('')
    for (const c of m.codes.slice(0, Math.min(top, 5))) {
      out.push(`  ${c.name}`)
      if (c.meaning !== null) out.push(wrapText(c.meaning, 74, '    '))
      if (c.hint !== null) out.push(wrapText(`Check: ${c.hint}`, 74, '    '))
    }
  }
  if (m.categories.length > 0) {
    out.push('', 'By category')
    out.push(...columns([['category', 'lines', 'mentions'], ...m.categories.map((c) => [c.id, num(c.lines), num(c.mentions)])], [1, 2]))
  }
  const families = Object.entries(m.families)
  if (families.length > 0) {
    out.push('', 'By family')
    out.push(...columns([['family', 'lines', 'mentions'], ...families.map(([f, t]) => [f, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  if (m.hosts.length > 0) {
    out.push('', 'By host')
    out.push(...columns([['host', 'lines', 'mentions', 'top codes'], ...m.hosts.slice(0, top).map((h) => [h.host, num(h.lines), num(h.mentions), h.topCodes.join(', ')])], [1, 2]))
    if (m.hosts.length > top) out.push(`  … and ${plural(m.hosts.length - top, 'more host', 'more hosts')} (--json, --markdown or --html for all)`)
  }
  const problems = [[m.conflicts, 'line', 'lines', ' pairing a name with another code\'s number'], [m.input.truncatedLines, 'line', 'lines', ' cut at the length limit'], [m.input.replacedCharacters, 'invalid byte', 'invalid bytes', ' replaced'], [m.input.malformedRecords, 'malformed record', 'malformed records', '']] as const
  const noted = problems.filter(([n]) => n > 0).map(([n, one, many, what]) => `${plural(n, one, many)}${what}`)
  if (noted.length > 0) out.push('', `Input: ${noted.join(', ')}`)
  return out.join('\n') + '\n'
}

/** The same report as Markdown, every code listed. */
export function renderReportMarkdown (m: ReportModel): string {
  const esc = (s: string): string => s.replaceAll('|', '\\|')
  const out: string[] = [`# ${m.title}`, '']
  out.push(`${plural(m.lines, 'line', 'lines')} in ${plural(m.files, 'file', 'files')}; ${num(m.linesWithCodes)} with security codes (${pct(m.linesWithCodes, m.lines)}; ${failuresText(m)}), ${plural(m.mentions, 'mention', 'mentions')}.`)
  if (m.firstSeen !== null) out.push(`First seen ${day(m.firstSeen)} UTC, last seen ${day(m.lastSeen)} UTC; ${plural(m.untimedLines, 'line', 'lines')} with codes had no timestamp.`)
  const stopped = interruptionText(m)
  if (stopped !== null) out.push('', `> **${stopped.replace(':', '**:')}`)
  out.push('', '## Codes', '', '| code | value | category | lines | mentions | first seen | last seen | meaning | what to check |', '| --- | --- | --- | ---: | ---: | --- | --- | --- | --- |')
  for (const c of m.codes) out.push(`| \`${c.name}\` | ${c.value} | ${c.category ?? ''} | ${num(c.lines)} | ${num(c.mentions)} | ${day(c.firstSeen)} | ${day(c.lastSeen)} | ${esc(c.meaning ?? '')} | ${esc(c.hint ?? '')} |`)
  out.push('', '## Categories', '', '| category | lines | mentions |', '| --- | ---: | ---: |')
  for (const c of m.categories) out.push(`| ${c.title} | ${num(c.lines)} | ${num(c.mentions)} |`)
  const families = Object.entries(m.families)
  if (families.length > 0) {
    out.push('', '## Families', '', '| family | lines | mentions |', '| --- | ---: | ---: |')
    for (const [family, t] of families) out.push(`| ${family} | ${num(t.lines)} | ${num(t.mentions)} |`)
  }
  out.push('', '## Hosts', '', '| host | lines | mentions | top codes |', '| --- | ---: | ---: | --- |')
  for (const h of m.hosts) out.push(`| ${esc(h.host)} | ${num(h.lines)} | ${num(h.mentions)} | ${h.topCodes.map((c) => `\`${c}\``).join(', ')} |`)
  return out.join('\n') + '\n'
}
