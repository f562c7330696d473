import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { inferYear, readLineStart } from '../../src/parse/line-start.js'
import { hourOf } from '../../src/summary/hours.js'

const at = (iso: string): number => Date.parse(iso)

describe('reading when and where a line happened', () => {
  it.each([
    ['2025-03-11T08:14:02.117Z web-02 app[12]: x', '2025-03-11T08:14:02.117Z', 'web-02'],
    ['2025-03-11T09:14:02+01:00 web-02 sshd[812]: x', '2025-03-11T08:14:02.000Z', 'web-02'],
    ['2025-03-11T03:14:02.5-0500 x', '2025-03-11T08:14:02.500Z', null],
    ['2016-09-28 04:30:30, Info                  CBS    Loaded', '2016-09-28T04:30:30.000Z', null],
    ['2016-09-28 04:30:30,123 ERROR [main] x', '2016-09-28T04:30:30.123Z', null],
    ['Mar 11 08:14:02 dc-01 sshd[812]: Accepted', '2025-03-11T08:14:02.000Z', 'dc-01'],
    ['Mar  1 08:14:02 dc-01 kernel: x', '2025-03-01T08:14:02.000Z', 'dc-01'],
  ])('%s', (line, iso, host) => {
    expect(readLineStart(line, 0, 2025)).toEqual({ time: at(iso), host })
  })

  it.each([
    ['2025-03-11 09:14:05.123 +01:00 [ERR] x', '2025-03-11T08:14:05.123Z', 'Serilog\'s default file stamp: its offset after a space'],
    ['2025-03-11 03:14:05 -05:00 x', '2025-03-11T08:14:05.000Z', 'a negative offset after a space'],
    ['[2025-03-11 08:14:05] app.ERROR: x', '2025-03-11T08:14:05.000Z', 'a stamp in brackets'],
    ['[2025-03-11T09:14:05+01:00] x', '2025-03-11T08:14:05.000Z', 'an ISO stamp with an offset in brackets'],
    ['2025/03/11 08:14:05 x', '2025-03-11T08:14:05.000Z', 'Go\'s log package: slashes'],
    ['2025/03/11 08:14:05.123456 x', '2025-03-11T08:14:05.123Z', 'Go\'s log package with microseconds'],
  ])('%s is read as %s: %s', (line, iso) => {
    expect(readLineStart(line, 0, 2025).time).toBe(at(iso))
  })

  it.each<[string, string | null, string]>([
    ['2025-03-11 08:14:05 +1234 items', '2025-03-11T08:14:05.000Z', 'a number after a space is no offset without its colon'],
    ['2025-03/11 08:14:05 x', null, 'separators that do not match'],
    ['[2025-03-11 08:14:05 x', '2025-03-11T08:14:05.000Z', 'an unclosed bracket still leaves the stamp'],
  ])('%s is read as %s: %s', (line, iso) => {
    expect(readLineStart(line, 0, 2025).time).toBe(iso === null ? null : at(iso))
  })

  it('does not take a level word or a message word for a host after an ISO stamp', () => {
    expect(readLineStart('2025-03-11T08:14:02Z ERROR Microsoft.Data.SqlClient.SqlException: login failed').host).toBeNull()
    expect(readLineStart('2025-03-11T08:14:02Z AcquireCredentialsHandle failed: 0x80090305').host).toBeNull()
  })

  it.each([
    ['<34>Mar 11 08:14:02 dc-01 sshd[812]: x', '2025-03-11T08:14:02.000Z', 'dc-01'],
    ['<165>1 2025-03-11T08:14:02.003Z web-02 app 1234 ID47 - x', '2025-03-11T08:14:02.003Z', 'web-02'],
    ['<165>1 2025-03-11T08:14:02Z - app - - - x', '2025-03-11T08:14:02.000Z', null],
  ])('reads a syslog line as received, with its priority: %s', (line, iso, host) => {
    expect(readLineStart(line, 0, 2025)).toEqual({ time: at(iso), host })
  })

  it.each([
    '2025-13-11T08:14:02Z x',
    '2025-00-11T08:14:02Z x',
    '2025-02-30 08:14:02 x',
    '2025-03-32 08:14:02 x',
    '2025-03-11T24:00:00Z x',
    '2025-03-11T08:60:02Z x',
    '2025-03-11T08:14:61Z x',
    '2025-03-11T08:14:02+25:00 x',
    'Feb 30 08:14:02 dc-01 x',
  ])('takes a stamp with a field out of range for no stamp, not a rolled-over date: %s', (line) => {
    expect(readLineStart(line, 0, 2025)).toEqual({ time: null, host: null })
  })

  it('takes a leap day in a leap year, and a leap second', () => {
    expect(readLineStart('2024-02-29 08:14:02 x').time).toBe(at('2024-02-29T08:14:02Z'))
    expect(readLineStart('2016-12-31T23:59:60Z x').time).toBe(at('2016-12-31T23:59:59Z'))
  })

  it('finds nothing in a line that starts with no stamp', () => {
    expect(readLineStart('   at System.Net.Security.SslStream.ForceAuthenticationAsync')).toEqual({ time: null, host: null })
  })

  it('reads at an offset in a longer text, as the chunk scanner does', () => {
    const text = 'first line\nMar 11 08:14:02 dc-01 sshd[1]: second\n'
    expect(readLineStart(text, 11, 2024).host).toBe('dc-01')
  })

  it('gives a syslog stamp the current year, or last year when that would be over a day ahead', () => {
    const now = new Date('2026-01-02T00:00:00Z')
    expect(inferYear(0, 1, now)).toBe(2026)
    expect(inferYear(11, 31, now)).toBe(2025)
  })

  it('names the hour bucket in UTC', () => {
    expect(hourOf(at('2025-03-11T08:59:59.999Z'))).toBe('2025-03-11T08')
  })
})

/**
 * The stamps as one pattern, as they were read before the reader went
 * character by character: the oracle of the spec below.
 */
const STAMP_PATTERN = /(?:<\d{1,3}>(?<v5424>1 )?)?(?:\[?(?<year>\d{4})(?<sep>[-/])(?<month>\d{2})\k<sep>(?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?(?<zone>Z|[+-]\d{2}:?\d{2}| [+-]\d{2}:\d{2}(?![\d:]))?|(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<bsdDay>[ \d]\d) (?<bsdHour>\d{2}):(?<bsdMinute>\d{2}):(?<bsdSecond>\d{2}))/y
const HOST_NEXT = / +([A-Za-z0-9][A-Za-z0-9._-]*) /y
const HOST_AFTER_ISO = / +([A-Za-z0-9][A-Za-z0-9._-]*) +[^\s:[\]]+\[\d+\]: /y
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 }
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null =>
  mo < 0 || mo > 11 || d < 1 || d > DAYS[mo]! || h > 23 || mi > 59 || s > 60 || (mo === 1 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))
    ? null
    : Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms)
function byPattern (text: string, from: number, year: number): { time: number | null, host: string | null } {
  STAMP_PATTERN.lastIndex = from
  const g = STAMP_PATTERN.exec(text)?.groups
  if (g === undefined) return { time: null, host: null }
  let time: number | null
  if (g.year !== undefined) {
    time = utc(+g.year, +g.month! - 1, +g.day!, +g.hour!, +g.minute!, +g.second!, g.fraction === undefined ? 0 : Number(g.fraction.slice(0, 3).padEnd(3, '0')))
    const zone = g.zone?.trimStart()
    if (time !== null && zone !== undefined && zone !== 'Z') {
      const digits = zone.slice(1).replace(':', '')
      const hours = Number(digits.slice(0, 2))
      const minutes = Number(digits.slice(2))
      time = hours > 23 || minutes > 59 ? null : time - (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000
    }
  } else {
    time = utc(year, MONTHS[g.mon!]!, Number(g.bsdDay!.trim()), +g.bsdHour!, +g.bsdMinute!, +g.bsdSecond!, 0)
  }
  if (time === null) return { time: null, host: null }
  const hostRe = g.year === undefined || g.v5424 !== undefined ? HOST_NEXT : HOST_AFTER_ISO
  hostRe.lastIndex = STAMP_PATTERN.lastIndex
  const h = hostRe.exec(text)
  return { time, host: h === null ? null : h[1]! }
}

describe('reading a stamp character by character', () => {
  const digits = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9'), { minLength: n, maxLength: n }).map((d) => d.join(''))
  const piece = fc.oneof(
    fc.constantFrom('<34>', '<165>1 ', '<1234>', '<>', '1 ', '[', '2025', '2024', '-', '/', '03', '11', '29', 'T', ' ', '08', ':', '14', '02', '60', '.', ',',
      'Z', '+01:00', '-0500', '+01', ' +01:00', ' -05:00', ' +01:00:', ' +01:001', '+01:0x', '+25:00', 'Mar', 'Feb', 'Dec', 'mar', 'Xyz', ' 5', '05',
      ' web-02 app[12]: x', ' web-02 x', ' ERROR x', ' dc-01 sshd[812]: ', '\n'),
    digits(1), digits(2), digits(4), digits(7), fc.string({ maxLength: 3 }),
  )
  const shaped = fc.constantFrom(
    '2025-03-11T08:14:02.117Z web-02 app[12]: x', '<165>1 2025-03-11T08:14:02.003Z web-02 app x', '<34>Mar 11 08:14:02 web-02 sshd[812]: x',
    '2025-03-11 09:14:05.123 +01:00 [ERR] x', '[2025/03/11 08:14:05,123456789012-05:00] x', 'Mar  1 08:14:02 dc-01 kernel: x', '<34>1 Mar 11 08:14:02 h x',
  )
  /** A known shape with a character or two changed, cut or put in. */
  const mutated = fc.tuple(shaped, fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '0', '9', ' ', ':', '-', 'x', '+', '.')), { maxLength: 2 }))
    .map(([line, edits]) => edits.reduce<string>((l, [at, c]) => l.slice(0, at % (l.length + 1)) + c + l.slice((at % (l.length + 1)) + (c === '' ? 1 : at % 2)), line))

  it('reads the same time and host as the pattern it replaced, for any line', () => {
    fc.assert(fc.property(fc.oneof(fc.array(piece, { maxLength: 14 }).map((p) => p.join('')), mutated), fc.nat(3), (line, from) => {
      const at = Math.min(from, line.length)
      expect(readLineStart(line, at, 2025)).toEqual(byPattern(line, at, 2025))
    }), { numRuns: 20000 })
  })
})
