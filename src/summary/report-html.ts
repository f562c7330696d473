import { codedLinesNoun, interruptionText, type ReportCode, type ReportModel } from './report-model.js'
import type { Occurrence } from './summary.js'
import { colorOf, escapeHtml as e, horizontalBars, stackedTimeline } from './charts.js'
import { num } from './text-format.js'

/** How many codes the per-code chart shows; all are listed below it. */
export const TOP_CODES = 20

const day = (iso: string | null): string => (iso === null ? '—' : iso.slice(0, 16).replace('T', ' '))

const STYLE = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6577; --line: #e3e7ee; --card: #fff; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 28px 40px 8px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { font-size: 18px; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0; }
.interrupted { margin: 10px 0 0; padding: 8px 12px; border-left: 4px solid #d97706; background: #fff7e6; border-radius: 4px; }
main { padding: 8px 40px 40px; display: grid; gap: 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.total { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; }
.total b { display: block; font-size: 26px; }
.total span { color: var(--muted); font-size: 13px; }
.chart { max-width: 100%; height: auto; }
.chart .label { font-size: 13px; fill: var(--ink); font-family: ui-monospace, "Cascadia Mono", Menlo, monospace; }
.chart .value, .chart .tick { font-size: 12px; fill: var(--muted); }
.chart .axis { stroke: #c8ced8; }
.chart .grid { stroke: #eef1f5; }
.chart.timeline { width: 100%; }
.scroll { overflow-x: auto; }
table.grid th code { font-size: 11px; }
td.zero { color: #c8ced8; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 8px; font-size: 13px; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, monospace; font-size: 13px; overflow-wrap: anywhere; }
td, .code h3 { overflow-wrap: anywhere; }
@media (max-width: 600px) {
  header { padding: 18px 12px 4px; }
  main { padding: 8px 12px 24px; gap: 12px; }
  .card { padding: 14px 14px; }
  th, td { padding: 6px 6px; }
}
.code { border-top: 1px solid var(--line); padding: 12px 0; }
.code:first-of-type { border-top: 0; }
.code h3 { margin: 0 0 4px; font-size: 15px; }
.code p { margin: 4px 0; }
.seen { margin: 4px 0; font-size: 13px; }
.seen .where { color: var(--muted); }
.seen pre { margin: 2px 0 0; padding: 6px 8px; background: var(--bg); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; color: #fff; font-size: 12px; margin-left: 6px; }
.hint { color: var(--muted); }
`

/** "Failures per day, by category" (or lines with codes, codedLinesNoun), saying so when the earliest bars are left out. */
function timelineHeading (m: ReportModel): string {
  const t = m.timeline
  const per = m.words.bucket(t.bucketHours)
  return m.words.timeline(codedLinesNoun(m), per, t.truncated ? t.buckets.length : null)
}

/** Where a code was first and last seen: file:line, and the line (escaped, as everything taken from logs). */
function occurrences (c: ReportCode, w: ReportModel['words']): string {
  const one = (label: string, o: Occurrence): string =>
    `<div class="seen"><span class="where">${e(label)} <code>${e(o.source)}${o.line === null ? '' : `:${o.line}`}</code></span><pre>${e(o.text)}</pre></div>`
  if (c.firstAt === null) return ''
  const same = c.lastAt === null || (c.lastAt.source === c.firstAt.source && c.lastAt.line === c.firstAt.line && c.lastAt.text === c.firstAt.text)
  return one(same ? w.seenAt : w.firstAt, c.firstAt) + (same ? '' : one(w.lastAt, c.lastAt!))
}

/** How many hosts and codes the host × code table shows: the most frequent of each. */
const GRID_HOSTS = 20
const GRID_CODES = 8

/**
 * Which host has which failure: the busiest hosts down, the most frequent
 * codes across, lines in each cell. Left out with fewer than two hosts,
 * where the table above says it all.
 */
function hostCodeGrid (m: ReportModel): string {
  if (m.hosts.length < 2) return ''
  const codes = m.codes.slice(0, GRID_CODES).map((c) => c.name)
  const head = codes.map((c) => `<th class="n"><code>${e(c)}</code></th>`).join('')
  const rows = m.hosts.slice(0, GRID_HOSTS).map((h) => `<tr><td>${e(h.host)}</td>${codes.map((c) => {
    const n = h.byCode[c] ?? 0
    return `<td class="n${n === 0 ? ' zero' : ''}">${n === 0 ? '·' : num(n)}</td>`
  }).join('')}</tr>`).join('')
  return `<section class="card"><h2>${e(m.words.hostsByCodes)}</h2><div class="scroll"><table class="grid"><thead><tr><th>${e(m.words.col.host)}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`
}

/** The report as one self-contained HTML page: inline CSS and SVG, no script, no network. */
export function renderReportHtml (m: ReportModel, title = m.title): string {
  const w = m.words
  const categoryBars = horizontalBars(m.categories.map((c) => ({ label: c.title, value: c.lines, color: colorOf(c.id), title: `${c.title}: ${w.lines(c.lines)}, ${w.mentions(c.mentions)}` })), 'bar-category')
  const codeBars = horizontalBars(m.codes.slice(0, TOP_CODES).map((c) => ({ label: c.name, value: c.lines, color: colorOf(c.category ?? 'unknown'), title: `${c.name} (${c.value}): ${w.lines(c.lines)}` })), 'bar-code')
  const familyBars = horizontalBars(Object.entries(m.families).map(([f, t]) => ({ label: f, value: t.lines, color: '#5b6577', title: `${f}: ${w.lines(t.lines)}, ${w.mentions(t.mentions)}` })), 'bar-family')
  const order = [...m.categories.map((c) => c.id), 'unknown']
  const legend = order.filter((c) => m.timeline.buckets.some((b) => (b.byCategory[c] ?? 0) > 0))
    .map((c) => `<span><i style="background:${colorOf(c)}"></i>${e(c)}</span>`).join('')
  const k = w.card
  const totals = ([
    [m.linesWithCodes, k.withCodes], [m.failureLines, k.failures], [m.mentions, k.mentions], [m.codes.length, k.codes], [m.hosts.length, k.hosts],
    [m.lines, (n: number) => k.read(n, w.files(m.files))],
  ] as Array<[number, (n: number) => string]>).map(([n, label]) => `<div class="total"><b>${num(n)}</b><span>${e(label(n))}</span></div>`).join('')
  const hosts = m.hosts.map((h) => `<tr><td>${e(h.host)}</td><td class="n">${num(h.lines)}</td><td class="n">${num(h.mentions)}</td><td>${h.topCodes.map((c) => `<code>${e(c)}</code>`).join(', ')}</td></tr>`).join('')
  const grid = hostCodeGrid(m)
  const codes = m.codes.map((c) => `<div class="code"><h3><code>${e(c.name)}</code>${c.name === c.value ? '' : ` <code>${e(c.value)}</code>`}<span class="pill" style="background:${colorOf(c.category ?? 'unknown')}">${e(c.category ?? 'unknown')}</span></h3>` +
    `<p>${e(w.codeLine(w.lines(c.lines), w.mentions(c.mentions), day(c.firstSeen), day(c.lastSeen)))}</p>` +
    occurrences(c, w) +
    (c.meaning === null ? '' : `<p>${e(c.meaning)}</p>`) +
    (c.hint === null ? '' : `<p class="hint"><b>${e(w.whatToCheck)}</b> ${e(c.hint)}</p>`) + '</div>').join('')
  const stopped = interruptionText(m)
  const span = m.firstSeen === null ? w.noTimestamps : w.fromTo(day(m.firstSeen), day(m.lastSeen))
  return `<!doctype html>
<html lang="${w.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${e(title)}</h1><p class="sub">${e(span)}${m.untimedLines > 0 ? ` ${e(w.untimedSentence(m.untimedLines))}` : ''}</p>${stopped === null ? '' : `<p class="interrupted">${e(stopped)}</p>`}</header>
<main>
<section class="totals">${totals}</section>
<section class="card"><h2>${e(timelineHeading(m))}</h2>${m.timeline.buckets.length === 0 ? `<p class="sub">${e(w.noTimestampedLines)}</p>` : stackedTimeline(m.timeline, order)}<div class="legend">${legend}</div></section>
<section class="card"><h2>${e(w.byCategory)}</h2>${categoryBars}</section>
${Object.keys(m.families).length === 0 ? '' : `<section class="card"><h2>${e(w.byFamily)}</h2>${familyBars}</section>`}
<section class="card"><h2>${e(w.topCodes)}</h2>${codeBars}</section>
<section class="card"><h2>${e(w.byHost)}</h2><table class="hosts"><thead><tr><th>${e(w.col.host)}</th><th>${e(w.col.lines)}</th><th>${e(w.col.mentions)}</th><th>${e(w.col.topCodes)}</th></tr></thead><tbody>${hosts}</tbody></table></section>
${grid}
<section class="card"><h2>${e(w.whatEachMeans)}</h2>${codes}</section>
</main></body></html>
`
}
