import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import stringWidth from 'string-width'
import { asciiFirst } from '../../scripts/ascii-string-width.mjs'

// The CLI bundle gives yargs' help layout this in place of string-width.
describe('the help layout\'s string width', () => {
  let loads = 0
  const width = asciiFirst(() => { loads++; return stringWidth })

  it('is one column per character for printable ASCII, without loading string-width', () => {
    expect(width('--workers  worker threads [number]')).toBe(34)
    expect(loads).toBe(0)
  })

  it('agrees with string-width on printable ASCII', () => {
    fc.assert(fc.property(fc.string(), (s) => width(s) === stringWidth(s)))
  })

  it('agrees with string-width on any text, wide characters, controls and escapes included', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b[1m', '\u001b[0m', '\t', '\n', '…', '漢', '👍🏽', 'e\u0301'), fc.string({ unit: 'binary', maxLength: 3 })) })
    fc.assert(fc.property(text, (s) => width(s) === stringWidth(s)))
  })

  it('loads string-width once, for the first string that needs it', () => {
    const counted = asciiFirst(() => { loads++; return stringWidth })
    loads = 0
    counted('[FILE…]')
    counted('漢字')
    expect(loads).toBe(1)
  })

  it('passes string-width its options', () => {
    expect(width('\u001b[1mbold\u001b[0m', { countAnsiEscapeCodes: true })).toBe(stringWidth('\u001b[1mbold\u001b[0m', { countAnsiEscapeCodes: true }))
  })
})
