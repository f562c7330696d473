import { describe, expect, it } from 'vitest'
import { cutAt as cut } from '../helpers/chunks.js'
import fc from 'fast-check'
import { ChunkScanner } from '../../src/summarize/chunk-scanner.js'
import { SummaryCounter, mergeSummaries, type Summary } from '../../src/summary/summary.js'
import { annotateLine } from '../../src/stream/annotate.js'
import { matcher } from '../helpers/rules.js'

function scanChunks (chunks: string[], host = 'file.log'): Summary {
  const counter = new SummaryCounter()
  const scanner = new ChunkScanner({ matcher, counter, host, year: 2025 })
  for (const c of chunks) scanner.write(c)
  scanner.end()
  return counter.summary
}

/** The annotate counts of the same text, line by line. */
function perLine (text: string): Summary {
  const counter = new SummaryCounter()
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n')
  for (const l of lines) counter.countLine(annotateLine(matcher, l.replace(/\r$/, '')))
  return counter.summary
}


const LINES = [
  '2025-03-11T08:14:02.117Z web-02 app[1]: SEC_E_UNTRUSTED_ROOT (0x80090325)',
  'Mar 11 09:01:00 dc-01 sshd[2]: hr=0x8009030C and SEC_E_TIME_SKEW',
  'no code at all 67108864',
  '   ---> System.ComponentModel.Win32Exception (0x80090308): no stamp',
  '2016-09-28 04:30:30, Info CBS 0x800903A7 unknown',
  '',
]
const line = fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')))
const eol = fc.constantFrom('\n', '\r\n')

describe('scanning whole chunks for summarize', () => {
  it('counts exactly what annotate counts line by line, however the text is chunked', () => {
    fc.assert(fc.property(fc.array(fc.tuple(line, eol), { maxLength: 25 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (rows, finalEol, at) => {
      let text = rows.map(([l, e]) => l + e).join('')
      if (!finalEol) text = text.replace(/\r?\n$/, '')
      const got = scanChunks(cut(text, at))
      const want = perLine(text)
      expect({ lines: got.lines, linesWithCodes: got.linesWithCodes, mentions: got.mentions, byCode: strip(got.byCode), unknown: strip(got.unknown), byCategory: got.byCategory })
        .toEqual({ lines: want.lines, linesWithCodes: want.linesWithCodes, mentions: want.mentions, byCode: want.byCode, unknown: want.unknown, byCategory: want.byCategory })
    }))
  })

  it('records when and where: first and last seen, hourly buckets by category, hosts, untimed lines', () => {
    const s = scanChunks([LINES.join('\n') + '\n'])
    expect(s.byCode.SEC_E_UNTRUSTED_ROOT).toMatchObject({ firstSeen: '2025-03-11T08:14:02.117Z', lastSeen: '2025-03-11T08:14:02.117Z' })
    expect(s.time).toEqual({ untimedLines: 1, byHour: { '2025-03-11T08': { schannel: 1 }, '2025-03-11T09': { credentials: 1, kerberos: 1 }, '2016-09-28T04': { unknown: 1 } } })
    expect(Object.keys(s.byHost!).sort()).toEqual(['dc-01', 'file.log', 'web-02'])
    expect(s.byHost!['dc-01']).toEqual({ lines: 1, mentions: 2, byCode: { SEC_E_LOGON_DENIED: 1, SEC_E_TIME_SKEW: 1 } })
  })

  it('keeps only the start of a line longer than 1 Mi characters, and counts it as truncated', () => {
    const long = 'SEC_E_OK ' + 'x'.repeat(3 * 1024 * 1024) + ' SEC_E_TIME_SKEW'
    const s = scanChunks(cut(long + '\nnext 0x80090325\n', [70_000, 2_000_000, 3_000_000]))
    expect(s.lines).toBe(2)
    expect(Object.keys(s.byCode).sort()).toEqual(['SEC_E_OK', 'SEC_E_UNTRUSTED_ROOT'])
    expect(s.input.truncatedLines).toBe(1)
  })

  it('merging the summaries of the parts gives the summary of the whole, in any order and grouping', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 4 }), (rows, at) => {
      const points = [...new Set(at.map((x) => x % (rows.length + 1)))].sort((a, b) => a - b)
      const parts: string[][] = []
      let from = 0
      for (const p of [...points, rows.length]) { parts.push(rows.slice(from, p)); from = p }
      const sums = parts.map((p) => scanChunks([p.map((l) => l + '\n').join('')]))
      const whole = scanChunks([rows.map((l) => l + '\n').join('')])
      expect(mergeSummaries(...sums)).toEqual(mergeSummaries(whole))
      expect(mergeSummaries(...[...sums].reverse())).toEqual(mergeSummaries(whole))
      if (sums.length >= 3) expect(mergeSummaries(sums[2]!, mergeSummaries(sums[0]!, sums[1]!), ...sums.slice(3))).toEqual(mergeSummaries(whole))
    }))
  })
})

/** Per-line counting knows no times: drop them before comparing. */
function strip (table: Record<string, { firstSeen?: string, lastSeen?: string }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).map(([k, { firstSeen: _f, lastSeen: _l, ...rest }]) => [k, rest]))
}
