import { describe, expect, it } from 'vitest'
import { cutAt as cut } from '../helpers/chunks.js'
import fc from 'fast-check'
import { InputDecoder, completeLength } from '../../src/decode/decode.js'

/** Feed `chunks` through a decoder; the UTF-8 text out and the replacement count. Each write's bytes are read before the next, as a caller must. */
function decode (chunks: Buffer[]): { text: string, replaced: number, encoding: string } {
  const d = new InputDecoder()
  const out = [...chunks.map((c) => Buffer.from(d.write(c))), d.end()]
  return { text: Buffer.concat(out).toString('utf8'), replaced: d.stats.replaced, encoding: d.stats.encoding }
}
const utf16le = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])
const utf16be = (s: string): Buffer => {
  const le = Buffer.from(s, 'utf16le')
  const be = Buffer.alloc(le.length)
  for (let i = 0; i + 1 < le.length; i += 2) { be[i] = le[i + 1]!; be[i + 1] = le[i]! }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be])
}

describe('decoding the input', () => {
  it('keeps no view of a chunk it was given: the caller may reuse the buffer', () => {
    const d = new InputDecoder()
    const buf = Buffer.alloc(8)
    const out: Buffer[] = []
    // 'é' (C3 A9) cut after its first byte, at the start and at the end of a chunk.
    buf.write('ab\u00e9', 'utf8')
    out.push(Buffer.from(d.write(buf.subarray(0, 3))))
    buf.fill(0x78)
    buf[0] = 0xa9
    buf[1] = 0xc3
    out.push(Buffer.from(d.write(buf.subarray(0, 2))))
    buf.fill(0x78)
    buf[0] = 0xa9
    out.push(Buffer.from(d.write(buf.subarray(0, 1))), Buffer.from(d.end()))
    expect(Buffer.concat(out).toString('utf8')).toBe('ab\u00e9\u00e9')
  })

  it('writes the UTF-8 of UTF-16 chunk after chunk into the same buffer, read before the next chunk', () => {
    const d = new InputDecoder()
    const first = d.write(utf16le('first line\n'))
    expect(first.toString('utf8')).toBe('first line\n')
    const second = d.write(Buffer.from('next\n', 'utf16le'))
    expect(second.toString('utf8')).toBe('next\n')
    expect(second.buffer).toBe(first.buffer)
  })

  it('keeps no view of the first bytes it holds back to look for a BOM', () => {
    const d = new InputDecoder()
    const buf = Buffer.from([0xef, 0xbb])
    const first = Buffer.from(d.write(buf))
    buf[0] = 0x41
    buf[1] = 0x42
    expect(Buffer.concat([first, Buffer.from(d.write(Buffer.from([0xbf, 0x43]))), d.end()]).toString('utf8')).toBe('C')
  })

  it('passes valid UTF-8 through unchanged', () => {
    expect(decode([Buffer.from('héllo SEC_E_OK ✓\n')])).toEqual({ text: 'héllo SEC_E_OK ✓\n', replaced: 0, encoding: 'utf-8' })
  })

  it('drops a UTF-8 byte order mark, even when it arrives a byte at a time', () => {
    const bytes = Buffer.from('\uFEFFfirst line\n')
    expect(decode([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]).text).toBe('first line\n')
  })

  it('keeps a BOM-like character that is not at the start', () => {
    expect(decode([Buffer.from('a\uFEFFb')]).text).toBe('a\uFEFFb')
  })

  it('reads UTF-16LE with a BOM, as PowerShell writes it', () => {
    expect(decode([utf16le('Win32Exception (0x80090325): é\r\n')])).toMatchObject({ text: 'Win32Exception (0x80090325): é\r\n', encoding: 'utf-16le', replaced: 0 })
  })

  it('reads UTF-16BE with a BOM', () => {
    expect(decode([utf16be('SEC_E_TIME_SKEW\n')])).toMatchObject({ text: 'SEC_E_TIME_SKEW\n', encoding: 'utf-16be' })
  })

  it('reads UTF-16 cut into chunks of any size, odd ones too', () => {
    const text = 'line one 0x8009030C ✓\nline two é\n'
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (at, le) => {
      expect(decode(cut(le ? utf16le(text) : utf16be(text), at))).toMatchObject({ text, replaced: 0 })
    }))
  })

  it('replaces invalid bytes with U+FFFD and counts them', () => {
    expect(decode([Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0x0a])])).toEqual({ text: 'a\uFFFDb\uFFFD(\n', replaced: 2, encoding: 'utf-8' })
  })

  it('does not count a U+FFFD that was already in the input', () => {
    expect(decode([Buffer.from('already \uFFFD here\n'), Buffer.from([0xff])])).toMatchObject({ text: 'already \uFFFD here\n\uFFFD', replaced: 1 })
  })

  it('counts a character cut off by the end of input', () => {
    expect(decode([Buffer.from([0x61, 0xe2, 0x9c])])).toMatchObject({ text: 'a\uFFFD', replaced: 1 })
  })

  it('reads UTF-16 without a BOM when every other byte is a NUL, in either byte order', () => {
    const le = Buffer.from('app SEC_E_OK\n', 'utf16le')
    const be = Buffer.from(le.map((_, i) => le[i ^ 1]!))
    expect(decode([le])).toMatchObject({ text: 'app SEC_E_OK\n', replaced: 0 })
    expect(decode([be])).toMatchObject({ text: 'app SEC_E_OK\n', replaced: 0 })
  })

  it('keeps UTF-8 that merely holds a NUL or two as UTF-8', () => {
    expect(decode([Buffer.from('abc\u0000def ghi jkl\n')])).toMatchObject({ text: 'abc\u0000def ghi jkl\n' })
  })

  it('passes a noncharacter such as U+FDD0 through as text: no character is reserved for marking lines', () => {
    expect(decode([Buffer.from('x\uFDD0y')])).toMatchObject({ text: 'x\uFDD0y', replaced: 0 })
  })

  it('never splits a character or loses a byte, however valid UTF-8 is chunked', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat(), { maxLength: 8 }), (text, at) => {
      const bytes = Buffer.from(text.replace(/^\uFEFF/, ''))
      expect(decode(cut(bytes, at))).toMatchObject({ text: bytes.toString('utf8'), replaced: 0 })
    }))
  })

  it('reads UTF-16LE as the WHATWG decoder does, lone surrogates and a cut last unit too, however it is chunked', () => {
    const unit = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0x0a, 0xe9, 0x65e5, 0xfffd, 0xd83d, 0xde00, 0xdc00, 0xdbff))
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), (units, oddTail, at) => {
      const body = Buffer.alloc(units.length * 2)
      units.forEach((u, i) => body.writeUInt16LE(u, i * 2))
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), body, oddTail ? Buffer.from([0x41]) : Buffer.alloc(0)])
      const whole = new TextDecoder('utf-16le').decode(bytes)
      const inInput = units.filter((u) => u === 0xfffd).length
      const count = (t: string): number => [...t].filter((c) => c === '\ufffd').length
      expect(decode(cut(bytes, at))).toEqual({ text: whole, replaced: count(whole) - inInput, encoding: 'utf-16le' })
    }), { numRuns: 500 })
  })

  it('keeps a surrogate pair whole where a long UTF-16LE chunk is decoded in pieces', () => {
    for (const pad of [32766, 32767, 32768]) {
      const text = 'x'.repeat(pad) + '\u{1F600}' + 'y'.repeat(40000) + '\n'
      expect(decode([utf16le(text)])).toEqual({ text, replaced: 0, encoding: 'utf-16le' })
    }
  })

  it('gives the same text and count as one whole decode, however invalid input is chunked', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 8 }), (raw, at) => {
      const bytes = Buffer.from(raw)
      fc.pre(!(bytes[0] === 0xff || bytes[0] === 0xfe || bytes[0] === 0xef))
      expect(decode(cut(bytes, at))).toEqual(decode([bytes]))
    }))
  })
})

describe('finding a character cut by the end of a chunk', () => {
  it.each([
    [[0x61, 0x62], 2],
    [[0x61, 0xc3], 1],
    [[0x61, 0xe2, 0x9c], 1],
    [[0x61, 0xf0, 0x9f, 0x98], 1],
    [[0x61, 0xe2, 0x9c, 0x93], 4],
    [[0x61, 0xff], 2],
  ])('%j keeps %i bytes', (bytes, n) => {
    expect(completeLength(Buffer.from(bytes))).toBe(n)
  })
})
