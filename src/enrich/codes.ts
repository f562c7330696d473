import type { Rule, Severity } from '../rules/types.js'
import { decodeHresult, hresultHex } from '../match/hresult.js'
import type { Hit, MatchForm } from '../match/scan.js'

/** One place a code was found, as it appears in output. */
export interface CodeMatch {
  /** In record mode, the field the offsets refer to. */
  readonly field?: string
  readonly form: MatchForm
  readonly text: string
  readonly start: number
  readonly end: number
}

/**
 * Each code entry keeps a link to the shared, per-rule part it was built
 * from, so formats can reuse work done once per rule. Symbol-keyed, so
 * JSON.stringify and object spreads for output never show it.
 */
export const FACTS: unique symbol = Symbol('sspi-annotate.facts')

/** One distinct code in a line, with everything known about it. */
export interface AnnotatedCode {
  readonly [FACTS]?: CodeFacts
  /** Canonical name; null for a facility-9 value the table does not know. */
  readonly name: string | null
  /** The table it is from: sspi, security, cert, smartcard, ntstatus, win32, kerberos (rules/*.json), or the name of a --rules file's family. */
  readonly family: string
  /**
   * The number in its family's own notation: the HRESULT (`"0x80090325"`),
   * the NTSTATUS (`"0xC000006D"`), the Win32 error (`"0x0000052E"`), or the
   * Kerberos error number as a number (24).
   */
  readonly value: string | number
  /** Where the code is an HRESULT (a Win32 error's HRESULT form too); absent otherwise. */
  readonly hresult?: string
  readonly known: boolean
  readonly severity: Severity
  /** The facility and code fields of an HRESULT or NTSTATUS; absent for a Kerberos number. */
  readonly facility?: number
  readonly code?: number
  readonly category: string | null
  readonly tags: readonly string[]
  readonly meaning: string
  readonly hint: string | null
  readonly matches: CodeMatch[]
}

/**
 * A code's number as people search for it: the value's text, and a Kerberos
 * number in hex as Windows events write it (`0x18`).
 */
export function shownValue (code: Pick<AnnotatedCode, 'value'>): string {
  return typeof code.value === 'number' ? '0x' + code.value.toString(16).toUpperCase() : code.value
}

/** The per-rule part of an annotation, built once per rule and shared. */
export type CodeFacts = Omit<AnnotatedCode, 'matches' | typeof FACTS>
const factsCache = new WeakMap<Rule, CodeFacts>()

export function factsOf (rule: Rule): CodeFacts {
  let facts = factsCache.get(rule)
  if (facts === undefined) {
    const parts = rule.status === null ? null : decodeHresult(rule.status)
    // Key order is output order (native.ts stringifies the facts once per rule).
    facts = Object.freeze({
      name: rule.name,
      family: rule.family,
      value: rule.kind === 'kerberos' ? rule.value : hresultHex(rule.value),
      ...(rule.hresult === null ? {} : { hresult: rule.hresult }),
      known: true,
      severity: rule.severity,
      ...(parts === null ? {} : { facility: parts.facility, code: parts.code }),
      category: rule.category,
      tags: rule.tags,
      meaning: rule.meaning,
      hint: rule.hint,
    })
    factsCache.set(rule, facts)
  }
  return facts
}

export function unknownFacts (value: number): CodeFacts {
  const { severity, facility, code } = decodeHresult(value)
  return {
    name: null,
    // Only facility-9 values the table does not know are reported: the security facility's.
    family: 'security',
    value: hresultHex(value),
    hresult: hresultHex(value),
    known: false,
    severity,
    facility,
    code,
    category: null,
    tags: [],
    meaning: `Not in the table: ${severity === 'error' ? 'a failure' : 'a status'} in Windows facility ${facility} (code 0x${code.toString(16).toUpperCase().padStart(4, '0')}).`,
    hint: null,
  }
}

/**
 * Group a line's hits into one entry per distinct code, in order of first
 * appearance; each entry lists every place its code was found. Aliases share
 * their canonical rule, so `SEC_E_NO_SPM (0x80090304)` is one code. In record
 * mode each scanned field adds its hits to the same list (`into`), and every
 * match says which field it is in.
 */
export function codesFromHits (hits: readonly Hit[], field?: string, into: AnnotatedCode[] = []): AnnotatedCode[] {
  const codes = into
  for (const hit of hits) {
    const match: CodeMatch = field === undefined
      ? { form: hit.form, text: hit.text, start: hit.start, end: hit.end }
      : { field, form: hit.form, text: hit.text, start: hit.start, end: hit.end }
    const facts = hit.rule === null ? null : factsOf(hit.rule)
    const i = facts === null ? indexOfUnknown(codes, hresultHex(hit.value)) : indexOfFacts(codes, facts)
    if (i >= 0) {
      codes[i]!.matches.push(match)
      continue
    }
    codes.push(entryOf(facts ?? unknownFacts(hit.value), match))
  }
  return codes
}

/**
 * A code entry: its facts, key for key, then its matches. Object literals,
 * one per shape the facts come in, rather than `{ ...facts }`: spreading the
 * frozen facts took V8's slow clone (CloneObjectIC_Slow), ~0.35 µs an entry
 * against ~0.1 for a literal (14k entries, optimized code), and the literals
 * give all entries of a shape one hidden class, which the formats then read
 * monomorphically.
 */
function entryOf (f: CodeFacts, match: CodeMatch): AnnotatedCode {
  const { name, family, value, hresult, known, severity, facility, code, category, tags, meaning, hint } = f
  const matches = [match]
  if (facility === undefined) {
    return hresult === undefined
      ? { name, family, value, known, severity, category, tags, meaning, hint, matches, [FACTS]: f }
      : { name, family, value, hresult, known, severity, category, tags, meaning, hint, matches, [FACTS]: f }
  }
  return hresult === undefined
    ? { name, family, value, known, severity, facility, code, category, tags, meaning, hint, matches, [FACTS]: f }
    : { name, family, value, hresult, known, severity, facility, code, category, tags, meaning, hint, matches, [FACTS]: f }
}

// Lines carry a handful of codes at most: a linear search beats a Map here.
// A known code is found by its shared facts (aliases share their canonical
// rule's), not by its number: a list of numbers mixed small integers (the
// SEC_I_ success codes) with doubles (every 0x8… value), and each switch
// between the two threw V8's optimized code away (--trace-deopt).

function indexOfFacts (codes: readonly AnnotatedCode[], facts: CodeFacts): number {
  for (let i = 0; i < codes.length; i++) if (codes[i]![FACTS] === facts) return i
  return -1
}

function indexOfUnknown (codes: readonly AnnotatedCode[], hresult: string): number {
  for (let i = 0; i < codes.length; i++) if (!codes[i]!.known && codes[i]!.value === hresult) return i
  return -1
}
