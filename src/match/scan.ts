import type { Rule } from '../rules/types.js'
import { GROUP_BARE_HEX, GROUP_DECIMAL, GROUP_HEX, GROUP_SIGN_EXTENSION, GROUP_SYMBOL, type Matcher } from './compile.js'

/** How a code was written where it was found. */
export type MatchForm = 'symbol' | 'hex' | 'hex64' | 'barehex' | 'signed' | 'unsigned'

/** One place in a line where a code was found. */
export interface Hit {
  /** The canonical rule, or null for a facility-9 value the table does not know. */
  readonly rule: Rule | null
  readonly value: number
  readonly form: MatchForm
  readonly text: string
  /** UTF-16 offsets into the line, end exclusive (String.prototype.slice semantics). */
  readonly start: number
  readonly end: number
}

/**
 * Every code in one line, in order. This is the hot path: on a line with no
 * code it runs the one combined pattern once and returns null, allocating
 * nothing (RegExp.exec returns null on a miss without building a result).
 */
export function scanLine (matcher: Matcher, line: string): Hit[] | null {
  const re = matcher.pattern
  re.lastIndex = 0
  let m = re.exec(line)
  if (m === null) return null
  const hits: Hit[] = []
  do {
    const hit = hitFromMatch(matcher, m)
    if (hit !== null) hits.push(hit)
    m = re.exec(line)
  } while (m !== null)
  return hits.length === 0 ? null : hits
}

function hitFromMatch (matcher: Matcher, m: RegExpExecArray): Hit | null {
  const text = m[0]
  const start = m.index
  const end = start + text.length
  const symbol = m[GROUP_SYMBOL]
  if (symbol !== undefined) {
    const rule = matcher.bySymbol.get(symbol.includes('\\') ? symbol.replaceAll('\\', '') : symbol)
    return rule === undefined ? null : { rule, value: rule.value, form: 'symbol', text, start, end }
  }
  const hex = m[GROUP_HEX] ?? m[GROUP_BARE_HEX]
  if (hex !== undefined) {
    const value = Number.parseInt(hex, 16) >>> 0
    const rule = matcher.byHex.get(hex.toLowerCase()) ?? null
    const form = m[GROUP_BARE_HEX] !== undefined ? 'barehex' : m[GROUP_SIGN_EXTENSION] !== undefined ? 'hex64' : 'hex'
    return { rule, value, form, text, start, end }
  }
  const decimal = m[GROUP_DECIMAL]
  if (decimal !== undefined) {
    const rule = matcher.byDecimal.get(decimal)
    if (rule === undefined) return null
    return { rule, value: rule.value, form: decimal.charCodeAt(0) === 45 /* - */ ? 'signed' : 'unsigned', text, start, end }
  }
  return null
}

/**
 * Whether `text` holds anything the pattern matches: one exec, no result
 * kept. Record mode runs it on the raw JSON line, so that only records that
 * may carry a code are parsed.
 */
export function mayHaveCode (matcher: Matcher, text: string): boolean {
  const re = matcher.pattern
  re.lastIndex = 0
  return re.test(text)
}
