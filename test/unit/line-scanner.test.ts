import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { LineScanner, type ScannedLine } from '../../src/scan/line-scanner.js'
import { compileMatcher } from '../../src/match/compile.js'
import { cutAt } from '../helpers/chunks.js'
import { matcher, ruleSet } from '../helpers/rules.js'

interface Scan { lines: ScannedLine[], plain: number, long: Array<{ text: string, lineNumber: number, length: number }> }

/** `chunks` through a scanner: the lines handed over, the count of plain ones, and long lines passed on. */
function scan (chunks: Array<string | Buffer>, mode: 'hits' | 'every' | 'unscanned', maxLineBytes = 1024 * 1024, options: { passLong?: boolean, m?: typeof matcher } = {}): Scan {
  const out: Scan = { lines: [], plain: 0, long: [] }
  let pieces = ''
  const scanner = new LineScanner({ matcher: options.m ?? matcher, mode, maxLineBytes }, {
    plain: (n) => { out.plain += n },
    line: (l) => { out.lines.push(l) },
    long: options.passLong === true
      ? { bytes: (b) => { pieces += b.toString('utf8') }, end: (lineNumber, length) => { out.long.push({ text: pieces, lineNumber, length }); pieces = '' } }
      : undefined,
  })
  for (const c of chunks) scanner.write(Buffer.isBuffer(c) ? c : Buffer.from(c))
  scanner.end()
  return out
}

const texts = (s: Scan): string[] => s.lines.map((l) => l.text)

/** `bytes` cut at character edges only, as InputDecoder hands chunks over. */
function atCharEdges (bytes: Buffer, points: readonly number[]): Buffer[] {
  const edge = (i: number): number => { while (i > 0 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i--; return i }
  return cutAt(bytes, points.map((p) => edge(p % (bytes.length + 1))))
}

describe('splitting lines', () => {
  it('ends a line at LF, and drops the CR of a CRLF even when the LF comes in the next chunk', () => {
    expect(texts(scan(['one\r', '\ntwo\n'], 'every'))).toEqual(['one', 'two'])
  })

  it('keeps a lone CR inside its line, and a CR at the very end of the input, which no LF follows', () => {
    expect(texts(scan(['a\rb\r\nlast\r'], 'every'))).toEqual(['a\rb', 'last\r'])
  })

  it('counts a last line without LF as a line, and an empty input as none', () => {
    expect(texts(scan(['one\nlast'], 'every'))).toEqual(['one', 'last'])
    expect(scan([], 'every').lines).toEqual([])
    expect(texts(scan(['\n\n'], 'every'))).toEqual(['', ''])
  })

  it('finds a code split across two chunks, with offsets into its line', () => {
    const [line] = scan(['first\nx SEC_E_UNTRU', 'STED_ROOT y\n'], 'hits').lines
    expect(line).toMatchObject({ text: 'x SEC_E_UNTRUSTED_ROOT y', lineNumber: 2, cut: null })
    expect(line!.hits!.map((h) => [h.rule?.name, h.start, h.end])).toEqual([['SEC_E_UNTRUSTED_ROOT', 2, 22]])
  })

  it('finds message text in a line the prefilter names for a code\'s literal that writes no code', () => {
    const m = compileMatcher(ruleSet, { messages: true })
    const s = scan(['SEC_NOT_A_CODE: KDC says Clock skew too great.\nSEC_NOT_A_CODE: clock skew of 3 s\n'], 'hits', undefined, { m })
    expect(s.lines.map((l) => [l.lineNumber, l.hits!.map((h) => [h.rule?.name, h.form])])).toEqual([[1, [['KRB_AP_ERR_SKEW', 'message-text']]]])
    expect(s.plain).toBe(1)
  })

  it('in hits mode hands over only lines with hits, and the number of the others', () => {
    const s = scan(['a\nb SEC_E_OK\nc\n', 'd 0x80090325'], 'hits')
    expect(s.lines.map((l) => [l.lineNumber, l.text])).toEqual([[2, 'b SEC_E_OK'], [4, 'd 0x80090325']])
    expect(s.plain).toBe(2)
  })

  it('in unscanned mode hands over every line with no hits looked for', () => {
    expect(scan(['SEC_E_OK\n'], 'unscanned').lines).toEqual([{ text: 'SEC_E_OK', lineNumber: 1, hits: null, cut: null }])
  })

  it('gives the same lines, numbers and hits in hits and every mode, however the input is chunked', () => {
    const piece = fc.constantFrom('\n', '\r\n', '\r', '', ' ', 'é', '日本', 'x'.repeat(40), 'SEC_E_TIME_SKEW', '0x80090325', '-2146893019',
      '0x8009030D (SEC_E_INVALID_TOKEN)', 'The logon attempt failed', '80090325-1f2e')
    const withMessages = compileMatcher(ruleSet, { messages: true })
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom(24, 1 << 20), (parts, cuts, max) => {
      const bytes = Buffer.from(parts.join(''))
      const blocks = scan(atCharEdges(bytes, cuts), 'hits', max, { m: withMessages })
      const every = scan([bytes], 'every', max, { m: withMessages })
      expect(blocks.lines).toEqual(every.lines.filter((l) => l.hits !== null || l.cut !== null))
      expect(blocks.plain + blocks.lines.length).toBe(every.lines.length)
    }), { numRuns: 300 })
  })

  it('gives a line the prefilter names whole, however long, and numbers the lines after it', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 6 }), (lengths) => {
      const lines = lengths.map((n, i) => `${'x'.repeat(n)} SEC_E_TIME_SKEW ${i}`)
      const s = scan([lines.join('\n') + '\nplain\n'], 'hits')
      expect(s.lines.map((l) => [l.lineNumber, l.text])).toEqual(lines.map((l, i) => [i + 1, l]))
      expect(s.plain).toBe(1)
    }), { numRuns: 200 })
  })

  it('decodes a large chunk in pieces without cutting a line or a character', () => {
    const lines: string[] = []
    for (let i = 0; i < 6000; i++) lines.push(i % 97 === 0 ? `${i} é hr=0x8009030C` : `${i} plain line with 日本語 text`)
    lines.splice(3000, 0, 'é'.repeat(50_000) + ' SEC_E_TIME_SKEW')
    const bytes = Buffer.from(lines.join('\r\n') + '\r\n')
    const s = scan([bytes.subarray(0, 300_000), bytes.subarray(300_000)], 'hits')
    expect(s.lines).toHaveLength(63)
    expect(s.lines.find((l) => l.lineNumber === 3001)?.text).toBe(lines[3000])
    expect(s.plain + s.lines.length).toBe(6001)
  })
})

describe('bounding lines', () => {
  it('keeps the start of a long line and carries its full length as data', () => {
    const s = scan(['ab SEC_E_OK xyzxyzxyz\nnext\n'], 'every', 12)
    expect(s.lines.map((l) => [l.text, l.cut])).toEqual([['ab SEC_E_OK ', 21], ['next', null]])
    expect(s.lines[0]!.hits!.map((h) => h.rule?.name)).toEqual(['SEC_E_OK'])
  })

  it('bounds a line that streams across many chunks, and hands it over in hits mode too', () => {
    const chunks = ['0x80090325 ', ...Array.from({ length: 50 }, () => 'x'.repeat(100)), '\ntail\n']
    expect(scan(chunks, 'hits', 20).lines.map((l) => [l.text, l.cut])).toEqual([['0x80090325 xxxxxxxxx', 5011]])
  })

  it('hands over a cut line without hits even in hits mode: a user must learn it was cut', () => {
    expect(scan(['x'.repeat(40) + '\n'], 'hits', 16).lines.map((l) => [l.text, l.cut])).toEqual([['x'.repeat(16), 40]])
  })

  it('never cuts a multi-byte character in half', () => {
    expect(texts(scan(['aé€😀é\n'], 'every', 4))).toEqual(['aé'])
  })

  it('counts a long last line without LF, and long lines in order', () => {
    expect(scan(['1234567890\nok\nabcdefghijklmn'], 'every', 5).lines.map((l) => l.cut)).toEqual([10, null, 14])
  })

  it('asks for dropped input to be collected once per `releaseEvery` bytes it drops', () => {
    let releases = 0
    const scanner = new LineScanner({ matcher, mode: 'hits', maxLineBytes: 10, release: () => { releases++ }, releaseEvery: 1000 }, { plain: () => {}, line: () => {} })
    scanner.write(Buffer.from('start of a long line'))
    for (let i = 0; i < 25; i++) scanner.write(Buffer.alloc(100, 120))
    expect(releases).toBe(2)
    scanner.write(Buffer.from('\nshort\n'.repeat(200)))
    expect(releases).toBe(2)
  })

  it('passes a long line on as the bytes it is made of when the sink asks, numbered in turn', () => {
    const long = '{"message":"' + 'é'.repeat(40) + '"}'
    const s = scan(['{"a":1}\n' + long.slice(0, 30), long.slice(30) + '\r\n{"b":2}\n'], 'unscanned', 32, { passLong: true })
    expect(texts(s)).toEqual(['{"a":1}', '{"b":2}'])
    expect(s.long).toEqual([{ text: long, lineNumber: 2, length: Buffer.byteLength(long) + 1 }])
  })

  it('passes a long line on without the CR of its CRLF, even when the LF comes in the next chunk, and keeps a CR no LF follows', () => {
    const long = 'y'.repeat(40)
    expect(scan([long + '\r', '\n' + long + '\r'], 'unscanned', 32, { passLong: true }).long.map((l) => l.text)).toEqual([long, long + '\r'])
  })

  it('keeps every line, however the input is chunked: whole ones as they were, cut ones as their start', () => {
    const piece = fc.oneof(fc.constantFrom('\n', '\r\n', 'é', '€'), fc.string({ maxLength: 30 }))
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 4, max: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, max, at) => {
      const text = pieces.join('')
      const got = scan(atCharEdges(Buffer.from(text), at), 'unscanned', max).lines
      const want = text === '' ? [] : text.replace(/\n$/, '').split('\n')
      expect(got).toHaveLength(want.length)
      got.forEach((l, i) => {
        const line = want[i]!
        const whole = i < want.length - 1 || text.endsWith('\n') ? line.replace(/\r$/, '') : line
        if (Buffer.byteLength(line) <= max) expect(l).toMatchObject({ text: whole, cut: null, lineNumber: i + 1 })
        else {
          expect(l.cut).toBe(Buffer.byteLength(line))
          expect(line.startsWith(l.text)).toBe(true)
          expect(Buffer.byteLength(l.text)).toBeLessThanOrEqual(max)
        }
      })
    }))
  })
})

describe('one line given as a string', () => {
  it('is scanned, numbered and bounded as a line read from bytes is', () => {
    const out: ScannedLine[] = []
    const scanner = new LineScanner({ matcher, mode: 'every', maxLineBytes: 12 }, { plain: () => {}, line: (l) => { out.push(l) } })
    scanner.writeLine('hr=0x8009030C')
    scanner.writeLine('ok')
    expect(out.map((l) => [l.lineNumber, l.text, l.cut, l.hits?.length ?? 0])).toEqual([[1, 'hr=0x8009030', 13, 0], [2, 'ok', null, 0]])
  })
})
