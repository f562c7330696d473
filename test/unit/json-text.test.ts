import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deepJsonText, jsonText } from '../../src/formats/json-text.js'

describe('jsonText', () => {
  it('writes what JSON.stringify writes, for any JSON value, by either path', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(jsonText(v)).toBe(JSON.stringify(v))
      expect(deepJsonText(v)).toBe(JSON.stringify(v))
    }))
  })

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, 1], c: { d: undefined }, e: 'x' }
    expect(deepJsonText(v)).toBe(JSON.stringify(v))
    expect(deepJsonText([undefined])).toBe('[null]')
  })

  it('writes a value nested far deeper than JSON.stringify can (it throws a RangeError)', () => {
    const depth = 100_000
    let v: unknown = 'SEC_E_TIME_SKEW'
    let expected = '"SEC_E_TIME_SKEW"'
    for (let i = 0; i < depth; i++) {
      v = i % 2 === 0 ? [v, i] : { k: v }
      expected = i % 2 === 0 ? `[${expected},${i}]` : `{"k":${expected}}`
    }
    expect(() => JSON.stringify(v)).toThrow(RangeError)
    expect(jsonText(v)).toBe(expected)
  })
})
