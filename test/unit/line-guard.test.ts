import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { LineGuard, TRUNCATION_MARK } from '../../src/stream/line-guard.js'

function guard (chunks: Array<string | Buffer>, max: number): { text: string, lengths: number[] } {
  const g = new LineGuard(max)
  const out = chunks.map((c) => g.write(Buffer.isBuffer(c) ? c : Buffer.from(c)))
  g.end()
  const lengths: number[] = []
  for (let i = 0; i < g.truncations.count; i++) lengths.push(g.truncations.take())
  return { text: Buffer.concat(out).toString('utf8'), lengths }
}

describe('bounding lines', () => {
  it('passes a chunk whose lines all fit as the very same buffer', () => {
    const chunk = Buffer.from('short\nlines\n')
    expect(new LineGuard(64).write(chunk)).toBe(chunk)
  })

  it('keeps the start of a long line, marks it, and records its full length', () => {
    expect(guard(['ab SEC_E_OK xyzxyzxyz\nnext\n'], 12)).toEqual({ text: `ab SEC_E_OK ${TRUNCATION_MARK}\nnext\n`, lengths: [21] })
  })

  it('bounds a line that streams across many chunks', () => {
    const chunks = ['0x80090325 ', ...Array.from({ length: 50 }, () => 'x'.repeat(100)), '\ntail\n']
    expect(guard(chunks, 20)).toEqual({ text: `0x80090325 xxxxxxxxx${TRUNCATION_MARK}\ntail\n`, lengths: [5011] })
  })

  it('never cuts a multi-byte character in half', () => {
    const { text } = guard(['aé€😀é\n'], 4)
    expect(text).toBe(`aé${TRUNCATION_MARK}\n`)
  })

  it('asks for dropped input to be collected once per `releaseEvery` bytes it drops', () => {
    let releases = 0
    const g = new LineGuard(10, { releaseEvery: 1000, release: () => { releases++ } })
    g.write(Buffer.from('start of a long line'))
    for (let i = 0; i < 25; i++) g.write(Buffer.alloc(100, 120))
    expect(releases).toBe(2)
    g.write(Buffer.from('\nshort\n'.repeat(200)))
    expect(releases).toBe(2)
  })

  it('records long lines in order, and a long last line without LF', () => {
    expect(guard(['1234567890\nok\nabcdefghijklmn'], 5).lengths).toEqual([10, 14])
  })

  it('keeps every line and every LF, however the input is chunked (at character edges, as the decoder hands it over)', () => {
    const piece = fc.oneof(fc.constantFrom('\n', '\r\n', 'é', '€'), fc.string({ maxLength: 30 }))
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 4, max: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, max, at) => {
      const text = pieces.join('')
      const bytes = Buffer.from(text)
      const toCharEdge = (i: number): number => { while (i > 0 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i--; return i }
      const points = [...new Set(at.map((x) => toCharEdge(x % (bytes.length + 1))))].sort((x, y) => x - y)
      const chunks: Buffer[] = []
      let from = 0
      for (const p of [...points, bytes.length]) { chunks.push(bytes.subarray(from, p)); from = p }
      const got = guard(chunks, max)
      const inLines = text.split('\n')
      const outLines = got.text.split('\n')
      expect(outLines).toHaveLength(inLines.length)
      const long = inLines.filter((l) => Buffer.byteLength(l) > max)
      expect(got.lengths).toEqual(long.map((l) => Buffer.byteLength(l)))
      outLines.forEach((l, i) => {
        if (Buffer.byteLength(inLines[i]!) <= max) expect(l).toBe(inLines[i])
        else {
          expect(l.endsWith(TRUNCATION_MARK)).toBe(true)
          expect(inLines[i]!.startsWith(l.slice(0, -1))).toBe(true)
          expect(Buffer.byteLength(l.slice(0, -1))).toBeLessThanOrEqual(max)
        }
      })
    }))
  })
})
