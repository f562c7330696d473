import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { nativeJson } from '../../src/formats/native.js'
import { annotateLine, type LineEvent } from '../../src/enrich/line-event.js'
import { canonicalRules, matcher } from '../helpers/rules.js'

function event (line: string, lineNumber = 7, source = 'app.log'): LineEvent {
  return { line, lineNumber, source, codes: annotateLine(matcher, line) ?? [] }
}

describe('the native NDJSON format', () => {
  it('is exactly JSON.stringify of the event, for every code', () => {
    for (const r of canonicalRules) {
      const e = event(`x ${r.name} y ${r.hresult} "quoted" \\ back\tslash`)
      expect(nativeJson(e)).toBe(JSON.stringify(e))
    }
  })

  it('is exactly JSON.stringify for unknown values, several codes and odd text', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('0x800903A7', 'SEC_E_OK', '0x80090325 SEC_E_TIME_SKEW 80090325', ''), fc.string(), fc.nat(), fc.string(), (a, codes, b, n, src) => {
      const e = event(`${a} ${codes} ${b}`, n, src)
      expect(nativeJson(e)).toBe(JSON.stringify(e))
    }))
  })

  it('is exactly JSON.stringify for a conflict, a cut line and a repeat', () => {
    const codes = annotateLine(matcher, '0x8009030D (SEC_E_INVALID_TOKEN)')!
    const e = { line: '0x8009030D (SEC_E_INVALID_TOKEN)', lineNumber: 3, source: '-', codes, conflict: true as const, conflictNote: 'a "note"', truncated: true as const, originalLength: 99, repeated: 2 }
    expect(nativeJson(e)).toBe(JSON.stringify(e))
  })

  it('is exactly JSON.stringify whatever text a match holds, in a field of a record too', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))
    fc.assert(fc.property(fc.string({ unit }), fc.option(fc.string({ unit }), { nil: undefined }), (text, field) => {
      const e = event('SEC_E_TIME_SKEW 0x80090324')
      e.codes[0]!.matches.splice(0, 1, field === undefined ? { form: 'message-text', text, start: 0, end: text.length } : { field, form: 'message-text', text, start: 0, end: text.length })
      expect(nativeJson(e)).toBe(JSON.stringify(e))
    }), { numRuns: 500 })
  })

  it('is exactly JSON.stringify whatever the line holds around its codes, lone surrogates and control characters too', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))
    fc.assert(fc.property(fc.string({ unit }), fc.string({ unit }), (a, b) => {
      const e = event(`${a} SEC_E_TIME_SKEW ${b}`)
      expect(nativeJson(e)).toBe(JSON.stringify(e))
    }), { numRuns: 500 })
  })

  it('is exactly JSON.stringify for events of two sources in turn', () => {
    const a = event('SEC_E_TIME_SKEW', 1, 'a "quoted".log')
    const b = event('SEC_E_TIME_SKEW', 2, 'b\\back.log')
    expect([a, b, a].map(nativeJson)).toEqual([a, b, a].map((e) => JSON.stringify(e)))
  })

  it('does not show the link to shared facts in output', () => {
    expect(Object.keys(JSON.parse(nativeJson(event('SEC_E_TIME_SKEW'))).codes[0])).toEqual(['name', 'family', 'value', 'hresult', 'known', 'severity', 'facility', 'code', 'category', 'tags', 'meaning', 'hint', 'matches'])
  })
})
