import type { Category } from '../rules/types.js'
import type { LookupResult } from './lookup.js'
import { wrapText } from '../summary/text-format.js'

const WIDTH = 78
const LABEL = 10

/** Fold text to the width, every line after the first indented under the label. */
const wrap = (text: string, indent: number): string => wrapText(text, WIDTH - indent, ' '.repeat(indent)).slice(indent)

const row = (label: string, text: string): string => `  ${label.padEnd(LABEL)}${wrap(text, 2 + LABEL)}`
const hex4 = (n: number): string => '0x' + n.toString(16).toUpperCase().padStart(4, '0')

/** The number in every notation a log may use for it. */
function headline (r: LookupResult): string {
  if (typeof r.value === 'number') return `${r.value} (0x${r.value.toString(16).toUpperCase()})`
  if (r.family === 'win32') return `${r.value}  ${Number.parseInt(r.value!, 16)}  HRESULT ${r.hresult} (${r.signed}, ${r.unsigned})`
  return `${r.value}  (${r.signed}, ${r.unsigned})`
}

/** One lookup result for a person to read. */
export function renderLookup (r: LookupResult, categories: ReadonlyMap<string, Category>): string {
  const out: string[] = []
  if (r.value === null) {
    out.push(`${r.query}: ${r.problem ?? 'not found'}`)
    const lead = '  did you mean: '
    if (r.suggestions.length > 0) out.push(lead + wrap(r.suggestions.join(', '), lead.length))
    return out.join('\n') + '\n'
  }
  out.push(`${r.name ?? 'unknown code'}  ${headline(r)}`)
  if (!r.known) out.push(row('', r.problem ?? 'not in the table'))
  if (r.family !== null) out.push(row('family', r.family))
  out.push(row('severity', r.facility === null ? `${r.severity}` : `${r.severity} (facility ${r.facility}, code ${hex4(r.code ?? 0)})`))
  if (r.category !== null) {
    const c = categories.get(r.category)
    out.push(row('category', c === undefined ? r.category : `${r.category}: ${c.title}`))
  }
  if (r.tags.length > 0) out.push(row('tags', r.tags.join(', ')))
  if (r.aliasOf !== null) out.push(row('alias of', r.aliasOf))
  else if (r.aliases.length > 0) out.push(row('also', r.aliases.join(', ')))
  if (r.meaning !== null) out.push(row('meaning', r.meaning))
  if (r.hint !== null) out.push(row('hint', r.hint))
  if (r.message !== null && r.message !== r.name) out.push(row('Windows', `"${r.message}"`))
  return out.join('\n') + '\n'
}
