import type { Timeline } from './timeline.js'
/** Small inline-SVG charts for the HTML report: no library, no script, no network. */

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const PALETTE: Record<string, string> = {
  kerberos: '#4e79a7', smartcard: '#f28e2b', schannel: '#e15759', credentials: '#76b7b2',
  context: '#59a14f', general: '#b6992d', crypto: '#b07aa1', signing: '#9c755f',
  enrollment: '#86bcb6', account: '#ff9da7', domain: '#d37295', unknown: '#9d9d9d',
}
const EXTRA = ['#ff9da7', '#d37295', '#edc948', '#bab0ac', '#499894']

/** A stable colour per category id. */
export function colorOf (category: string): string {
  if (PALETTE[category] !== undefined) return PALETTE[category]
  let h = 0
  for (const c of category) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return EXTRA[h % EXTRA.length]!
}

export interface Bar { readonly label: string, readonly value: number, readonly color: string, readonly title: string }

/** Horizontal bars, one `rect.bar.{kind}` per item, labelled and valued. */
export function horizontalBars (bars: readonly Bar[], kind: string, width = 720): string {
  const rowH = 26
  const labelW = 290
  const valueW = 70
  const max = Math.max(1, ...bars.map((b) => b.value))
  const h = bars.length * rowH + 8
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH
    const w = Math.max(1, Math.round(((width - labelW - valueW) * b.value) / max))
    return `<g><title>${escapeHtml(b.title)}</title>` +
      `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" class="label">${escapeHtml(b.label)}</text>` +
      `<rect class="bar ${kind}" x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" rx="3" fill="${b.color}"/>` +
      `<text x="${labelW + w + 6}" y="${y + 17}" class="value">${b.value.toLocaleString('en-US')}</text></g>`
  })
  return `<svg class="chart" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img">${rows.join('')}</svg>`
}

/**
 * The timeline: one column per bar (an hour, or 3 or 6 hours, a day, a
 * week: timeline.ts), its categories stacked in `order`, about a dozen
 * labels along the axis.
 */
/** A round step (1, 2 or 5 times a power of ten) at least `raw`. */
export function niceStep (raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)))
  const f = raw / p
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p
}

export function stackedTimeline (timeline: Timeline, order: readonly string[], width = 960): string {
  const bars = timeline.buckets
  const hours = timeline.bucketHours
  const h = 220
  const left = 44
  const bottom = 36
  const plotW = width - left - 10
  const plotH = h - bottom - 10
  // The scale runs to a round number past the tallest bar, with ticks at each step of it.
  const step = niceStep(Math.max(1, ...bars.map((x) => x.total)) / 4)
  const max = Math.ceil(Math.max(1, ...bars.map((x) => x.total)) / step) * step
  // At least twelve slots, so that an hour or two of data is a few bars, not one wall.
  const colW = plotW / Math.max(12, bars.length)
  const every = Math.max(1, Math.ceil(bars.length / 12))
  const iso = (t: number): string => new Date(t).toISOString()
  const years = new Set(bars.map((b) => iso(b.start).slice(0, 4))).size
  const label = (t: number): string => hours < 24 ? `${iso(t).slice(5, 10)} ${iso(t).slice(11, 13)}h` : iso(t).slice(years > 1 ? 0 : 5, 10)
  const span = (t: number): string => hours === 1
    ? `${iso(t).slice(0, 10)} ${iso(t).slice(11, 16)} UTC`
    : hours < 24 ? `${iso(t).slice(0, 10)} ${iso(t).slice(11, 16)}–${iso(t + hours * 3_600_000).slice(11, 16)} UTC` : hours === 24 ? iso(t).slice(0, 10) : `week of ${iso(t).slice(0, 10)}`
  const cols = bars.map((x, i) => {
    let y = 10 + plotH
    const segs = order.filter((c) => (x.byCategory[c] ?? 0) > 0).map((c) => {
      const v = x.byCategory[c]!
      const sh = Math.max(1, (plotH * v) / max)
      y -= sh
      return `<rect class="bar bar-time" x="${(left + i * colW + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, colW - 2).toFixed(1)}" height="${sh.toFixed(1)}" fill="${colorOf(c)}"><title>${escapeHtml(`${span(x.start)}, ${c}: ${v}`)}</title></rect>`
    })
    const tick = i % every === 0 ? `<text x="${(left + i * colW + colW / 2).toFixed(1)}" y="${h - 18}" text-anchor="middle" class="tick">${label(x.start)}</text>` : ''
    return `<g class="bucket" data-start="${iso(x.start)}">${segs.join('')}${tick}</g>`
  })
  const ticks: string[] = []
  for (let v = 0; v <= max; v += step) {
    const y = (10 + plotH - (plotH * v) / max).toFixed(1)
    ticks.push(`<line x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}" class="${v === 0 ? 'axis' : 'grid'}"/><text x="${left - 6}" y="${y}" dy="4" text-anchor="end" class="tick y-tick">${v.toLocaleString('en-US')}</text>`)
  }
  const axis = ticks.join('')
  return `<svg class="chart timeline" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img">${axis}${cols.join('')}</svg>`
}
