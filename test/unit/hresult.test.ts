import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeHresult, hresultFromSigned, hresultHex, parseHresult, signedDecimal, unsignedDecimal } from '../../src/match/hresult.js'

describe('HRESULT notations', () => {
  it.each([
    ['0x80090325', 0x80090325],
    ['0X80090325', 0x80090325],
    ['0x80090325L', 0x80090325],
    ['0xffffffff80090325', 0x80090325],
    ['80090325', 0x80090325],
    ['8009030c', 0x8009030c],
    ['00090312', 0x00090312],
    ['-2146893019', 0x80090325],
    ['2148074277', 0x80090325],
    ['0x0', 0],
  ])('reads %s', (text, value) => {
    expect(parseHresult(text)).toBe(value)
  })

  it.each(['', 'SEC_E_OK', '0x', '0x123456789', '4294967296', '-2147483649', '12.5', '0x8009032G'])('refuses %j', (text) => {
    expect(parseHresult(text)).toBeNull()
  })

  it('reads exactly 8 digits as hex, the way Windows tools print codes, not as decimal', () => {
    expect(parseHresult('80090308')).toBe(0x80090308)
    expect(parseHresult('10000000')).toBe(0x10000000)
    expect(parseHresult('800903251')).toBe(800903251)
  })

  it('prints 0x and 8 upper-case digits', () => {
    expect(hresultHex(0x8009030c)).toBe('0x8009030C')
    expect(hresultHex(0x90312)).toBe('0x00090312')
  })

  it('turns a signed value back into the unsigned one', () => {
    expect(hresultFromSigned(-2146893019)).toBe(0x80090325)
  })

  it('splits severity, facility and code', () => {
    expect(decodeHresult(0x80090325)).toEqual({ severity: 'error', facility: 9, code: 0x325 })
    expect(decodeHresult(0x00090312)).toEqual({ severity: 'success', facility: 9, code: 0x312 })
    expect(decodeHresult(0x800b0109)).toEqual({ severity: 'error', facility: 11, code: 0x109 })
  })

  it('reads back every spelling it prints, for any 32-bit value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
      expect(parseHresult(hresultHex(v))).toBe(v)
      expect(parseHresult(v.toString(16).padStart(8, '0'))).toBe(v)
      // Error codes, the ones printed in decimal, have 10 or 11 characters.
      if (v > 0x7fffffff) {
        expect(parseHresult(signedDecimal(v))).toBe(v)
        expect(parseHresult(unsignedDecimal(v))).toBe(v)
      }
    }))
  })
})
