import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/cli.js'

// The docs quote speed and memory figures from bench/RESULTS.md only, the
// file `npm run bench` regenerates: a figure typed by hand goes stale.
const results = readFileSync(join(ROOT, 'bench', 'RESULTS.md'), 'utf8')

describe('docs/performance.md', () => {
  const page = readFileSync(join(ROOT, 'docs', 'performance.md'), 'utf8')
  const table = page.slice(page.indexOf('## The last run'), page.indexOf('## Why it is fast'))

  it('quotes in its table of the last run only figures bench/RESULTS.md holds', () => {
    const figures = [...table.matchAll(/\d[\d,]*(?:\.\d+)?(?:×| MB| ms)/g)].map((m) => m[0])
    expect(figures.length).toBeGreaterThan(8)
    expect(figures.filter((f) => !results.includes(f))).toEqual([])
  })

  it('quotes the same run: RESULTS.md is dated and the page keeps no history of runs', () => {
    expect(results).toMatch(/Produced by `npm run bench` on \d{4}-\d{2}-\d{2}/)
    expect(page).not.toMatch(/runs? before|earlier runs|last (two|three|four|five) runs/)
  })
})
