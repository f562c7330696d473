import type { Matcher } from './compile.js'

/**
 * Literals at least one of which is in every line the matcher can find a
 * code in, lower case: the prefilter (scan/prefilter.ts) hands the pattern
 * only lines that hold one, compared with ASCII letters folded. Derived from
 * the compiled tables, so user rules and new families bring their own.
 *
 * - A name: its first word and the '_' after it (SEC_), or a '\' for the
 *   markdown-escaped spelling (SEC\_); a name without '_', whole.
 * - A hex value: every spelling (0x…, sign-extended, bare) holds its eight
 *   digits, so their first six (all eight for Win32's busiest range),
 *   and 8009 for the facility matched whole.
 * - A decimal: its first six characters (Win32's: eight, or all of it in the busiest range).
 * - A number that counts only in its context: a literal of that context (context.ts).
 * - A message: two adjacent words of it, a space standing for any run of
 *   whitespace as in the message pattern. A line with a message's anchor
 *   and not the message has no hit (messages.ts), so the pair need not be
 *   the anchor's. Single words sent 14% of the bench corpus's lines and 35%
 *   of the shared one's to the pattern ("invalid", "session"); pairs, with
 *   the shorter word as long as can be, a fraction of a percent.
 *
 * null when some token has no ASCII literal of at least two characters to
 * go by (a user rule's message in another script): every line is then a candidate.
 */
export function requiredLiterals (matcher: Matcher): string[] | null {
  const out = new Set<string>()
  for (const name of matcher.bySymbol.keys()) {
    // NT_STATUS_X holds STATUS_X's literals in every spelling, escaped too.
    const rest = name.indexOf('_') + 1
    if (rest > 0 && matcher.bySymbol.has(name.slice(rest))) continue
    const cut = name.indexOf('_')
    if (cut === -1) out.add(name)
    else {
      out.add(name.slice(0, wordsOfAtLeast(name, MIN_NAME_LITERAL) + 1))
      out.add(name.slice(0, cut) + '\\')
    }
  }
  for (const literal of matcher.context.literals) out.add(literal)
  out.add(FACILITY_9_DIGITS)
  for (const hex of matcher.byHex.keys()) out.add(hex.startsWith(FACILITY_9_DIGITS) ? FACILITY_9_DIGITS : win32Busiest(hex) ? hex : hex.slice(0, HEX_PREFIX))
  for (const [decimal, rule] of matcher.byDecimal) {
    const hex = rule.status === null ? '' : rule.status.toString(16)
    out.add(win32Busiest(hex) ? decimal : decimal.slice(0, hex.startsWith(FACILITY_WIN32_DIGITS) ? WIN32_DECIMAL_PREFIX : DECIMAL_PREFIX))
  }
  if (matcher.messages !== null) for (const pair of messagePairs([...matcher.messages.byMessage.keys()])) out.add(pair)
  const literals = [...out].map((l) => asciiStart(l.toLowerCase()))
  if (literals.some((l) => l.length < 2)) return null
  return [...new Set(literals)].sort()
}

/**
 * Where a name's literal ends: after its first word, or after as many as
 * make MIN_NAME_LITERAL characters (NT_STATUS_, since nt_, folded, is in
 * every event_id and client_name).
 */
function wordsOfAtLeast (name: string, length: number): number {
  let cut = name.indexOf('_')
  while (cut !== -1 && cut + 1 < length) {
    const next = name.indexOf('_', cut + 1)
    if (next === -1) break
    cut = next
  }
  return cut
}
const MIN_NAME_LITERAL = 4

/** Every 0x8009xxxx value is matched, known or not (compile.ts). */
const FACILITY_9_DIGITS = '8009'

/** Long enough to pass over ordinary numbers, short enough that the table's values share a few dozen. */
const DECIMAL_PREFIX = 6
const HEX_PREFIX = 6

/**
 * Win32 errors as HRESULTs (facility 7) share their prefixes with the errors
 * every Windows log prints (0x80070002, file not found, beside 0x80070005):
 * 800700 was in 14,717 lines of the bench corpus. Codes under 0x100 take
 * their whole number, and Win32 decimals eight characters (-2147024 is in
 * 0x80070002's -2147024894 too). Only facility 7: doing the same for every
 * facility's codes under 0x100 (NTE_, SCARD_) took the prefilter from 260
 * to 654 literals, and its time on the shared corpus from ~200 to ~320 ms.
 */
const FACILITY_WIN32_DIGITS = '8007'
const WIN32_DECIMAL_PREFIX = 8
const win32Busiest = (hex: string): boolean => hex.length === 8 && hex.startsWith(FACILITY_WIN32_DIGITS) && hex.slice(4, 6) === '00'

/**
 * One word pair per message, shared where messages share one: the fewer
 * literals, the fewer false hits the prefilter's buckets give. Greedily, the
 * pair of long words (MIN_PAIR_WORD) that the most messages not yet covered
 * hold; a message with no such pair takes its rarePair. The 220 messages of
 * the built-in table took 177 pairs one by one and take ~150 this way; on the
 * shared corpus the prefilter went from 273 to 221 ms per million lines.
 */
function messagePairs (messages: readonly string[]): string[] {
  // Pairs by number, with the messages that hold each: arrays, not maps
  // iterated in the loop below, which runs once per pair chosen at
  // start-up, before the JIT has warmed to it (~8 ms of ~11 with a map).
  const index = new Map<string, number>()
  const pairs: string[] = []
  const holders: number[][] = []
  const pairsOf: number[][] = messages.map((message, i) => {
    const words = message.split(' ')
    const own: number[] = []
    for (let w = 0; w + 1 < words.length; w++) {
      if (Math.min(words[w]!.length, words[w + 1]!.length) < MIN_PAIR_WORD) continue
      const pair = `${words[w]!} ${words[w + 1]!}`
      let p = index.get(pair)
      if (p === undefined) {
        p = pairs.push(pair) - 1
        index.set(pair, p)
        holders.push([])
      }
      if (own.includes(p)) continue
      own.push(p)
      holders[p]!.push(i)
    }
    return own
  })
  const out = new Set<string>()
  const covered = new Uint8Array(messages.length)
  const left = Int32Array.from(holders, (list) => list.length)
  for (;;) {
    let best = -1
    for (let p = 0; p < pairs.length; p++) {
      if (left[p]! > 0 && (best === -1 || left[p]! > left[best]! || (left[p] === left[best] && pairs[p]! < pairs[best]!))) best = p
    }
    if (best === -1) break
    out.add(pairs[best]!)
    for (const i of holders[best]!) {
      if (covered[i] === 1) continue
      covered[i] = 1
      for (const p of pairsOf[i]!) left[p]!--
    }
  }
  messages.forEach((message, i) => { if (covered[i] === 0) out.add(rarePair(message)) })
  return [...out]
}
/** The shortest word a shared pair may hold: "smart card" and "the user" are in too many lines. */
const MIN_PAIR_WORD = 5

/**
 * The two adjacent words whose shorter one is longest (the whole message
 * when it is one word), a first word of at least 4 characters first: the
 * prefilter keys on a literal's first 4 bytes up to a space, and a shorter
 * start ("the", "for") lets through 16 times as many places.
 */
function rarePair (message: string): string {
  const words = message.split(' ')
  if (words.length < 2) return message
  let best = 0
  const score = (i: number): number => (words[i]!.length >= 4 ? 10_000 : 0) + Math.min(words[i]!.length, words[i + 1]!.length) * 100 + words[i]!.length + words[i + 1]!.length
  for (let i = 1; i + 1 < words.length; i++) if (score(i) > score(best)) best = i
  return `${words[best]!} ${words[best + 1]!}`
}

/**
 * The literal up to its first non-ASCII character: the prefilter folds ASCII
 * letters only, and the rest of the literal is still in the line.
 */
function asciiStart (literal: string): string {
  const i = literal.search(/[^\x00-\x7f]/)
  return i === -1 ? literal : literal.slice(0, i).trimEnd()
}
