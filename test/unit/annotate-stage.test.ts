import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createAnnotateStage, type LineEvent } from '../../src/stream/annotate.js'
import { splitLines } from '../../src/stream/lines.js'
import { createNdjsonStage } from '../../src/formats/ndjson.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { matcher } from '../helpers/rules.js'

async function annotate (chunks: Array<string | Buffer>, all = true): Promise<{ events: LineEvent[], counter: SummaryCounter }> {
  const events: LineEvent[] = []
  const counter = new SummaryCounter()
  await pipeline(
    Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
    splitLines(),
    createAnnotateStage({ matcher, source: 'test', all, counter }),
    new Writable({ objectMode: true, write (e: LineEvent, _enc, cb) { events.push(e); cb() } }),
  )
  return { events, counter }
}

describe('the annotate stage', () => {
  it('keeps a multi-byte character whole when a chunk boundary cuts it', async () => {
    const bytes = Buffer.from('é SEC_E_TIME_SKEW\n')
    const { events } = await annotate([bytes.subarray(0, 1), bytes.subarray(1)])
    expect(events[0]!.line).toBe('é SEC_E_TIME_SKEW')
    expect(events[0]!.codes[0]!.matches[0]!.start).toBe(2)
  })

  it('trims the CR of a CRLF even when the LF comes in the next chunk', async () => {
    const { events } = await annotate(['one\r', '\ntwo\n'])
    expect(events.map((e) => e.line)).toEqual(['one', 'two'])
  })

  it('keeps a CR at the very end of the input, which no LF follows', async () => {
    const { events } = await annotate(['one\r\nlast\r'])
    expect(events.map((e) => e.line)).toEqual(['one', 'last\r'])
  })

  it('finds a code split across two chunks', async () => {
    const { events } = await annotate(['x SEC_E_UNTRU', 'STED_ROOT y\n'])
    expect(events[0]!.codes[0]!.name).toBe('SEC_E_UNTRUSTED_ROOT')
  })

  it('emits only lines with codes unless asked for all, but counts every line', async () => {
    const { events, counter } = await annotate(['a\nb SEC_E_OK\nc\n'], false)
    expect(events.map((e) => e.lineNumber)).toEqual([2])
    expect(counter.summary.lines).toBe(3)
  })

  it('with all, emits as many events as the input has lines, however it is chunked', async () => {
    const piece = fc.oneof(fc.constantFrom('\n', '\r\n', '\r', 'SEC_E_LOGON_DENIED', '0x80090325', ' ', 'é'), fc.string())
    await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 5 }), async (pieces, cuts) => {
      const text = pieces.join('')
      const bytes = Buffer.from(text)
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
      const chunks: Buffer[] = []
      let from = 0
      for (const p of [...points, bytes.length]) {
        chunks.push(bytes.subarray(from, p))
        from = p
      }
      const { events, counter } = await annotate(chunks)
      const expected = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/)
      expect(events.map((e) => e.line)).toEqual(expected)
      expect(counter.summary.lines).toBe(expected.length)
    }), { numRuns: 200 })
  })
})

describe('the NDJSON stage', () => {
  it('writes one JSON object per line and batches events that arrive together', async () => {
    const writes: string[] = []
    await pipeline(
      Readable.from([{ a: 1 }, { b: 2 }, { c: 3 }], { objectMode: true }),
      createNdjsonStage(),
      new Writable({ write (chunk: Buffer, _enc, cb) { writes.push(chunk.toString()); cb() } }),
    )
    expect(writes.join('')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n')
    expect(writes.length).toBeLessThan(3)
  })
})
