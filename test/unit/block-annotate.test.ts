import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createAnnotateStage, type LineEvent } from '../../src/stream/annotate.js'
import { BlockAnnotateStage } from '../../src/stream/block-annotate.js'
import { InputStage } from '../../src/stream/input-stage.js'
import { splitLines } from '../../src/stream/lines.js'
import { compileMatcher } from '../../src/match/compile.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { cutAt } from '../helpers/chunks.js'
import { matcher, ruleSet } from '../helpers/rules.js'

type Run = { events: LineEvent[], summary: object }

/** bytes → InputStage → (blocks | lines + per-line stage) → events, as annotate without --all runs them. */
async function run (chunks: Buffer[], blocks: boolean, maxLineBytes = 1024 * 1024, m = matcher): Promise<Run> {
  const counter = new SummaryCounter()
  const input = new InputStage({ maxLineBytes, onReplaced: (n) => counter.countReplaced(n) })
  const truncations = input.guard.truncations
  const events: LineEvent[] = []
  await pipeline(
    Readable.from(chunks),
    input,
    ...(blocks
      ? [new BlockAnnotateStage({ matcher: m, source: 't', counter, truncations })]
      : [splitLines(), createAnnotateStage({ matcher: m, source: 't', counter, truncations })]),
    new Writable({ objectMode: true, write (e: LineEvent, _enc, cb) { events.push(e); cb() } }),
  )
  return { events, summary: counter.summary }
}

const piece = fc.constantFrom(
  '\n', '\r\n', '\r', '', ' ', 'é', '日本', 'x'.repeat(40), '2025-03-11 08:14:02 ', 'SEC_E_TIME_SKEW', '0x80090325', '-2146893019',
  '0x8009030D (SEC_E_INVALID_TOKEN)', 'SCARD_W_REMOVED_CARD', 'The logon attempt failed', 'hr=0x800903A7', '80090325-1f2e',
)

describe('annotating whole blocks of lines', () => {
  it('gives the same events and counts as splitting every line, however the input is chunked', async () => {
    await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), async (parts, cuts) => {
      const bytes = Buffer.from(parts.join(''))
      const chunks = cutAt(bytes, cuts)
      expect(await run(chunks, true)).toEqual(await run([bytes], false))
    }), { numRuns: 300 })
  })

  it('cuts long lines exactly as the per-line path does, and reports them', async () => {
    await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), async (parts, cuts) => {
      const bytes = Buffer.from(parts.join(''))
      expect(await run(cutAt(bytes, cuts), true, 48)).toEqual(await run([bytes], false, 48))
    }), { numRuns: 200 })
  })

  it('recognises message text line by line in a block, as the per-line path does', async () => {
    const withMessages = compileMatcher(ruleSet, { messages: true })
    const bytes = Buffer.from('a\nhr=0x8009030C The target principal name is incorrect.\nThe logon attempt failed\r\nlast')
    const blocks = await run([bytes], true, 1024 * 1024, withMessages)
    expect(blocks).toEqual(await run([bytes], false, 1024 * 1024, withMessages))
    expect(blocks.events.map((e) => [e.lineNumber, e.codes.map((c) => c.name)])).toEqual([[2, ['SEC_E_LOGON_DENIED']], [3, ['SEC_E_LOGON_DENIED']]])
  })

  it('decodes a large chunk in pieces without cutting a line or a character', async () => {
    // Pieces are at most 64 KiB and end after an LF; a line longer than a
    // piece (here 100 KiB of 'é' and a code) is taken whole.
    const lines: string[] = []
    for (let i = 0; i < 6000; i++) lines.push(i % 97 === 0 ? `${i} é hr=0x8009030C` : `${i} plain line with 日本語 text`)
    lines.splice(3000, 0, 'é'.repeat(50_000) + ' SEC_E_TIME_SKEW')
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n')
    const blocks = await run([bytes.subarray(0, 300_000), bytes.subarray(300_000)], true)
    expect(blocks).toEqual(await run([bytes], false))
    expect(blocks.events).toHaveLength(63)
  })

  it('numbers lines across chunks and counts every one', async () => {
    const { events, summary } = await run([Buffer.from('one\ntwo SEC_E_'), Buffer.from('TIME_SKEW\r\nthree\nfour 0x80090325')], true)
    expect(events.map((e) => [e.lineNumber, e.line])).toEqual([[2, 'two SEC_E_TIME_SKEW'], [4, 'four 0x80090325']])
    expect(summary).toMatchObject({ lines: 4, linesWithCodes: 2 })
  })
})
