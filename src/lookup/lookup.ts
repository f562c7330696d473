import type { Rule, RuleSet, Severity } from '../rules/types.js'
import { decodeHresult, hresultHex, parseHresult, signedDecimal, unsignedDecimal } from '../match/hresult.js'
import { factsOf } from '../enrich/codes.js'
import { otherSpellings } from '../match/spellings.js'
import { compileMessages, findMessages, type MessageMatcher } from '../match/messages.js'
import { suggestNames } from './suggest.js'
import { compileMatcher, type Matcher } from '../match/compile.js'
import { scanLine } from '../match/scan.js'
import { codesFromHits } from '../enrich/codes.js'

const messageMatchers = new WeakMap<RuleSet, MessageMatcher | null>()
const lineMatchers = new WeakMap<RuleSet, Matcher>()

/** What lookup says about one query. */
export interface LookupResult {
  /** The argument as given. */
  readonly query: string
  /** True when the query names a code in the table. */
  readonly known: boolean
  readonly name: string | null
  /** sspi, security, cert, smartcard, ntstatus, win32, kerberos; null when no code was found. */
  readonly family: string | null
  /** The number in its family's notation (as in output: `"0xC000006D"`, 24); null only when the query is neither a name nor a number. */
  readonly value: string | number | null
  /** Where the code is an HRESULT (a Win32 error's HRESULT form too). */
  readonly hresult: string | null
  /** The 32-bit status as int32 and uint32; null for a Kerberos number. */
  readonly signed: number | null
  readonly unsigned: number | null
  readonly severity: Severity | null
  readonly facility: number | null
  readonly code: number | null
  readonly category: string | null
  readonly tags: readonly string[]
  readonly meaning: string | null
  readonly hint: string | null
  /** The text Windows prints for it. */
  readonly message: string | null
  /** Other names of the same value. */
  readonly aliases: readonly string[]
  readonly aliasOf: string | null
  /** Why nothing was found, when known is false. */
  readonly problem: string | null
  /** For a query that is no code at all: names it may have meant, best first (suggest.ts). */
  readonly suggestions: readonly string[]
}

/**
 * Explain a code given as a name in any case (markdown-escaped underscores
 * too), as a number in any notation parseHresult accepts, or as text that
 * holds the English message Windows prints for it. A number the table does
 * not know still gets its structural decode.
 */
export function lookup (ruleSet: RuleSet, query: string): LookupResult {
  return lookupExact(ruleSet, query)[0]!
}

/**
 * Every code a query names exactly. More than one only for a small number
 * that is both a Win32 error and a Kerberos error number (5 is
 * ERROR_ACCESS_DENIED and KDC_ERR_S_OLD_MAST_KVNO): lookup has no field to
 * tell them apart, so it gives both, the Win32 error first.
 */
export function lookupExact (ruleSet: RuleSet, query: string): LookupResult[] {
  const name = query.trim().replaceAll('\\_', '_').toUpperCase()
  const byName = ruleSet.byName.get(name) ?? samba(ruleSet, name)
  if (byName !== undefined) return [fromRule(ruleSet, query, byName)]
  const value = parseHresult(query)
  if (value === null) {
    if (!messageMatchers.has(ruleSet)) messageMatchers.set(ruleSet, compileMessages(ruleSet))
    const messages = messageMatchers.get(ruleSet)!
    const hit = messages === null ? null : findMessages(messages, query)?.[0]
    if (hit != null) return [fromRule(ruleSet, query, hit.rule)]
    return [{ ...unknown(query, null, `not a code name, a number in a known notation or a Windows message`), suggestions: suggestNames(ruleSet, query) }]
  }
  const status = ruleSet.byValue.get(value)
  if (status !== undefined) return [fromRule(ruleSet, query, status)]
  const small = [ruleSet.byNumber.get('win32')?.get(value), ruleSet.byNumber.get('kerberos')?.get(value)].filter((r): r is Rule => r !== undefined)
  if (small.length > 0) return small.map((r) => fromRule(ruleSet, query, r))
  return [unknown(query, value, `${hresultHex(value)} is not in the table`)]
}

/** Samba's NT_STATUS_ spelling of an NTSTATUS name (spellings.ts). */
function samba (ruleSet: RuleSet, name: string): Rule | undefined {
  if (!name.startsWith('NT_')) return undefined
  const rule = ruleSet.byName.get(name.slice(3))
  return rule !== undefined && otherSpellings(rule).includes(name) ? rule : undefined
}

function fromRule (ruleSet: RuleSet, query: string, rule: Rule): LookupResult {
  const canonical = rule.aliasOf ?? rule.name
  const aliases = [canonical, ...(ruleSet.aliases.get(canonical) ?? [])].filter((n) => n !== rule.name)
  const { name, family, value, hresult, known, severity, facility, code, category, tags, meaning, hint } = factsOf(rule)
  return {
    query,
    known,
    name,
    family,
    value,
    hresult: hresult ?? null,
    signed: rule.status === null ? null : Number(signedDecimal(rule.status)),
    unsigned: rule.status,
    severity,
    facility: facility ?? null,
    code: code ?? null,
    category,
    tags,
    meaning,
    hint,
    message: rule.message,
    aliases,
    aliasOf: rule.aliasOf,
    problem: null,
    suggestions: [],
  }
}

function unknown (query: string, value: number | null, problem: string): LookupResult {
  const parts = value === null ? null : decodeHresult(value)
  return {
    query,
    known: false,
    name: null,
    family: null,
    value: value === null ? null : hresultHex(value),
    hresult: value === null ? null : hresultHex(value),
    signed: value === null ? null : Number(signedDecimal(value)),
    unsigned: value === null ? null : Number(unsignedDecimal(value)),
    severity: parts?.severity ?? null,
    facility: parts?.facility ?? null,
    code: parts?.code ?? null,
    category: null,
    tags: [],
    meaning: null,
    hint: null,
    message: null,
    aliases: [],
    aliasOf: null,
    problem,
    suggestions: [],
  }
}

/**
 * What people paste: a code given exactly (as `lookup` takes it), or else
 * text scanned like a log line, with message text, and one result for each
 * distinct code found in it, in order: `(0x80090325)`, `hr=0x80090325.`,
 * `SEC_E_UNTRUSTED_ROOT (0x80090325)`, a whole line. When the text holds no
 * code, the one result says so, with the names it may have meant.
 */
export function lookupPasted (ruleSet: RuleSet, query: string): LookupResult[] {
  const exact = lookupExact(ruleSet, query)
  if (exact[0]!.value !== null) return exact
  let matcher = lineMatchers.get(ruleSet)
  if (matcher === undefined) lineMatchers.set(ruleSet, matcher = compileMatcher(ruleSet, { messages: true }))
  const hits = scanLine(matcher, query)
  if (hits === null) return exact
  return codesFromHits(hits).map((c) => {
    const rule = c.name === null ? undefined : ruleSet.byName.get(c.name)
    // Unknown codes are facility-9 HRESULTs (codes.ts): their value is the HRESULT.
    return rule === undefined ? unknown(query, parseHresult(c.value as string), `${c.value} is not in the table`) : fromRule(ruleSet, query, rule)
  })
}
