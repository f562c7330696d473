import { loadRules } from '../../src/rules/load.js'
import { compileMatcher } from '../../src/match/compile.js'

/** The built-in table and its matcher, built once per test file. */
export const ruleSet = loadRules()
export const matcher = compileMatcher(ruleSet)
/** The codes that have a value of their own (aliases left out). */
export const canonicalRules = ruleSet.rules.filter((r) => r.aliasOf === null)
/** The canonical codes of the HRESULT families (sspi, security, cert, smartcard): every spelling of a 32-bit HRESULT applies to them. */
export const hresultRules = canonicalRules.filter((r): r is typeof r & { hresult: string } => r.kind === 'hresult')

/**
 * Whether the matcher takes a code's bare hex and unsigned decimal spellings:
 * for every code but the three 0xC009000x ones, whose spellings start with a
 * letter or '3' (left out for speed: see compile.ts, specified in matcher.test.ts).
 */
export const hasCheapSpellings = (r: { value: number }): boolean => r.value < 0xb2d05e00
