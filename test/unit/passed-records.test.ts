import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { PassThrough } from 'node:stream'
import { readPassedRecord, readRecordLine } from '../../src/parse/record-line.js'
import { forEachWithoutCrOfCrlf } from '../../src/scan/hit-lines.js'
import { createTextBatchStage } from '../../src/formats/ndjson.js'
import { BATCH_BYTES, ByteBatch } from '../../src/write/byte-batch.js'
import { compileMatcher } from '../../src/match/compile.js'
import { ruleSet } from '../helpers/rules.js'

const matcher = compileMatcher(ruleSet)

describe('a record line passed on unread', () => {
  it('is read from its bytes as readRecordLine reads a line without codes', () => {
    const edge = fc.constantFrom('', ' ', '\t', '\r', '\u00a0', '\u3000', '{', '}', '[', 'x', 'é', '\v')
    fc.assert(fc.property(fc.array(edge, { maxLength: 4 }), fc.constantFrom('', '"a":1', 'x', '{}', '"k":"v"'), fc.array(edge, { maxLength: 4 }), (before, middle, after) => {
      const line = before.join('') + middle + after.join('')
      const bytes = Buffer.from(`junk\n${line}\n`)
      expect(readPassedRecord(bytes, 5, bytes.length - 1).malformed).toBe(readRecordLine(matcher, null, line, false).malformed)
    }), { numRuns: 500 })
  })

  it('loses the CR of each CRLF, and keeps a lone CR', () => {
    const pieces: string[] = []
    forEachWithoutCrOfCrlf(Buffer.from('{"a":1}\r\n{"b":2}\n{"c":"\r"}\r\n'), (piece) => pieces.push(piece.toString()))
    expect(pieces.join('')).toBe('{"a":1}\n{"b":2}\n{"c":"\r"}\n')
  })

  it('goes out in order with the record texts around it, copied once into one batch', () => {
    const batches: Buffer[] = []
    const batch = new ByteBatch((b) => batches.push(b))
    const chunk = Buffer.from('{"raw":1}\n{"raw":2}\n')
    batch.text('first\n')
    batch.bytes(chunk)
    batch.text('last\n')
    chunk.fill(0x20)
    batch.flush()
    expect(batches.map(String)).toEqual(['first\n{"raw":1}\n{"raw":2}\nlast\n'])
  })

  it('fills buffers of BATCH_BYTES: text that does not fit starts the next, bytes fill each to the end', () => {
    const batches: Buffer[] = []
    const batch = new ByteBatch((b) => batches.push(Buffer.from(b)))
    const text = 'é'.repeat(20)
    const pieces = [Buffer.alloc(BATCH_BYTES - 10, 0x61), Buffer.from(text), Buffer.alloc(BATCH_BYTES * 2, 0x62)]
    batch.bytes(pieces[0]!)
    batch.text(text)
    batch.bytes(pieces[2]!)
    batch.flush()
    expect(batches.map((b) => b.length)).toEqual([BATCH_BYTES - 10, BATCH_BYTES, BATCH_BYTES, 40])
    expect(Buffer.concat(batches).equals(Buffer.concat(pieces))).toBe(true)
  })

  it('is written by the writer as it comes, after the text before it', async () => {
    const stage = createTextBatchStage((item) => `${String(item)}\n`)
    const out = new PassThrough()
    const writes: string[] = []
    out.on('data', (b: Buffer) => writes.push(b.toString()))
    stage.pipe(out)
    stage.write('first')
    stage.write(Buffer.from('{"raw":1}\n{"raw":2}\n'))
    stage.write('last')
    stage.end()
    await new Promise((resolve) => out.on('end', resolve))
    expect(writes).toEqual(['first\n', '{"raw":1}\n{"raw":2}\n', 'last\n'])
  })
})
