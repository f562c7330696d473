import type { Rule } from '../rules/types.js'
import { GROUP_BARE_HEX, GROUP_DECIMAL, GROUP_HEX, GROUP_SIGN_EXTENSION, GROUP_SYMBOL, type Matcher } from './compile.js'
import { anchorsIn, findMessages, writesOtherCode, type MessageHit, type MessageMatcher } from './messages.js'
import { messagesInLine } from './line-messages.js'
import { GROUP_EVENT_STATUS, GROUP_KERBEROS_FIELD, GROUP_LDAP_DATA, GROUP_NEAR_DECIMAL, GROUP_WIN32_DECIMAL, ruleInContext } from './context.js'

/**
 * How a code was written where it was found. Besides the spellings of a
 * name and a 32-bit number: `decimal`, a Win32 error number after `System
 * error`; `ldap-data`, the hex after an LDAP bind error's `data`; `field`, a
 * Kerberos number in its event field (context.ts).
 */
export type MatchForm = 'symbol' | 'hex' | 'hex64' | 'barehex' | 'signed' | 'unsigned' | 'decimal' | 'ldap-data' | 'field' | 'message-text'

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
 * With message text on, the same pass finds the message anchors: a match
 * that fills none of the code groups.
 */
export function scanLine (matcher: Matcher, line: string): Hit[] | null {
  return scanLineAsked(matcher, line, holdsAny)
}

const holdsAny = (): boolean => true

/**
 * scanLine, for a line without a code asking `mayHoldMessage` before it is
 * searched for message text: the line scanner answers with the prefilter's
 * mark of the line (candidates.ts).
 */
export function scanLineAsked (matcher: Matcher, line: string, mayHoldMessage: () => boolean): Hit[] | null {
  if (matcher.messages !== null && line.indexOf('\n') === -1) return scanOneLine(matcher, matcher.messages, line, mayHoldMessage)
  const re = matcher.pattern
  re.lastIndex = 0
  let m = re.exec(line)
  if (m === null) return null
  let hits: Hit[] | null = null
  // Where anchors may be (messages.ts, findMessages): each anchor's match,
  // and each code match that named nothing, as [start, end, anchor or not].
  let spans: number[] | null = null
  let anchored = false
  do {
    if (isAnchor(m)) {
      (spans ??= []).push(m.index, m.index + m[0].length, 1)
      anchored = true
    } else {
      const hit = hitFromMatch(matcher, m)
      if (hit !== null) (hits ??= []).push(hit)
      else if (matcher.messages !== null) (spans ??= []).push(m.index, m.index + m[0].length, 0)
    }
    m = re.exec(line)
  } while (m !== null)
  if (anchored && matcher.messages !== null) return withMessages(matcher.messages, line, hits ?? [], spans!)
  return hits
}

/**
 * One line, with message text on: its codes first, by the pattern without
 * the anchors, and only on a line that writes none, its message text
 * (line-messages.ts; the anchors and the messages they stand for where a
 * message is beyond ASCII). A line that writes a code is not searched for
 * message text (its number wins), and on the lines the prefilter names
 * most do: with the anchors in, the pattern took twice as long over the
 * shared corpus's candidate lines that hold codes (30.6 against 14.4 ms,
 * in-process, best of 9), since V8 tries them at every blank. scanLine over
 * all its candidate lines: 23.2 -> 19.4 ms (best of 15). Blocks of many
 * lines (no prefilter) keep the one pass of the combined pattern, which a
 * separate pass for the anchors would double.
 */
function scanOneLine (matcher: Matcher, messages: MessageMatcher, line: string, mayHoldMessage: () => boolean): Hit[] | null {
  const re = matcher.codePattern
  re.lastIndex = 0
  let hits: Hit[] | null = null
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    const hit = hitFromMatch(matcher, m)
    if (hit !== null) (hits ??= []).push(hit)
  }
  if (hits !== null || !mayHoldMessage()) return hits
  const found = messagesInLine(messages, line)
  if (found !== undefined) return found === null ? null : keptMessages(line, [], found)
  const spans = anchorsIn(messages, line)
  return spans.length === 0 ? null : withMessages(messages, line, [], spans)
}

const isAnchor = (m: RegExpExecArray): boolean =>
  m[GROUP_SYMBOL] === undefined && m[GROUP_HEX] === undefined && m[GROUP_BARE_HEX] === undefined && m[GROUP_DECIMAL] === undefined &&
  m[GROUP_NEAR_DECIMAL] === undefined && m[GROUP_WIN32_DECIMAL] === undefined && m[GROUP_LDAP_DATA] === undefined &&
  m[GROUP_KERBEROS_FIELD] === undefined && m[GROUP_EVENT_STATUS] === undefined

/**
 * Add the message texts found in `text` to its coded hits, in order. A
 * message counts only on a line that writes no code itself: neither one the
 * pattern found nor any other failure number (explicit numbers win). `text`
 * may hold many lines (summarize scans blocks), so the rule is applied per line.
 */
function withMessages (messages: MessageMatcher, text: string, hits: Hit[], spans: readonly number[]): Hit[] | null {
  const found = findMessages(messages, text, spans, hits)
  return found === null ? (hits.length === 0 ? null : hits) : keptMessages(text, hits, found)
}

/** The coded hits and, in order among them, the messages found on lines that write no code. */
function keptMessages (text: string, hits: Hit[], found: readonly MessageHit[]): Hit[] | null {
  const out: Hit[] = []
  let h = 0
  for (const msg of found) {
    const lineStart = text.lastIndexOf('\n', msg.start - 1) + 1
    let lineEnd = text.indexOf('\n', msg.end)
    if (lineEnd === -1) lineEnd = text.length
    while (h < hits.length && hits[h]!.start < lineStart) out.push(hits[h++]!)
    if (h < hits.length && hits[h]!.start < lineEnd) continue
    if (writesOtherCode(text, lineStart, lineEnd)) continue
    out.push({ rule: msg.rule, value: msg.rule.value, form: 'message-text', text: msg.text, start: msg.start, end: msg.end })
  }
  while (h < hits.length) out.push(hits[h++]!)
  return out.length === 0 ? null : out
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
    const rule = matcher.byHex.get(hex.toLowerCase()) ?? null
    const form = m[GROUP_BARE_HEX] !== undefined ? 'barehex' : m[GROUP_SIGN_EXTENSION] !== undefined ? 'hex64' : 'hex'
    return { rule, value: rule?.value ?? Number.parseInt(hex, 16) >>> 0, form, text, start, end }
  }
  const decimal = m[GROUP_DECIMAL]
  if (decimal !== undefined) {
    const rule = matcher.byDecimal.get(decimal)
    if (rule === undefined) return null
    return { rule, value: rule.value, form: decimal.charCodeAt(0) === 45 /* - */ ? 'signed' : 'unsigned', text, start, end }
  }
  return inContext(matcher, m)
}

const CONTEXT_FORMS: Readonly<Record<number, MatchForm>> = {
  [GROUP_WIN32_DECIMAL]: 'decimal',
  [GROUP_LDAP_DATA]: 'ldap-data',
  [GROUP_KERBEROS_FIELD]: 'field',
  [GROUP_EVENT_STATUS]: 'field',
}

/** A context number (context.ts): the hit is the number at the end of the match, kept where its context holds. */
function inContext (matcher: Matcher, m: RegExpExecArray): Hit | null {
  for (let g = GROUP_NEAR_DECIMAL; g <= GROUP_EVENT_STATUS; g++) {
    const token = m[g]
    if (token === undefined) continue
    const end = m.index + m[0].length
    const start = end - token.length
    const rule = ruleInContext(matcher.context, g, token, m[0], m.input, start, end, (name) => matcher.bySymbol.get(name))
    if (rule === null) return null
    const form = CONTEXT_FORMS[g] ?? (token.charCodeAt(0) === 45 /* - */ ? 'signed' : 'unsigned')
    return { rule, value: rule.value, form, text: token, start, end }
  }
  return null
}

/**
 * Whether `text` holds anything the pattern matches (a message anchor too,
 * with message text on): one exec, no result kept. Record mode runs it on
 * the raw JSON line, so that only records that may carry a code are parsed.
 */
export function mayHaveCode (matcher: Matcher, text: string): boolean {
  const re = matcher.pattern
  re.lastIndex = 0
  return re.test(text)
}
