import type { RuleSet } from '../rules/types.js'
import { lookup } from '../lookup/lookup.js'
import { renderLookup } from '../lookup/render.js'
import { quietOnClosedStdout } from './report-output.js'

/** `lookup CODE…`: explain each code; status 1 when any is not in the table. */
export function runLookup (ruleSet: RuleSet, queries: readonly string[], json: boolean): number {
  quietOnClosedStdout()
  const results = queries.map((q) => lookup(ruleSet, q))
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n')
  } else {
    process.stdout.write(results.map((r) => renderLookup(r, ruleSet.categories)).join('\n'))
  }
  return results.every((r) => r.known) ? 0 : 1
}
