import { describe, expect, it } from 'vitest'
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
