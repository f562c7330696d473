import type { Rule, RuleSet } from '../rules/types.js'
import { FACILITY_SECURITY, signedDecimal, unsignedDecimal } from './hresult.js'
import { escapeChar, hexCaseless, trieSource } from './trie.js'

/**
 * The rules compiled once, at start-up, into one combined pattern and the
 * tables that turn a matched token back into its rule.
 */
export interface Matcher {
  readonly ruleSet: RuleSet
  /** Global, so the scanner can walk a line with lastIndex. Not shared across threads. */
  readonly pattern: RegExp
  /** Symbol as written (aliases too) → canonical rule. */
  readonly bySymbol: ReadonlyMap<string, Rule>
  /** Lower-case 8 hex digits → canonical rule. */
  readonly byHex: ReadonlyMap<string, Rule>
  /** Signed and unsigned decimal spellings of error codes → canonical rule. */
  readonly byDecimal: ReadonlyMap<string, Rule>
}

/** Capture groups of the combined pattern, in order. */
export const GROUP_SYMBOL = 1
export const GROUP_SIGN_EXTENSION = 2
export const GROUP_HEX = 3
export const GROUP_BARE_HEX = 4
export const GROUP_DECIMAL = 5

// Token edges. These are the corpus rules (shared/corpus/README.md, "What
// counts"): a hex token touching a letter, digit, '_' or '-' is part of a
// GUID, hash, offset or longer run; a decimal touching a digit, letter, '_',
// '.' (or '-' before it) is part of an id such as blk_-2146893033975299669.
const SYMBOL_BEFORE = '(?<![A-Za-z0-9_\\\\])'
const SYMBOL_AFTER = '(?![A-Za-z0-9_]|\\\\_)'
const HEX_BEFORE = '(?<![0-9A-Za-z_-])'
const HEX_AFTER = '(?![0-9A-Za-z_-])'
const DEC_BEFORE = '(?<![0-9A-Za-z_.-])'
const DEC_AFTER = '(?![0-9A-Za-z_.])'

// Every 0x8009xxxx value is matched, known or not, so that nothing in the
// security facility goes unreported; unknown ones come out with name null.
const FACILITY_9_ERRORS = `8009${'[0-9A-Fa-f]'.repeat(4)}`

/**
 * Which values are worth matching as numbers. 0 (SEC_E_OK) would match every
 * 0x00000000 in a log, and the decimal spellings of success codes are short
 * ordinary numbers (SEC_I_CONTINUE_NEEDED is 590610), so decimals are kept
 * for error codes only.
 */
const matchesAsHex = (r: Rule): boolean => r.value !== 0
const matchesAsDecimal = (r: Rule): boolean => r.severity === 'error'

export function compileMatcher (ruleSet: RuleSet): Matcher {
  const bySymbol = new Map<string, Rule>()
  for (const r of ruleSet.rules) bySymbol.set(r.name, canonical(ruleSet, r))

  const byHex = new Map<string, Rule>()
  const byDecimal = new Map<string, Rule>()
  for (const r of ruleSet.byValue.values()) {
    if (matchesAsHex(r)) byHex.set(r.hresult.slice(2).toLowerCase(), r)
    if (matchesAsDecimal(r)) {
      byDecimal.set(signedDecimal(r.value), r)
      byDecimal.set(unsignedDecimal(r.value), r)
    }
  }

  // In markdown, '_' is often escaped: SEC\_E\_UNTRUSTED\_ROOT; inside a JSON
  // string that backslash is doubled (SEC\\_E\\_…), and record mode scans raw
  // JSON lines before parsing them, so up to two backslashes are allowed.
  const symbols = trieSource(bySymbol.keys(), (c) => (c === '_' ? '\\\\{0,2}_' : escapeChar(c)))
  const otherHex = [...byHex.keys()].filter((h) => (Number.parseInt(h, 16) >>> 16) !== (0x8000 | FACILITY_SECURITY))
  const hexDigits = otherHex.length === 0 ? FACILITY_9_ERRORS : `(?:${FACILITY_9_ERRORS}|${trieSource(otherHex, hexCaseless)})`
  const knownHexDigits = trieSource(byHex.keys(), hexCaseless)
  const decimals = trieSource(byDecimal.keys())

  const source = [
    `${SYMBOL_BEFORE}(${symbols})${SYMBOL_AFTER}`,
    `${HEX_BEFORE}(?:0[xX]([fF]{8})?(${hexDigits})[lL]?|(${knownHexDigits}))${HEX_AFTER}`,
    `${DEC_BEFORE}(${decimals})${DEC_AFTER}`,
  ].join('|')
  return { ruleSet, pattern: new RegExp(source, 'g'), bySymbol, byHex, byDecimal }
}

function canonical (ruleSet: RuleSet, r: Rule): Rule {
  return r.aliasOf === null ? r : ruleSet.byName.get(r.aliasOf) ?? r
}
