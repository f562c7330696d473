import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { recordText } from '../../src/formats/record-text.js'
import { nativeProfile } from '../../src/formats/native.js'
import { otelProfile } from '../../src/formats/otel.js'
import { ecsProfile } from '../../src/formats/ecs.js'
import type { OutputProfile } from '../../src/formats/profile.js'
import type { SummaryCounter } from '../../src/summary/summary.js'
import { readRecordThroughSink } from '../helpers/record-path.js'

/** One record line as record mode reads, counts and writes it. */
function process (line: string, profile: OutputProfile = nativeProfile, target = 'sspi'): { text: string, malformed: boolean, counter: SummaryCounter } {
  const { reading, counter } = readRecordThroughSink(line)
  return { text: recordText(line, reading, profile, target), malformed: reading.malformed, counter }
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

  it('adds the annotation under any --target key, even __proto__ or constructor', () => {
    for (const profile of [nativeProfile, ecsProfile]) {
      for (const target of ['__proto__', 'constructor']) {
        const r = process('{"message": "hr=0x8009030C"}', profile, target)
        const out = JSON.parse(r.text) as Record<string, unknown>
        expect(Object.keys(out), `${profile.name} ${target}`).toContain(target)
        expect((out[target] as { codes: Array<{ name: string }> }).codes[0]!.name).toBe('SEC_E_LOGON_DENIED')
      }
    }
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

describe('a record nested deeper than JSON.stringify goes', () => {
  it('is annotated like any other (JSON.stringify throws past a few thousand levels)', () => {
    const deep = '['.repeat(50_000) + '"x"' + ']'.repeat(50_000)
    const r = process(`{"message":"hr=0x8009030C","deep":${deep}}`)
    expect(r.malformed).toBe(false)
    expect(r.text).toBe(`{"message":"hr=0x8009030C","deep":${deep},"sspi":${JSON.stringify(JSON.parse(process('{"message":"hr=0x8009030C"}').text).sspi)}}`)
  })
})

describe('an annotated record keeps its numbers as written', () => {
  // JSON.parse reads every number as a double: 64-bit ids and nanosecond
  // stamps (19 digits) would come out changed.
  const CODE = '"message":"TLS failed: SEC_E_UNTRUSTED_ROOT"'
  const annotated = (line: string): string => {
    const r = process(line)
    expect(r.malformed).toBe(false)
    expect(JSON.parse(r.text).sspi.codes[0].name).toBe('SEC_E_UNTRUSTED_ROOT')
    return r.text
  }

  it('a number too long for a double, such as a 64-bit id or a nanosecond stamp', () => {
    const out = annotated(`{"id":12345678901234567890,"ts":1732186800123456789,${CODE}}`)
    expect(out).toContain('"id":12345678901234567890,"ts":1732186800123456789,')
  })

  it('spellings a double would print otherwise: 1.0, 1e3, -0, 0.10', () => {
    expect(annotated(`{"a":1.0,"b":1e3,"c":-0,"d":[0.10,2E-5],"e":{"f":-12345678901234567890},${CODE}}`))
      .toContain('{"a":1.0,"b":1e3,"c":-0,"d":[0.10,2E-5],"e":{"f":-12345678901234567890},')
  })

  it('and leaves alone digits inside strings', () => {
    expect(annotated(`{"note":"id 12345678901234567890 and 1.0",${CODE}}`)).toContain('"note":"id 12345678901234567890 and 1.0"')
  })

  it('the profile\'s own fields are still written as numbers', () => {
    const r = process(`{"id":12345678901234567890,${CODE}}`, otelProfile)
    const out = JSON.parse(r.text)
    expect(typeof out.severityNumber).toBe('number')
    expect(r.text).toContain('"id":12345678901234567890')
  })

  it('a long number stays a number: the first string field is still the one scanned', () => {
    const out = annotated('{"message":12345678901234567890,"msg":"TLS failed: SEC_E_UNTRUSTED_ROOT"}')
    expect(out).toContain('{"message":12345678901234567890,"msg":')
    expect(JSON.parse(out).sspi.codes[0].matches[0].field).toBe('msg')
  })

  it('a record with a number JSON does not allow is still malformed', () => {
    for (const line of [`{"a":01,${CODE}}`, `{"a":1.,${CODE}}`, `{"a":-,${CODE}}`, `{"a":+1,${CODE}}`]) {
      expect(process(line), line).toMatchObject({ text: line, malformed: true })
    }
  })

  it('whatever numbers a record holds (property)', () => {
    const number = fc.oneof(
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
      fc.tuple(fc.integer({ min: -999, max: 999 }), fc.nat({ max: 9999 }), fc.integer({ min: -30, max: 30 })).map(([i, f, e]) => `${i}.${f}e${e}`),
    )
    fc.assert(fc.property(fc.array(number, { minLength: 1, maxLength: 6 }), (nums) => {
      const fields = nums.map((n, i) => `"n${i}":${n}`).join(',')
      const line = `{${fields},${CODE}}`
      expect(process(line).text.startsWith(`{${fields},${CODE},"sspi":`)).toBe(true)
    }))
  })
})
