import { pipeline } from 'node:stream/promises'
import split2 from 'split2'
import type { RuleSet } from '../rules/types.js'
import type { Lang } from '../rules/lang.js'
import { lookupPasted } from '../lookup/lookup.js'
import { renderLookup } from '../lookup/render.js'
import { quietOnClosedStdout } from './report-output.js'

/**
 * `lookup QUERY…`: explain every code each query names or holds; `-` reads
 * queries from standard input, one per line. Status 0 when every query
 * gave at least one code of the table, else 1.
 */
export async function runLookup (ruleSet: RuleSet, queries: readonly string[], json: boolean, lang: Lang = 'en'): Promise<number> {
  quietOnClosedStdout()
  const all: string[] = []
  for (const q of queries) {
    if (q === '-') all.push(...await stdinQueries())
    else all.push(q)
  }
  const answers = all.map((q) => lookupPasted(ruleSet, q))
  const results = answers.flat()
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n')
  } else {
    process.stdout.write(results.map((r) => renderLookup(r, ruleSet.categories, lang)).join('\n'))
  }
  return answers.every((found) => found.some((r) => r.known)) ? 0 : 1
}

/**
 * The non-blank lines of standard input: a list of codes, or log lines
 * pasted in bulk. Queries, not log lines: split2 cuts them, each line one
 * query, with nothing of the log reader's bookkeeping (counts, cut lines).
 */
async function stdinQueries (): Promise<string[]> {
  const lines: string[] = []
  await pipeline(process.stdin, split2(/\r?\n/), async (queries: AsyncIterable<string>) => {
    for await (const line of queries) if (line.trim() !== '') lines.push(line)
  })
  return lines
}
