import { shownValue } from '../enrich/codes.js'
import type { LineEvent } from '../enrich/line-event.js'
import { readLineStart } from '../parse/line-start.js'
import { wrapText } from '../summary/text-format.js'
import type { Lang } from '../rules/lang.js'

/** How the terminal view is drawn. */
export interface PrettyOptions {
  /** Terminal columns (process.stdout.columns); text is wrapped and lines shortened to them. */
  readonly width: number
  /** ANSI colour; off when NO_COLOR is set (no-color.org). */
  readonly color: boolean
  /** The language of the view's own labels (meanings and hints come translated with the table). */
  readonly lang?: Lang
}

/** The view's labels in each language of --lang. */
const PRETTY_WORDS: Readonly<Record<Lang, { cut: (bytes: number) => string, repeated: (n: number) => string, unknownCode: string, check: string, note: string }>> = {
  en: { cut: (b) => `cut, ${b} bytes`, repeated: (n) => `repeated ${n}×`, unknownCode: 'unknown code', check: 'check: ', note: 'note: ' },
  fr: { cut: (b) => `coupée, ${b} octets`, repeated: (n) => `répétée ${n}×`, unknownCode: 'code inconnu', check: 'à vérifier : ', note: 'remarque : ' },
  ja: { cut: (b) => `切り詰め、${b} バイト`, repeated: (n) => `${n} 回繰り返し`, unknownCode: '不明なコード', check: '確認: ', note: '注: ' },
}

const ESC = '\u001b['
const paint = (on: boolean, code: string, text: string): string => (on ? `${ESC}${code}m${text}${ESC}0m` : text)
const bold = (o: PrettyOptions, t: string): string => paint(o.color, '1', t)
const dim = (o: PrettyOptions, t: string): string => paint(o.color, '2', t)

/** The part of a long line shown: this many columns before the first match. */
const LEAD = 24

/**
 * One event for a person at a terminal (annotate's default there): when and
 * where (the line's stamp, source:line), each code with its number and
 * category, what it means and what to check, then the line itself, cut
 * around the first match, the matches highlighted. A blank line after each.
 */
export function prettyEvent (event: LineEvent & { readonly repeated?: number }, o: PrettyOptions): string {
  const width = Math.max(40, o.width)
  const out: string[] = []
  const start = readLineStart(event.line)
  const when = start.time === null ? '' : new Date(start.time).toISOString().slice(0, 19).replace('T', ' ') + '  '
  const words = PRETTY_WORDS[o.lang ?? 'en']
  const notes = [event.truncated === true ? words.cut(event.originalLength!) : '', event.repeated === undefined ? '' : words.repeated(event.repeated)].filter(Boolean)
  out.push(dim(o, `${when}${event.source}:${event.lineNumber}${notes.length > 0 ? `  (${notes.join(', ')})` : ''}`))
  for (const c of event.codes) {
    const name = c.name ?? words.unknownCode
    const colored = paint(o.color, c.severity === 'error' ? '1;31' : '1;32', name)
    out.push(`  ${colored}  ${shownValue(c)}${c.category === null ? '' : `  ${dim(o, c.category)}`}`)
    out.push(wrapText(c.meaning, width - 4, '    '))
    if (c.hint !== null) out.push(wrapText(words.check + c.hint, width - 4, '    '))
  }
  if (event.conflict === true) out.push(wrapText(words.note + event.conflictNote!, width - 4, '    '))
  out.push(`  ${dim(o, '│')} ${excerpt(event, width - 4, o)}`)
  return out.join('\n') + '\n\n'
}

/** The line, cut to `width` columns around its first match, every match in view highlighted. */
function excerpt (event: LineEvent, width: number, o: PrettyOptions): string {
  const line = event.line.replace(/[\t\r]/g, ' ')
  const matches = event.codes.flatMap((c) => c.matches).sort((a, b) => a.start - b.start)
  const first = matches[0]?.start ?? 0
  let from = Math.max(0, first - LEAD)
  const to = Math.min(line.length, from + width)
  from = Math.max(0, Math.min(from, to - width))
  let text = ''
  let at = from
  for (const m of matches) {
    if (m.start < at || m.end > to) continue
    text += line.slice(at, m.start) + paint(o.color, '1;33', line.slice(m.start, m.end))
    at = m.end
  }
  text += line.slice(at, to)
  return (from > 0 ? '…' : '') + text + (to < line.length ? '…' : '')
}
