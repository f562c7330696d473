import type { Rule, RuleSet, Severity } from '../rules/types.js'
import { decodeHresult, hresultHex, parseHresult, signedDecimal, unsignedDecimal } from '../match/hresult.js'
import { factsOf } from '../enrich/codes.js'
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
  /** Null only when the query is neither a name nor a number. */
  readonly hresult: string | null
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
  const name = query.trim().replaceAll('\\_', '_').toUpperCase()
  const byName = ruleSet.byName.get(name)
  if (byName !== undefined) return fromRule(ruleSet, query, byName)
  const value = parseHresult(query)
  if (value === null) {
    if (!messageMatchers.has(ruleSet)) messageMatchers.set(ruleSet, compileMessages(ruleSet))
    const messages = messageMatchers.get(ruleSet)!
    const hit = messages === null ? null : findMessages(messages, query)?.[0]
    if (hit != null) return fromRule(ruleSet, query, hit.rule)
    return { ...unknown(query, null, `not a code name, an HRESULT in a known notation or a Windows message`), suggestions: suggestNames(ruleSet, query) }
  }
  const rule = ruleSet.byValue.get(value)
  if (rule !== undefined) return fromRule(ruleSet, query, rule)
  return unknown(query, value, `${hresultHex(value)} is not in the table`)
}

function fromRule (ruleSet: RuleSet, query: string, rule: Rule): LookupResult {
  const canonical = rule.aliasOf ?? rule.name
  const aliases = [canonical, ...(ruleSet.aliases.get(canonical) ?? [])].filter((n) => n !== rule.name)
  const { name, hresult, known, severity, facility, code, category, tags, meaning, hint } = factsOf(rule)
  return {
    query,
    known,
    name,
    hresult,
    signed: Number(signedDecimal(rule.value)),
    unsigned: rule.value,
    severity,
    facility,
    code,
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
  const exact = lookup(ruleSet, query)
  if (exact.hresult !== null) return [exact]
  let matcher = lineMatchers.get(ruleSet)
  if (matcher === undefined) lineMatchers.set(ruleSet, matcher = compileMatcher(ruleSet, { messages: true }))
  const hits = scanLine(matcher, query)
  if (hits === null) return [exact]
  return codesFromHits(hits).map((c) => {
    const rule = c.name === null ? undefined : ruleSet.byName.get(c.name)
    return rule === undefined ? unknown(query, parseHresult(c.hresult), `${c.hresult} is not in the table`) : fromRule(ruleSet, query, rule)
  })
}
