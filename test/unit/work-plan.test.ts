import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planWork } from '../../src/summarize/pool.js'
import type { InputFile } from '../../src/source/inputs.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-plan-'))
// planWork looks at a file's first bytes only when it would cut it, so a
// small file stands for a big one: its size is what the plan is told.
const sample = join(dir, 'app.log')
writeFileSync(sample, '2025-03-11T08:00:01Z web-01 app[7]: call failed: 0x80090325\n'.repeat(20))
const MB = 1024 * 1024
const options = { input: 'text' as const, fields: null, hostField: null }
const files = (...sizes: number[]): InputFile[] => sizes.map((bytes) => ({ path: sample, bytes }))
/** Each piece's length in MiB, `w` for a file read whole. */
const shape = (sizes: number[], workers: number, sliceBytes = 16 * MB): Array<number | 'w'> =>
  planWork(files(...sizes), { workers, options, sliceBytes }).queue.map((t) => (t.slice === undefined ? 'w' : (t.slice.range.end - t.slice.range.start) / MB))

describe('the work plan of summarize', () => {
  it('reads every file whole on one thread', () => {
    expect(shape([400 * MB, 200 * MB], 1)).toEqual(['w', 'w'])
  })

  it('cuts one big file into slices, so that a second thread has work', () => {
    expect(shape([64 * MB], 2)).toEqual([16, 16, 16, 16])
  })

  it('reads a file whole while the files after it keep the other threads busy', () => {
    expect(shape([64 * MB, 64 * MB, 64 * MB, 64 * MB], 2)).toEqual(['w', 'w', 'w', 16, 16, 16, 16])
    expect(shape([64 * MB, 64 * MB, 64 * MB, 64 * MB], 3)).toEqual(['w', 'w', 16, 16, 16, 16, 16, 16, 16, 16])
  })

  it('reads a file smaller than two slices whole', () => {
    expect(shape([31 * MB], 2)).toEqual(['w'])
  })

  it('covers each file with its pieces, in order, with no gap and no overlap', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 6 }), (sizes, workers) => {
      const plan = planWork(files(...sizes.map((n) => n * MB)), { workers, options, sliceBytes: 16 * MB })
      sizes.forEach((n, file) => {
        const own = plan.queue.filter((t) => t.file === file)
        if (own.length === 1 && own[0]!.slice === undefined) return
        expect(own.map((t) => t.part)).toEqual(own.map((_, i) => i))
        let at = 0
        for (const t of own) {
          expect(t.slice!.range.start).toBe(at)
          at = t.slice!.range.end
        }
        expect(at).toBe(n * MB)
      })
      expect(plan.helpers).toBe(Math.max(0, Math.min(workers - 1, plan.queue.length - 1)))
    }), { numRuns: 300 })
  })
})
