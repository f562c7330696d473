import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { sourceStages, type AnnotatePlan } from '../../src/pipeline/plan.js'
import { countingSink } from '../../src/pipeline/sinks.js'
import { SourceScanner } from '../../src/scan/source-scanner.js'
import { SummaryCounter, type Summary } from '../../src/summary/summary.js'
import { compileMatcher } from '../../src/match/compile.js'
import { cutAt } from '../helpers/chunks.js'
import { ruleSet } from '../helpers/rules.js'

const matcher = compileMatcher(ruleSet, { messages: true })

/** The counts annotate's stages make of `chunks`, and what they write. */
async function annotate (chunks: Buffer[], plan: Partial<AnnotatePlan>): Promise<{ summary: Summary, out: string }> {
  const counter = new SummaryCounter()
  let out = ''
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [
    ...sourceStages({ matcher, year: 2025, ...plan }, 'app.log', counter, chunks),
    new Writable({ write (b: Buffer, _e, cb) { out += b.toString(); cb() } }),
  ]
  await pipeline(stages)
  return { summary: counter.summary, out }
}

/** The counts summarize's reader makes of `chunks`. */
function summarize (chunks: Buffer[], input: 'text' | 'ndjson', maxLineBytes: number): Summary {
  const counter = new SummaryCounter()
  const reader = new SourceScanner({
    matcher,
    input,
    maxLineBytes,
    onReplaced: (n) => { counter.countReplaced(n) },
    sinkFor: (kind) => countingSink(kind, { matcher, source: 'app.log', fields: null, hostField: 'host', year: 2025 }, counter),
  })
  for (const c of chunks) reader.write(c)
  reader.end()
  return counter.summary
}

const textPiece = fc.constantFrom(
  '\n', '\r\n', '\r', ' ', 'é', '日本', 'x'.repeat(30), '2025-03-11T08:14:02Z web-02 app[7]: ', 'Mar 11 09:01:00 dc-01 sshd[2]: ',
  'SEC_E_TIME_SKEW', '0x80090325', '-2146893019', '0x8009030D (SEC_E_INVALID_TOKEN)', 'The target principal name is incorrect.',
  '80090325-1f2e', Buffer.from([0xff]), Buffer.from([0xe2, 0x82]),
)

const record = fc.oneof(
  fc.record({ host: fc.constantFrom('a', 'b'), message: fc.constantFrom('ok', 'SEC_E_OK 0x80090325', 'The logon attempt failed', 'x'.repeat(50)) }).map((r) => JSON.stringify(r)),
  fc.constantFrom('not a record SEC_E_OK', '', '{"message":"broken 0x80090325",}', '[1]', '{"message":"SEC_E_TIME_SKEW","n":12345678901234567890}'),
)

const bytesOf = (parts: Array<string | Buffer>): Buffer => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))))

describe('annotate and summarize read any input alike', () => {
  it('text: annotate, annotate --all and summarize give the same counts, however the bytes are chunked and lines bounded', async () => {
    await fc.assert(fc.asyncProperty(fc.array(textPiece, { maxLength: 50 }), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(20, 64, 1 << 20), async (parts, cuts, max) => {
      const bytes = bytesOf(parts)
      const chunks = cutAt(bytes, cuts)
      const events = await annotate(chunks, { maxLineBytes: max })
      const all = await annotate(cutAt(bytes, cuts.map((c) => c * 7)), { maxLineBytes: max, all: true })
      expect(all.summary).toEqual(events.summary)
      expect(summarize(chunks, 'text', max)).toEqual(events.summary)
      expect(all.out.split('\n').length - 1).toBe(events.summary.lines)
    }), { numRuns: 200 })
  })

  it('records: annotate --input ndjson and summarize give the same counts, and annotate passes every line on', async () => {
    await fc.assert(fc.asyncProperty(fc.array(record, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(40, 1 << 20), async (lines, eol, cuts, max) => {
      const bytes = Buffer.from(lines.map((l) => l + eol).join(''))
      const chunks = cutAt(bytes, cuts)
      const got = await annotate(chunks, { input: 'ndjson', maxLineBytes: max, hostField: 'host' })
      expect(summarize(chunks, 'ndjson', max)).toEqual(got.summary)
      const outLines = got.out.split('\n').slice(0, -1)
      expect(outLines).toHaveLength(lines.length)
      outLines.forEach((l, i) => { if (!l.includes('"sspi":')) expect(l).toBe(lines[i]) })
    }), { numRuns: 150 })
  })
})
