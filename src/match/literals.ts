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
 * - A message: the whole of it (its longest stretch of ASCII), a space
 *   standing for any run of whitespace as in the message pattern,
 *   which matches a message only whole. A pair of its words was enough,
 *   but both words of a pair can be ones a log is full of ("service key",
 *   "clock skew"): the prefilter then compares at every "service". The
 *   whole message gives it words to key on that the input is not full of
 *   (prefilter-wasm.ts), and names only the lines that hold it. Measured
 *   in-process against the pairs: the shared corpus's prefilter 108 -> 90
 *   ms per million lines; messages cut at 64 characters took 104.
 *
 * null when some token has no ASCII literal of at least two characters to
 * go by (a user rule's message in another script): every line is then a candidate.
 * `messageChars`: each message's literal is cut to its words within this
 * many characters (its first word at least), for tables that the whole
 * messages of a large rules file do not fit (prefilter.ts).
 */
export function requiredLiterals (matcher: Matcher, messageChars = Infinity): string[] | null {
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
  const literals = [...new Set([...[...out].map((l) => asciiStart(l.toLowerCase())), ...messageTexts(matcher, messageChars)])]
  if (literals.some((l) => l.length < 2)) return null
  return literals.sort()
}

/**
 * The messages' literals alone, as requiredLiterals gives them: at least
 * one is in every line that holds message text. null when there is no
 * message text, or a message has no ASCII literal to go by.
 */
export function messageLiterals (matcher: Matcher, messageChars = Infinity): string[] | null {
  const literals = [...new Set(messageTexts(matcher, messageChars))]
  if (literals.length === 0 || literals.some((l) => l.length < 2)) return null
  return literals.sort()
}

function messageTexts (matcher: Matcher, messageChars: number): string[] {
  return matcher.messages === null ? [] : [...matcher.messages.byMessage.keys()].map((m) => wordsUpTo(longestAsciiRun(m), messageChars))
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

/** `text`'s words within `chars` characters; its first word whatever its length. */
function wordsUpTo (text: string, chars: number): string {
  if (text.length <= chars) return text
  const space = text.lastIndexOf(' ', chars)
  if (space > 0) return text.slice(0, space)
  const first = text.indexOf(' ')
  return first === -1 ? text : text.slice(0, first)
}

/**
 * A message's longest stretch of ASCII (spaces at its ends left out): the
 * prefilter folds ASCII letters only, and any stretch of a message is in
 * every line that holds it. Its start alone was nothing for a message that
 * begins with a letter beyond ASCII ("Échec de l'authentification"), and
 * one such message in a rules file sent every line to the pattern.
 */
function longestAsciiRun (message: string): string {
  let longest = ''
  for (const run of message.split(/[^\x00-\x7f]+/)) {
    const trimmed = run.trim()
    if (trimmed.length > longest.length) longest = trimmed
  }
  return longest
}

/**
 * The literal up to its first non-ASCII character: the prefilter folds ASCII
 * letters only, and the rest of the literal is still in the line.
 */
function asciiStart (literal: string): string {
  const i = literal.search(/[^\x00-\x7f]/)
  return i === -1 ? literal : literal.slice(0, i).trimEnd()
}
