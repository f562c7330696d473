import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { sourceStages, type AnnotatePlan } from '../../src/pipeline/plan.js'
import { ScanSource } from '../../src/pipeline/scan-source.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { matcher } from '../helpers/rules.js'

/** What one source's stages write for `input`. */
async function run (input: string, plan: Partial<AnnotatePlan>): Promise<string> {
  let out = ''
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [
    ...sourceStages({ matcher, ...plan }, 'app.log', new SummaryCounter(), [Buffer.from(input)]),
    new Writable({ write (b: Buffer, _e, cb) { out += b.toString(); cb() } }),
  ]
  await pipeline(stages)
  return out
}

describe('the stages for a set of options', () => {
  it('text: the scan source, then the writer', () => {
    const stages = sourceStages({ matcher }, 'app.log', new SummaryCounter(), [])
    expect(stages).toHaveLength(2)
    expect(stages[0]).toBeInstanceOf(ScanSource)
  })

  it('--dedupe puts the repeat folder between them', () => {
    expect(sourceStages({ matcher, dedupeWindowMs: 1000 }, 'app.log', new SummaryCounter(), [])).toHaveLength(3)
  })

  it('text writes events only for lines with codes; --all for every line', async () => {
    expect((await run('a\nSEC_E_OK\n', {})).split('\n').filter(Boolean).map((l) => JSON.parse(l).lineNumber)).toEqual([2])
    expect((await run('a\nSEC_E_OK\n', { all: true })).split('\n').filter(Boolean).map((l) => JSON.parse(l).lineNumber)).toEqual([1, 2])
  })

  it('records: every line out, in order, annotated when it has codes', async () => {
    expect(await run('{"message":"ok"}\nnot json\n{"message":"SEC_E_OK"}\n', { input: 'ndjson' })).toMatch(/^\{"message":"ok"\}\nnot json\n\{"message":"SEC_E_OK","sspi":\{"codes":\[/)
  })

  it('--input auto decides per source from its first line', async () => {
    expect(await run('{"message":"ok"}\n', { input: 'auto' })).toBe('{"message":"ok"}\n')
    expect(await run('plain SEC_E_OK\n', { input: 'auto' })).toMatch(/^\{"line":"plain SEC_E_OK"/)
  })

  it('rsyslog: exactly one reply line per message line, whatever it holds', async () => {
    expect((await run('{"msg":"ok"}\nbroken\n{"msg":"SEC_E_OK"}\n', { rsyslog: true })).split('\n')).toEqual(['{}', '{}', expect.stringMatching(/^\{"\$!":\{"sspi":\{"codes":/), ''])
  })

  it('every mode may read into one reused buffer: nothing a stage holds on to points into a chunk', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 37 === 0 ? `{"message":"bind failed SEC_E_LOGON_DENIED ${i}"}` : `{"message":"request ${i} ok"}`))
    const input = Buffer.from(lines.join('\n') + '\n')
    // One buffer, overwritten as each chunk is read, as FileRangeReader does.
    function * intoOneBuffer (): Generator<Buffer> {
      const buf = Buffer.alloc(100)
      for (let at = 0; at < input.length; at += buf.length) yield buf.subarray(0, input.copy(buf, 0, at, at + buf.length))
    }
    for (const plan of [{ input: 'ndjson' }, { input: 'auto' }, { rsyslog: true }, { all: true }, {}] satisfies Array<Partial<AnnotatePlan>>) {
      const expected = await run(input.toString(), plan)
      let out = ''
      // A writer slower than the reader: stages queue what they are handed.
      const slow = new Writable({ highWaterMark: 1, write (b: Buffer, _e, cb) { out += b.toString(); setTimeout(cb, 1) } })
      await pipeline([...sourceStages({ matcher, ...plan }, 'app.log', new SummaryCounter(), intoOneBuffer()), slow])
      expect(out, JSON.stringify(plan)).toBe(expected)
    }
  })
})
