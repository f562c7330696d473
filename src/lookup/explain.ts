import { loadRules } from '../rules/load.js'
import type { RuleSet } from '../rules/types.js'
import { lookup, type LookupResult } from './lookup.js'

let builtin: RuleSet | null = null

/** lookup against the built-in table, loaded once: `explain('0x80090325')`. */
export function explain (query: string, ruleSet?: RuleSet): LookupResult {
  return lookup(ruleSet ?? (builtin ??= loadRules()), query)
}
