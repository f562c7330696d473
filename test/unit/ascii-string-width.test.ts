import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import stringWidth from 'string-width'
import asciiFirstStringWidth from '../../scripts/ascii-string-width.mjs'

// The CLI bundle gives yargs' help layout this in place of string-width.
describe('the help layout\'s string width', () => {
  it('is one column per character for printable ASCII', () => {
    expect(asciiFirstStringWidth('--workers  worker threads [number]')).toBe(34)
  })

  it('agrees with string-width on printable ASCII', () => {
    fc.assert(fc.property(fc.string(), (s) => asciiFirstStringWidth(s) === stringWidth(s)))
  })

  it('agrees with string-width on any text, wide characters, controls and escapes included', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b[1m', '\u001b[0m', '\t', '\n', '…', '漢', '👍🏽', 'e\u0301'), fc.string({ unit: 'binary', maxLength: 3 })) })
    fc.assert(fc.property(text, (s) => asciiFirstStringWidth(s) === stringWidth(s)))
  })

  it('passes string-width its options', () => {
    expect(asciiFirstStringWidth('\u001b[1mbold\u001b[0m', { countAnsiEscapeCodes: true })).toBe(stringWidth('\u001b[1mbold\u001b[0m', { countAnsiEscapeCodes: true }))
  })
})
