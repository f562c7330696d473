import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { PassThrough } from 'node:stream'
import { readPassedRecord, readRecordLine } from '../../src/parse/record-line.js'
import { withoutCrOfCrlf } from '../../src/scan/hit-lines.js'
import { createTextBatchStage } from '../../src/formats/ndjson.js'
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
    expect(withoutCrOfCrlf(Buffer.from('{"a":1}\r\n{"b":2}\n{"c":"\r"}\r\n')).toString()).toBe('{"a":1}\n{"b":2}\n{"c":"\r"}\n')
  })

  it('goes out in order with the text around it, in one write per batch', async () => {
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
    expect(writes).toEqual(['first\n{"raw":1}\n{"raw":2}\nlast\n'])
  })
})
