import type { Rule, RuleSet } from '../rules/types.js'
import { signedDecimal, unsignedDecimal } from './hresult.js'
import { escapeChar, trieSource } from './trie.js'

/**
 * Numbers that name a code only where their context says so. On their own
 * they are ordinary numbers: 1326 is a port or a count, 0x18 a flag,
 * 3221225581 an id. Each is one more alternative of the combined pattern,
 * whose match holds the context and ends with the number (its group); the
 * scanner keeps the hit only where the rule of its group holds (scan.ts).
 *
 * - an NTSTATUS decimal (`-1073741715`, `3221225581`): beside the code's
 *   name or in parentheses;
 * - a Win32 error number: after `System error ` (net.exe's "System error
 *   1326 has occurred."), or after `error ` and before `:` when it has at
 *   least three digits (`error 5:` is too common a shape for anything);
 * - an AD LDAP bind error's `data 52e`: the Win32 error in hex, after
 *   `AcceptSecurityContext error, ` (`80090308: LdapErr: DSID-0C09042A,
 *   comment: AcceptSecurityContext error, data 52e, v3839`);
 * - a Kerberos error number after `Failure Code:`, `Result Code:` or `Error
 *   Code:` (events 4768, 4769, 4771 and the Kerberos client's event 3), as
 *   `0x18` or zero-padded; and as the `Status` of those events written as
 *   XML (`<Data Name="Status">0x18</Data>`) or JSON (`"Status":"0x18"`), on
 *   a line that names event 4768, 4769 or 4771.
 *
 * 0 is success in every one of these fields (`Failure Code: 0x0`), never a
 * failure, and is not taken. The same events carry ticket options, encryption
 * and pre-authentication types with the same small numbers, under other labels.
 */
export interface ContextTables {
  /** NTSTATUS signed and unsigned decimals → rule. */
  readonly nearDecimal: ReadonlyMap<string, Rule>
  /** Win32 error numbers → rule. */
  readonly win32: ReadonlyMap<number, Rule>
  /** Kerberos error numbers → rule (0 left out). */
  readonly kerberos: ReadonlyMap<number, Rule>
  /** Literals one of which every context match holds, lower case, for the prefilter (literals.ts). */
  readonly literals: readonly string[]
}

/** Capture groups of the context alternatives, after compile.ts's five. */
export const GROUP_NEAR_DECIMAL = 6
export const GROUP_WIN32_DECIMAL = 7
export const GROUP_LDAP_DATA = 8
export const GROUP_KERBEROS_FIELD = 9
export const GROUP_EVENT_STATUS = 10

/** Events 4768 (TGT), 4769 (service ticket) and 4771 (pre-authentication), whose `Status` is a Kerberos error number. */
const KERBEROS_EVENT = /(?<![0-9])47(?:68|69|71)(?![0-9])/
const KERBEROS_LABELS = ['Failure Code:', 'Result Code:', 'Error Code:']
const STATUS_LABELS = ['Status">', 'Status":"', 'Status": "']
const LDAP_LABEL = 'AcceptSecurityContext error, data '
/** The shortest Win32 number taken after a bare `error `. */
const ERROR_COLON_DIGITS = 3

export function contextTables (ruleSet: RuleSet): ContextTables {
  const nearDecimal = new Map<string, Rule>()
  const win32 = new Map<number, Rule>()
  const kerberos = new Map<number, Rule>()
  for (const r of ruleSet.rules) {
    if (r.aliasOf !== null) continue
    if (r.kind === 'ntstatus' && r.severity === 'error') for (const d of [signedDecimal(r.value), unsignedDecimal(r.value)]) nearDecimal.set(d, r)
    if (r.kind === 'win32' && r.value !== 0) win32.set(r.value, r)
    if (r.kind === 'kerberos' && r.value !== 0) kerberos.set(r.value, r)
  }
  const literals = [
    ...[...nearDecimal.keys()].map((d) => d.slice(0, 6)),
    // The whole number: `error 1` is in every `error 10061` of a socket log.
    ...(win32.size === 0 ? [] : [...[...win32.keys()].map((n) => `error ${n}`), LDAP_LABEL.slice(-'error, data '.length)]),
    ...(kerberos.size === 0 ? [] : [...KERBEROS_LABELS, ...STATUS_LABELS.map((l) => `${l}0x`)]),
  ]
  return { nearDecimal, win32, kerberos, literals: [...new Set(literals.map((l) => l.toLowerCase()))] }
}

/**
 * The alternatives, one group each, in group order. An empty table leaves
 * its alternative in place as a never-match, so group numbers stay fixed.
 */
export function contextSource (t: ContextTables, afterFirstDecimal: (c: string) => string): string {
  const never = '(?!)'
  const near = t.nearDecimal.size === 0 ? never : `(${trieSource(t.nearDecimal.keys(), escapeChar, afterFirstDecimal)})(?![0-9A-Za-z_]|\\.[0-9A-Za-z_])`
  const win32Numbers = trieSource([...t.win32.keys()].map(String))
  const win32 = t.win32.size === 0 ? never : `(?<![A-Za-z])(?:[Ss]ystem )?[Ee]rror (${win32Numbers})(?![0-9])`
  const ldap = t.win32.size === 0 ? never : `${escapeWords(LDAP_LABEL)}([0-9A-Fa-f]{1,8})(?![0-9A-Za-z_])`
  const small = '(0x0*[0-9A-Fa-f]{1,2})(?![0-9A-Za-z_-])'
  const field = t.kerberos.size === 0 ? never : `(?:${KERBEROS_LABELS.map(escapeWords).join('|')})[ \\t]*${small}`
  const status = t.kerberos.size === 0 ? never : `(?:${STATUS_LABELS.map(escapeWords).join('|')})(0x0*[0-9A-Fa-f]{1,2})(?=["<])`
  return [near, win32, ldap, field, status].join('|')
}

const escapeWords = (s: string): string => [...s].map(escapeChar).join('')

/**
 * The rule a context group names, or null where its context does not hold.
 * `line` is the whole text the match is in, `start`/`end` the number's place.
 */
export function ruleInContext (t: ContextTables, group: number, token: string, match: string, line: string, start: number, end: number, nameAt: (name: string) => Rule | undefined): Rule | null {
  switch (group) {
    case GROUP_NEAR_DECIMAL: {
      const rule = t.nearDecimal.get(token)
      if (rule === undefined) return null
      if (line.charCodeAt(start - 1) === 40 /* ( */ && line.charCodeAt(end) === 41 /* ) */) return rule
      return nameBeside(line, start, end, nameAt) === rule ? rule : null
    }
    case GROUP_WIN32_DECIMAL: {
      const rule = t.win32.get(Number(token))
      if (rule === undefined) return null
      if (match.charCodeAt(0) === 83 /* S */ || match.charCodeAt(0) === 115 /* s */) return rule
      return token.length >= ERROR_COLON_DIGITS && line.charCodeAt(end) === 58 /* : */ ? rule : null
    }
    case GROUP_LDAP_DATA:
      return t.win32.get(Number.parseInt(token, 16)) ?? null
    case GROUP_KERBEROS_FIELD:
      return t.kerberos.get(Number.parseInt(token.slice(2), 16)) ?? null
    case GROUP_EVENT_STATUS: {
      // Summarize scans many lines at once: the event's number must be on this one.
      const from = line.lastIndexOf('\n', start) + 1
      const to = line.indexOf('\n', end)
      return KERBEROS_EVENT.test(line.slice(from, to === -1 ? line.length : to)) ? t.kerberos.get(Number.parseInt(token.slice(2), 16)) ?? null : null
    }
    default:
      return null
  }
}

/** Blanks and the punctuation a name and its number are written with: `STATUS_LOGON_FAILURE (-1073741715)`, `STATUS_X=3221225581`. */
const isJoiner = (c: number): boolean => c === 32 || c === 9 || c === 58 || c === 61 || c === 40 || c === 41 || c === 44
const isNameChar = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
const MAX_JOIN = 3

/** The code named right before or right after text[start, end), joined by at most three blanks or `:=(),`. */
function nameBeside (text: string, start: number, end: number, nameAt: (name: string) => Rule | undefined): Rule | undefined {
  let i = start
  while (i > 0 && start - i < MAX_JOIN && isJoiner(text.charCodeAt(i - 1))) i--
  let j = i
  while (j > 0 && isNameChar(text.charCodeAt(j - 1))) j--
  const before = j < i ? nameAt(text.slice(j, i)) : undefined
  if (before !== undefined) return before
  let k = end
  while (k < text.length && k - end < MAX_JOIN && isJoiner(text.charCodeAt(k))) k++
  let l = k
  while (l < text.length && isNameChar(text.charCodeAt(l))) l++
  return l > k ? nameAt(text.slice(k, l)) : undefined
}
