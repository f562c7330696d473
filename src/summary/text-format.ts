/** Small helpers shared by the summary table and the summarize report. */

export const num = (n: number): string => n.toLocaleString('en-US')

/** A share; two decimals for small ones, so 1 line in 10,000 does not read as 0.0%. */
export const pct = (part: number, whole: number): string => (part === 0 || whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(part * 1000 < whole ? 2 : 1)}%`)

export const plural = (n: number, one: string, many: string): string => `${num(n)} ${n === 1 ? one : many}`

const UNITS = ['KiB', 'MiB', 'GiB'] as const
const oneDecimal = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** A size as people read it: bytes below 1 KiB, else KiB, MiB or GiB with one decimal. */
export function bytesText (n: number): string {
  if (n < 1024) return plural(n, 'byte', 'bytes')
  let unit = 0
  let value = n / 1024
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${oneDecimal(value)} ${UNITS[unit]}`
}

/**
 * Characters a terminal draws two columns wide: East Asian Wide and
 * Fullwidth (Unicode UAX #11) for the scripts our texts and host names use:
 * Hangul Jamo, CJK punctuation, kana, ideographs, Hangul syllables and the
 * fullwidth forms.
 */
const WIDE = /^(?:[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}])$/u

const isWide = (ch: string): boolean => ch.charCodeAt(0) >= 0x1100 && WIDE.test(ch)

/** Columns `s` takes on a terminal. */
export function displayWidth (s: string): number {
  let w = 0
  for (const ch of s) w += isWide(ch) ? 2 : 1
  return w
}

const padEnd = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)))
const padStart = (s: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(s))) + s

/** Rows as indented columns padded to their widest cell; the columns named in `right` right-aligned. */
export function columns (rows: readonly string[][], right: readonly number[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))))
  return rows.map((r) => '  ' + r.map((cell, i) => (right.includes(i) ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!))).join('  ').trimEnd())
}

// Japanese line breaking (kinsoku): a line may not start with closing
// punctuation, small kana or the prolonged sound mark, nor end with an
// opening bracket.
const NO_LINE_START = new Set('、。，．・：；！？）］｝」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ')
const NO_LINE_END = new Set('（［｛「『【〔〈《')

/**
 * `text` in lines of at most `width` terminal columns, each after `indent`.
 * Lines break at spaces and, in Japanese or Chinese, which use none, between
 * two characters where either is wide (but for kinsoku). A word wider than
 * the width keeps a line of its own.
 */
export function wrapText (text: string, width: number, indent: string): string {
  // The pieces a line may break between; `spaced`: a space comes before it.
  const pieces: Array<{ text: string, spaced: boolean }> = []
  for (const word of text.split(/\s+/)) {
    if (word === '') continue
    let spaced = true
    let piece = ''
    const chars = [...word]
    chars.forEach((ch, i) => {
      piece += ch
      const next = chars[i + 1]
      if (next !== undefined && (isWide(ch) || isWide(next)) && !NO_LINE_START.has(next) && !NO_LINE_END.has(ch)) {
        pieces.push({ text: piece, spaced })
        spaced = false
        piece = ''
      }
    })
    pieces.push({ text: piece, spaced })
  }
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const p of pieces) {
    const gap = line !== '' && p.spaced ? 1 : 0
    const w = displayWidth(p.text)
    if (line !== '' && used + gap + w > width) {
      lines.push(line)
      line = p.text
      used = w
    } else {
      line += (gap === 1 ? ' ' : '') + p.text
      used += gap + w
    }
  }
  if (line !== '') lines.push(line)
  return lines.map((l) => indent + l).join('\n')
}
