import type { Rule, RuleSet } from '../rules/types.js'
import { escapeChar, trieSource } from './trie.js'

/**
 * Recognising a code from the English text Windows printed for it, when the
 * line carries no code at all ("Login failed. The target principal name is
 * incorrect."). It is a second, case-insensitive pattern, run only on lines
 * where the combined pattern found nothing, and only when asked for
 * (--messages): a separate pass over every such line measured +130 to +150 ms
 * per million lines of the bench corpus, and folding the messages, or rare
 * words of them, into the combined pattern cost +70 to +160 ms, against a
 * text mode of ~700 ms. See bench/RESULTS.md for the figure with the flag.
 */
export interface MessageMatcher {
  /** Global and case-insensitive; not shared across threads. */
  readonly pattern: RegExp
  /** Normalised message (lower case, single spaces, no final period) → rule. */
  readonly byMessage: ReadonlyMap<string, Rule>
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
 * Where codes share a message (the reference has three such pairs besides
 * aliases), the text names the one logs mean: the error rather than the
 * success code (SEC_E_CONTEXT_EXPIRED, not SEC_I_), else the older, lower
 * value (SEC_E_SECPKG_NOT_FOUND, not SEC_E_BAD_PKGID).
 */
function preferred (a: Rule, b: Rule): Rule {
  if (a.severity !== b.severity) return a.severity === 'error' ? a : b
  return a.value <= b.value ? a : b
}

export function compileMessages (ruleSet: RuleSet): MessageMatcher | null {
  const byMessage = new Map<string, Rule>()
  for (const r of ruleSet.rules) {
    if (r.message === null || NOT_AS_TEXT.has(r.name)) continue
    const rule = r.aliasOf === null ? r : ruleSet.byName.get(r.aliasOf) ?? r
    const key = normaliseMessage(r.message)
    const prior = byMessage.get(key)
    byMessage.set(key, prior === undefined ? rule : preferred(prior, rule))
  }
  if (byMessage.size === 0) return null
  // One trie of every message: a space stands for any run of whitespace but
  // a line feed (summarize scans many lines at once), and the final period
  // is optional. The trie tries longer continuations first, so where one
  // message starts another, the longer one is taken.
  const body = trieSource(byMessage.keys(), (c) => (c === ' ' ? '[^\\S\\n]+' : escapeChar(c)))
  const pattern = new RegExp(`(?<![A-Za-z0-9])(?:${body})(?:\\.|(?![A-Za-z0-9]))`, 'gi')
  return { pattern, byMessage }
}

/**
 * A number that names some other failure, written out: 0x and 8 hex digits
 * with the top bit set (sign-extended too), or a negative 10-digit decimal.
 * Beside such a number the message text is not taken: Win32's
 * ERROR_DOWNGRADE_DETECTED (0x800704F1) prints the very sentence of
 * SEC_E_DOWNGRADE_DETECTED, and the number is the better witness.
 */
const OTHER_CODE = /(?<![0-9A-Za-z_-])(?:0[xX](?:[fF]{8})?[89a-fA-F][0-9a-fA-F]{7}(?![0-9A-Za-z_-])|-[12][0-9]{9}(?![0-9]))/

export interface MessageHit {
  readonly rule: Rule
  readonly text: string
  readonly start: number
  readonly end: number
}

/** Every message in `text`, in order (one line, or many: none spans a line feed). */
export function findMessages (m: MessageMatcher, text: string): MessageHit[] | null {
  const re = m.pattern
  re.lastIndex = 0
  let hits: MessageHit[] | null = null
  for (let x = re.exec(text); x !== null; x = re.exec(text)) {
    const rule = m.byMessage.get(normaliseMessage(x[0]))
    if (rule !== undefined) (hits ??= []).push({ rule, text: x[0], start: x.index, end: x.index + x[0].length })
  }
  return hits
}

/** Whether text[from, to) writes a failure code of its own (see OTHER_CODE). */
export function writesOtherCode (text: string, from = 0, to = text.length): boolean {
  return OTHER_CODE.test(from === 0 && to === text.length ? text : text.slice(from, to))
}
