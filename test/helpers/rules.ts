import { loadRules } from '../../src/rules/load.js'
import { compileMatcher } from '../../src/match/compile.js'

/** The built-in table and its matcher, built once per test file. */
export const ruleSet = loadRules()
export const matcher = compileMatcher(ruleSet)
/** The SSPI codes that have a value of their own (aliases left out). */
export const canonicalRules = ruleSet.rules.filter((r) => r.aliasOf === null)
