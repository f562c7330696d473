import type { Rule, RuleSet } from '../rules/types.js'
import { escapeChar, trieSource } from './trie.js'
import { builtMessages } from './built-messages.js'

/**
 * Recognising a code from the English text Windows printed for it, when the
 * line carries no code at all ("Login failed. The target principal name is
 * incorrect."). On by default; --no-messages turns it off, and
 * bench/RESULTS.md races the two. Most lines never get here: the prefilter
 * (scan/prefilter.ts) hands the pattern only lines that hold some message
 * whole (match/literals.ts), or a code's literal.
 *
 * Two steps. An anchor (a whitespace, then two adjacent words of a message,
 * case-insensitive) is folded into the combined pattern as one more
 * alternative, so the pass that looks for codes finds the candidates too;
 * then, on the lines an anchor hit (0.09% of the bench corpus's lines), the
 * messages those anchors stand for are searched in full. Measured per
 * million lines of the bench corpus, in-process: the combined pattern alone
 * ~180 ms, with the anchors folded in ~245-275 ms, where a second, separate
 * pass for the anchors took ~190 ms more.
 * Every shape tried for a separate pass cost at least ~100 ms: V8's regexp
 * engine tries every position of the text, and case-insensitive words give
 * it nothing to skip by.
 */
export interface MessageMatcher {
  /**
   * The anchors, as a source the combined pattern takes as an alternative
   * (no capture group of its own: a match with none of the code groups is
   * an anchor).
   */
  readonly anchorSource: string
  /** The same anchors on their own, global: for lookup, which has no combined pattern. */
  readonly anchor: RegExp
  /** And sticky, to try one place. */
  readonly anchorAt: RegExp
  /** Whether some anchor starts with a letter (a message too short for a pair, from a user rule), not whitespace. */
  readonly letterLed: boolean
  /** Normalised message (lower case, single spaces, no final period) → rule. */
  readonly byMessage: ReadonlyMap<string, Rule>
  /** Normalised anchor words ("attempt failed") → the normalised messages that hold them as their anchor. */
  readonly byAnchor: ReadonlyMap<string, readonly string[]>
  /**
   * The second step's patterns, compiled when first needed: anchor keys
   * (sorted, one per line) → the messages of those anchors, global and
   * case-insensitive. One pattern of every message took ~50 ms to compile
   * (V8 compiles a pattern twice: to bytecode for its first run, then to
   * machine code), a run of text mode spent that on its first candidate
   * line; a few messages compile in well under a millisecond.
   */
  readonly compiled: Map<string, RegExp>
}

/**
 * Messages that do not identify their code:
 * - SEC_E_OK's is ERROR_SUCCESS's "The operation completed successfully.",
 *   which every Windows API prints for success;
 * - SEC_E_NO_KERB_KEY's is its own name, which the combined pattern finds.
 */
const NOT_AS_TEXT = new Set(['SEC_E_OK', 'SEC_E_NO_KERB_KEY'])

/** Lower case, whitespace runs as one space, no final period: how messages are compared. */
export function normaliseMessage (text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase()
}

/**
 * Where codes share a message, the text names the one logs mean. An
 * HRESULT family's code first: SEC_E_DOWNGRADE_DETECTED's text is also
 * Win32's ERROR_DOWNGRADE_DETECTED's, and SSPI is what the text is matched
 * for. Then a Win32 error before its NTSTATUS (FormatMessage prints the
 * Win32 text; "The user's account has expired." is both), then the error
 * rather than the success code (SEC_E_CONTEXT_EXPIRED, not SEC_I_), else
 * the older, lower value (SEC_E_SECPKG_NOT_FOUND, not SEC_E_BAD_PKGID).
 */
const KIND_RANK = { hresult: 0, win32: 1, ntstatus: 2, kerberos: 3 } as const
function preferred (a: Rule, b: Rule): Rule {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] < KIND_RANK[b.kind] ? a : b
  if (a.severity !== b.severity) return a.severity === 'error' ? a : b
  return a.value <= b.value ? a : b
}

/** Marks the whitespace an anchor starts with (a character no message holds). */
const LEAD = '\u0001'

/**
 * A character of a message's pattern: a space stands for any run of
 * whitespace but a line feed; an ASCII letter is written in both cases.
 * Without the `i` flag the patterns compile ~6 times faster (in irregexp,
 * measured on the 26 compiled on the shared corpus: 34 against 6 ms), and
 * a run compiles each pattern it needs, so that was most of what message
 * text cost on the lines the prefilter names. A message with another
 * letter keeps the flag (messagePattern).
 */
const messageChar = (c: string): string => {
  if (c === ' ') return '[^\\S\\n]+'
  return c >= 'a' && c <= 'z' ? `[${c}${c.toUpperCase()}]` : escapeChar(c)
}

/**
 * What a message matcher is made of, as plain data: each message
 * (normalised) with the name of the rule it names, each anchor with its
 * messages, and the anchors' pattern source. The build writes the built-in
 * rules' tables into its bundles (built-messages.ts): made from the rules,
 * they took ~3-5 ms of each start with message text on, cold (anchorWords,
 * normaliseMessage and the trie for ~230 messages), against ~1 ms to read.
 */
export interface MessageTables {
  readonly byMessage: ReadonlyArray<readonly [string, string]>
  readonly byAnchor: ReadonlyArray<readonly [string, readonly string[]]>
  readonly anchorSource: string
  readonly letterLed: boolean
}

export function compileMessages (ruleSet: RuleSet): MessageMatcher | null {
  const tables = builtMessages(messagesKey(ruleSet)) ?? messageTables(ruleSet)
  return tables === null ? null : messageMatcher(ruleSet, tables)
}

/**
 * Everything of the rules the tables are made from, in their order: each
 * rule with texts, the rule its texts name (itself or the one it is an
 * alias of) and the fields that choose between rules sharing a message
 * (preferred). The built tables are taken only for this very key.
 */
export function messagesKey (ruleSet: RuleSet): string {
  let key = ''
  for (const r of ruleSet.rules) {
    if (r.texts.length === 0) continue
    const rule = named(ruleSet, r)
    key += `${r.name}\u0000${rule.name}\u0000${rule.kind}\u0000${rule.severity}\u0000${rule.value}\u0000${r.texts.join('\u0000')}\n`
  }
  return key
}

/** The rule a rule's texts name: itself, or the one it is an alias of. */
const named = (ruleSet: RuleSet, r: Rule): Rule => (r.aliasOf === null ? r : ruleSet.byName.get(r.aliasOf) ?? r)

/** The tables made from the rules; null when no rule has a message to recognise. */
export function messageTables (ruleSet: RuleSet): MessageTables | null {
  const byMessage = new Map<string, Rule>()
  for (const r of ruleSet.rules) {
    if (NOT_AS_TEXT.has(r.name)) continue
    const rule = named(ruleSet, r)
    for (const text of r.texts) {
      const key = normaliseMessage(text)
      const prior = byMessage.get(key)
      byMessage.set(key, prior === undefined ? rule : preferred(prior, rule))
    }
  }
  if (byMessage.size === 0) return null
  const byAnchor = new Map<string, string[]>()
  for (const message of byMessage.keys()) {
    const key = anchorWords(message).replace(LEAD, '')
    const list = byAnchor.get(key)
    if (list === undefined) byAnchor.set(key, [message])
    else list.push(message)
  }
  const anchors = [...byAnchor.keys()].map((k) => (byMessage.has(k) ? k : LEAD + k))
  return {
    // In code-unit order, as line-messages.ts walks them.
    byMessage: [...byMessage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([message, rule]) => [message, rule.name] as const),
    byAnchor: [...byAnchor],
    anchorSource: trieSource(anchors, caseless),
    letterLed: anchors.some((a) => !a.startsWith(LEAD)),
  }
}

/** The matcher of the tables, its rules those of `ruleSet` by name (names are unique in a rule set). */
export function messageMatcher (ruleSet: RuleSet, t: MessageTables): MessageMatcher {
  let anchor: RegExp | undefined
  let anchorAt: RegExp | undefined
  return {
    anchorSource: t.anchorSource,
    // Made when first asked for (compile.ts says why): lines the prefilter names never ask.
    get anchor () { return (anchor ??= new RegExp(t.anchorSource, 'g')) },
    get anchorAt () { return (anchorAt ??= new RegExp(t.anchorSource, 'y')) },
    letterLed: t.letterLed,
    byMessage: new Map(t.byMessage.map(([message, name]) => [message, ruleSet.byName.get(name)!])),
    byAnchor: new Map(t.byAnchor),
    compiled: new Map(),
  }
}

const MAX_COMPILED = 256

/**
 * The pattern of the messages these anchors stand for. A message can only be
 * on a line that holds its anchor (the anchor is part of it), so the
 * messages of the line's anchors are all that can be there. One trie of
 * them: whitespace never spans a line feed (summarize scans many lines at
 * once), and the final period is optional; the trie tries longer
 * continuations first, so where one message starts another, the longer one
 * is taken.
 */
function patternFor (m: MessageMatcher, anchorKeys: readonly string[]): RegExp {
  const key = anchorKeys.length === 1 ? anchorKeys[0]! : [...new Set(anchorKeys)].sort().join('\n')
  let re = m.compiled.get(key)
  if (re === undefined) {
    // Lines that each hold a different mix of anchors would otherwise grow
    // the map without end; real logs repeat a handful.
    if (m.compiled.size >= MAX_COMPILED) m.compiled.clear()
    const messages = key.split('\n').flatMap((k) => m.byAnchor.get(k) ?? [])
    re = messagePattern(messages)
    m.compiled.set(key, re)
  }
  return re
}

/**
 * The messages (normalised: lower case) as one pattern, the longest first
 * where they share a start. Case-insensitive by hand for ASCII letters
 * (messageChar); with the `i` flag as well where a message holds a letter
 * beyond ASCII, whose cases the flag folds as it always has.
 */
function messagePattern (messages: readonly string[]): RegExp {
  const flags = messages.some((t) => /[^\x00-\x7f]/.test(t)) ? 'gi' : 'g'
  return new RegExp(`(?<![A-Za-z0-9])(?:${trieSource(messages, messageChar)})(?:\\.|(?![A-Za-z0-9]))`, flags)
}

/**
 * A character of an anchor, case-insensitive by hand: the combined pattern
 * it joins is case-sensitive (symbols are upper case; a flag would widen
 * them too). A space stands for any whitespace but a line feed; the one
 * before the words for exactly one character of it, the last of a run.
 */
const caseless = (c: string): string => {
  if (c === ' ') return '[^\\S\\n]+'
  if (c === LEAD) return '[^\\S\\n]'
  const lower = c.toLowerCase()
  const upper = c.toUpperCase()
  return lower === upper ? escapeChar(c) : `[${lower}${upper}]`
}

/**
 * The anchor of a message: the whitespace before two adjacent words of it,
 * and the words, choosing the pair whose shorter word is longest ("logon
 * attempt" → "attempt failed"). The pair is never the message's first
 * word, so that the whitespace before it is part of the message: leading
 * with whitespace, which is common but a single character, cost the
 * combined pattern ~95 ms per million lines; leading with a letter, which
 * is everywhere, far more. The words have to be rare, or every line goes to
 * the second step: measured on the bench corpus, single longest words sent
 * 64% of its lines there ("processing", "session", "received"), single
 * words past a stop list still 30%, these pairs 0.09%. A message too short
 * for such a pair (a user rule's) is its own anchor.
 */
function anchorWords (message: string): string {
  // Tokens between single spaces; a pair is two plain words side by side
  // ("communicate, because" is not one: the comma is part of the text).
  const words = message.split(' ')
  const plain = (w: string | undefined): boolean => w !== undefined && /^[a-z0-9']+$/.test(w)
  let best = -1
  const score = (i: number): number => Math.min(words[i]!.length, words[i + 1]!.length) * 100 + words[i]!.length + words[i + 1]!.length
  for (let i = 1; i + 1 < words.length; i++) if (plain(words[i]) && plain(words[i + 1]) && (best === -1 || score(i) > score(best))) best = i
  return best === -1 ? message : `${LEAD}${words[best]!} ${words[best + 1]!}`
}

/**
 * A number that names some other failure, written out: 0x and 8 hex digits
 * with the top bit set (sign-extended too), or a negative 10-digit decimal.
 * Beside such a number the message text is not taken: Win32's
 * ERROR_DOWNGRADE_DETECTED (0x800704F1) prints the very sentence of
 * SEC_E_DOWNGRADE_DETECTED, and the number is the better witness.
 */
const OTHER_CODE = /(?<![0-9A-Za-z_-])(?:0[xX](?:[fF]{8})?([89a-fA-F][0-9a-fA-F]{7})(?![0-9A-Za-z_-])|(-[12][0-9]{9})(?![0-9]))/g

/**
 * Numbers that name the kind of exception, not the failure, and so are no
 * witness against the text beside them. .NET prints an exception's HResult
 * after its type: every Win32Exception carries E_FAIL (0x80004005, from its
 * base ExternalException) and puts the real error in its message ("Win32Exception
 * (0x80004005): The target principal name is incorrect"), and the exception
 * types of the runtime have HRESULTs of their own facility, 0x13 (SqlException
 * is always 0x80131904, whatever the server said).
 */
const E_FAIL = 0x80004005
const FACILITY_URT = 0x13
const namesOnlyAnExceptionType = (value: number): boolean => value === E_FAIL || (value >>> 16) === (0x8000 | FACILITY_URT)

export interface MessageHit {
  readonly rule: Rule
  readonly text: string
  readonly start: number
  readonly end: number
}

/**
 * Every message in `text`, in order (one line, or many: none spans a line
 * feed). `spans`: where the combined pattern matched, as triples [start,
 * end, 1 for an anchor or 0 for a code match that named nothing], in order;
 * without them, the anchors are looked for here (lookup). `coded`: the
 * starts, in order, of codes found in `text`; their lines are not searched,
 * since a number written on a line wins over its text (scan.ts). On the
 * shared corpus most lines with a code also hold an anchor ("failed",
 * "logon"), and searching them was most of the time message text cost on
 * the lines the prefilter names.
 */
export function findMessages (m: MessageMatcher, text: string, spans?: readonly number[], coded: readonly { readonly start: number }[] = []): MessageHit[] | null {
  const all = spans ?? anchorsIn(m, text)
  let hits: MessageHit[] | null = null
  const keys: string[] = []
  let c = 0
  // The lines anchors are in get the patterns of their anchors' messages,
  // on a copy of the line alone (a search from its start would run on
  // through the rest of a many-line block).
  for (let k = 0; k < all.length;) {
    const lineStart = text.lastIndexOf('\n', all[k]! - 1) + 1
    let lineEnd = text.indexOf('\n', all[k]!)
    if (lineEnd === -1) lineEnd = text.length
    // Only a line where the pattern found an anchor is searched, as when
    // the line is scanned alone: a block of lines gives the same hits.
    let next = k
    let anchored = false
    for (; next < all.length && all[next]! < lineEnd; next += 3) anchored ||= all[next + 2] === 1
    while (c < coded.length && coded[c]!.start < lineStart) c++
    if (c < coded.length && coded[c]!.start < lineEnd) anchored = false
    keys.length = 0
    if (anchored) for (; k < next; k += 3) anchorKeysIn(m, text, all[k]!, all[k + 1]!, all[k + 2] === 1, keys)
    k = next
    if (keys.length === 0) continue
    const line = lineStart === 0 && lineEnd === text.length ? text : text.slice(lineStart, lineEnd)
    const pattern = patternFor(m, keys)
    pattern.lastIndex = 0
    for (let x = pattern.exec(line); x !== null; x = pattern.exec(line)) {
      const rule = m.byMessage.get(normaliseMessage(x[0]))
      if (rule !== undefined) (hits ??= []).push({ rule, text: x[0], start: lineStart + x.index, end: lineStart + x.index + x[0].length })
    }
  }
  return hits
}

/**
 * The anchors of one match of the combined pattern at text[start, end):
 * its own when it is one, and every one that starts inside it. A global
 * search steps over an anchor that starts inside another (" domain
 * controller" hides " controller certificate"), whose messages would then
 * go unsearched; one that starts past a match's end it finds itself. Trying
 * every place of the line instead took ~9 µs a line on the shared corpus's
 * lines with anchors, more than the prefilter spent on all the others.
 */
function anchorKeysIn (m: MessageMatcher, text: string, start: number, end: number, anchor: boolean, keys: string[]): void {
  if (anchor) keys.push(normaliseMessage(text.slice(start, end)))
  const sticky = m.anchorAt
  for (let i = start + 1; i < end; i++) {
    // An anchor leads with the last whitespace of a run, then a word (anchorWords).
    if (!m.letterLed && (!isBlankAt(text, i) || (i + 1 < text.length && isBlankAt(text, i + 1)))) continue
    sticky.lastIndex = i
    const a = sticky.exec(text)
    if (a !== null) keys.push(normaliseMessage(a[0]))
  }
}

const WHITESPACE = /\s/

/**
 * Whether line[i] is whitespace but a line feed ([^\S\n]): what a space in a
 * message stands for, and what an anchor leads with. ASCII by its code, the
 * rest by the pattern.
 */
export function isBlankAt (line: string, i: number): boolean {
  const c = line.charCodeAt(i)
  if (c === 32 || (c >= 9 && c <= 13 && c !== 10)) return true
  return c >= 0x80 && WHITESPACE.test(line[i]!)
}

/** Where the anchors are in `text`, as findMessages takes them: [start, end, 1] each. */
export function anchorsIn (m: MessageMatcher, text: string): number[] {
  const out: number[] = []
  m.anchor.lastIndex = 0
  for (let a = m.anchor.exec(text); a !== null; a = m.anchor.exec(text)) out.push(a.index, a.index + a[0].length, 1)
  return out
}

/** Whether text[from, to) writes a failure code of its own (see OTHER_CODE). */
export function writesOtherCode (text: string, from = 0, to = text.length): boolean {
  const part = from === 0 && to === text.length ? text : text.slice(from, to)
  OTHER_CODE.lastIndex = 0
  for (let m = OTHER_CODE.exec(part); m !== null; m = OTHER_CODE.exec(part)) {
    const value = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]) + 2 ** 32
    if (!namesOnlyAnExceptionType(value)) return true
  }
  return false
}
