import { failuresText, interruptionText, type ReportModel } from './report-model.js'

import { columns, num, pct, wrapText } from './text-format.js'

const day = (iso: string | null): string => (iso === null ? '' : iso.slice(0, 16).replace('T', ' '))

/** The report for a person at a terminal: totals, top codes with meaning and hint, categories, families, hosts. */
export function renderReportText (m: ReportModel, top = 10): string {
  const w = m.words
  const c = w.col
  const out: string[] = []
  out.push(w.totals(w.lines(m.lines), w.files(m.files), w.withCodes(m.linesWithCodes), `${pct(m.linesWithCodes, m.lines)}; ${failuresText(m)}`, w.mentions(m.mentions)))
  const stopped = interruptionText(m)
  if (stopped !== null) out.push(stopped)
  if (m.firstSeen !== null) out.push(`${w.seenFromTo(day(m.firstSeen), day(m.lastSeen))}${m.untimedLines > 0 ? `; ${w.untimed(m.untimedLines)}` : ''}`)
  if (m.codes.length > 0) {
    out.push('', w.topCodes)
    out.push(...columns([[c.code, c.value, c.category, c.lines, c.mentions, c.lastSeen], ...m.codes.slice(0, top).map((x) => [x.name, x.value, x.category ?? '?', num(x.lines), num(x.mentions), day(x.lastSeen)])], [3, 4]))
    if (m.codes.length > top) out.push(`  ${w.andMore(m.codes.length - top)}`)
    out.push('')
    for (const x of m.codes.slice(0, Math.min(top, 5))) {
      out.push(`  ${x.name}`)
      if (x.meaning !== null) out.push(wrapText(x.meaning, 74, '    '))
      if (x.hint !== null) out.push(wrapText(`${w.check}${x.hint}`, 74, '    '))
    }
  }
  if (m.categories.length > 0) {
    out.push('', w.byCategory)
    out.push(...columns([[c.category, c.lines, c.mentions], ...m.categories.map((x) => [x.id, num(x.lines), num(x.mentions)])], [1, 2]))
  }
  const families = Object.entries(m.families)
  if (families.length > 0) {
    out.push('', w.byFamily)
    out.push(...columns([[c.family, c.lines, c.mentions], ...families.map(([f, t]) => [f, num(t.lines), num(t.mentions)])], [1, 2]))
  }
  if (m.hosts.length > 0) {
    out.push('', w.byHost)
    out.push(...columns([[c.host, c.lines, c.mentions, c.topCodes], ...m.hosts.slice(0, top).map((h) => [h.host, num(h.lines), num(h.mentions), h.topCodes.join(', ')])], [1, 2]))
    if (m.hosts.length > top) out.push(`  ${w.andMoreHosts(m.hosts.length - top)}`)
  }
  const p = w.problems
  const noted = ([[m.conflicts, p.conflicts], [m.input.truncatedLines, p.cut], [m.input.replacedCharacters, p.replaced], [m.input.malformedRecords, p.malformed]] as const)
    .filter(([n]) => n > 0).map(([n, say]) => say(n))
  if (noted.length > 0) out.push('', `${w.input}${noted.join(', ')}`)
  return out.join('\n') + '\n'
}

/** The same report as Markdown, every code listed. */
export function renderReportMarkdown (m: ReportModel): string {
  const w = m.words
  const c = w.col
  const esc = (s: string): string => s.replaceAll('|', '\\|')
  const out: string[] = [`# ${m.title}`, '']
  out.push(w.totalsSentence(w.lines(m.lines), w.files(m.files), w.withCodes(m.linesWithCodes), `${pct(m.linesWithCodes, m.lines)}; ${failuresText(m)}`, w.mentions(m.mentions)))
  if (m.firstSeen !== null) out.push(w.firstLastSeen(day(m.firstSeen), day(m.lastSeen), w.untimed(m.untimedLines)))
  const stopped = interruptionText(m)
  if (stopped !== null) out.push('', `> **${stopped.replace(':', '**:')}`)
  out.push('', `## ${w.codesHeading}`, '', `| ${c.code} | ${c.value} | ${c.category} | ${c.lines} | ${c.mentions} | ${c.firstSeen} | ${c.lastSeen} | ${c.meaning} | ${c.check} |`, '| --- | --- | --- | ---: | ---: | --- | --- | --- | --- |')
  for (const x of m.codes) out.push(`| \`${x.name}\` | ${x.value} | ${x.category ?? ''} | ${num(x.lines)} | ${num(x.mentions)} | ${day(x.firstSeen)} | ${day(x.lastSeen)} | ${esc(x.meaning ?? '')} | ${esc(x.hint ?? '')} |`)
  out.push('', `## ${w.categoriesHeading}`, '', `| ${c.category} | ${c.lines} | ${c.mentions} |`, '| --- | ---: | ---: |')
  for (const x of m.categories) out.push(`| ${x.title} | ${num(x.lines)} | ${num(x.mentions)} |`)
  const families = Object.entries(m.families)
  if (families.length > 0) {
    out.push('', `## ${w.familiesHeading}`, '', `| ${c.family} | ${c.lines} | ${c.mentions} |`, '| --- | ---: | ---: |')
    for (const [family, t] of families) out.push(`| ${family} | ${num(t.lines)} | ${num(t.mentions)} |`)
  }
  out.push('', `## ${w.hostsHeading}`, '', `| ${c.host} | ${c.lines} | ${c.mentions} | ${c.topCodes} |`, '| --- | ---: | ---: | --- |')
  for (const h of m.hosts) out.push(`| ${esc(h.host)} | ${num(h.lines)} | ${num(h.mentions)} | ${h.topCodes.map((x) => `\`${x}\``).join(', ')} |`)
  return out.join('\n') + '\n'
}
