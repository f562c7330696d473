import { describe, expect, it } from 'vitest'
import { processRecordLine, type RecordOptions } from '../../src/stream/records.js'
import { nativeProfile } from '../../src/formats/native.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { matcher } from '../helpers/rules.js'

function process (line: string): { text: string, malformed: boolean, counter: SummaryCounter } {
  const counter = new SummaryCounter()
  const options: RecordOptions = { matcher, fields: null, target: 'sspi', profile: nativeProfile, counter }
  const r = processRecordLine(options, line)
  return { text: r.text, malformed: r.malformed, counter }
}

describe('processing one record line', () => {
  it('returns a record without codes as the very same text', () => {
    const line = '{"message": "GET /health 200",   "n": 1.50}'
    expect(process(line)).toMatchObject({ text: line, malformed: false })
  })

  it('finds a markdown-escaped symbol, whose backslash JSON doubles', () => {
    const line = JSON.stringify({ message: 'see SEC\\_E\\_UNTRUSTED\\_ROOT' })
    expect(line).toContain('SEC\\\\_E')
    expect(JSON.parse(process(line).text).sspi.codes[0]).toMatchObject({ name: 'SEC_E_UNTRUSTED_ROOT', matches: [{ text: 'SEC\\_E\\_UNTRUSTED\\_ROOT', start: 4 }] })
  })

  it('counts as malformed a line without the shape of an object', () => {
    for (const line of ['plain text', '[1,2]', '', '   ', '"a string"', '{"cut":']) {
      const r = process(line)
      expect(r, line).toMatchObject({ text: line, malformed: true })
      expect(r.counter.summary.input.malformedRecords).toBe(1)
    }
  })

  it('counts as malformed a broken object that carries a code (it had to be parsed)', () => {
    expect(process('{"message": "hr=0x8009030C",}')).toMatchObject({ malformed: true })
  })

  it('does not parse a record without a code, so a broken one of that kind passes uncounted (documented)', () => {
    expect(process('{"message": "no code here",}')).toMatchObject({ malformed: false })
  })

  it('parses a record whose code is in a field it does not scan, and leaves it untouched', () => {
    const line = '{"message":"plain","trace":"hr=0x8009030C"}'
    expect(process(line)).toMatchObject({ text: line, malformed: false })
  })
})
