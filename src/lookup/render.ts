import type { Category } from '../rules/types.js'
import type { Lang } from '../rules/lang.js'
import type { LookupResult } from './lookup.js'
import { displayWidth, wrapText } from '../summary/text-format.js'
import { LOOKUP_WORDS } from './lookup-words.js'

const WIDTH = 78
/** The label column, in terminal columns: "étiquettes", and two-column kana. */
const LABEL = 12

/** Fold text to the width, every line after the first indented under the label. */
const wrap = (text: string, indent: number): string => wrapText(text, WIDTH - indent, ' '.repeat(indent)).slice(indent)

const row = (label: string, text: string): string => `  ${label}${' '.repeat(Math.max(1, LABEL - displayWidth(label)))}${wrap(text, 2 + LABEL)}`
const hex4 = (n: number): string => '0x' + n.toString(16).toUpperCase().padStart(4, '0')

/** The number in every notation a log may use for it. */
function headline (r: LookupResult): string {
  if (typeof r.value === 'number') return `${r.value} (0x${r.value.toString(16).toUpperCase()})`
  if (r.family === 'win32') return `${r.value}  ${Number.parseInt(r.value!, 16)}  HRESULT ${r.hresult} (${r.signed}, ${r.unsigned})`
  return `${r.value}  (${r.signed}, ${r.unsigned})`
}

/** One lookup result for a person to read, its labels in `lang` (the codes' own texts come translated with the table). */
export function renderLookup (r: LookupResult, categories: ReadonlyMap<string, Category>, lang: Lang = 'en'): string {
  const w = LOOKUP_WORDS[lang]
  const out: string[] = []
  if (r.value === null) {
    out.push(`${r.query}: ${w.notACode}`)
    const lead = `  ${w.didYouMean}: `
    if (r.suggestions.length > 0) out.push(lead + wrap(r.suggestions.join(', '), displayWidth(lead)))
    return out.join('\n') + '\n'
  }
  out.push(`${r.name ?? w.unknownCode}  ${headline(r)}`)
  if (!r.known) out.push(row('', w.notInTable(r.hresult ?? String(r.value))))
  if (r.family !== null) out.push(row(w.family, r.family))
  const severity = r.severity === 'error' ? w.error : r.severity === 'success' ? w.success : ''
  out.push(row(w.severity, r.facility === null ? severity : `${severity} (${w.facility(r.facility, hex4(r.code ?? 0))})`))
  if (r.category !== null) {
    const c = categories.get(r.category)
    out.push(row(w.category, c === undefined ? r.category : `${r.category}: ${c.title}`))
  }
  if (r.tags.length > 0) out.push(row(w.tags, r.tags.join(', ')))
  if (r.aliasOf !== null) out.push(row(w.aliasOf, r.aliasOf))
  else if (r.aliases.length > 0) out.push(row(w.also, r.aliases.join(', ')))
  if (r.meaning !== null) out.push(row(w.meaning, r.meaning))
  if (r.hint !== null) out.push(row(w.hint, r.hint))
  if (r.message !== null && r.message !== r.name) out.push(row(w.windows, `"${r.message}"`))
  return out.join('\n') + '\n'
}
