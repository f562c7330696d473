import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { createDedupeStage, normalizeLine, parseWindow, type RepeatedEvent } from '../../src/enrich/dedupe.js'
import { annotateLine, type LineEvent } from '../../src/enrich/line-event.js'
import { matcher } from '../helpers/rules.js'

const ev = (line: string, lineNumber: number): LineEvent => ({ line, lineNumber, source: '-', codes: annotateLine(matcher, line) ?? [] })

async function dedupe (events: LineEvent[], maxEntries?: number): Promise<Array<LineEvent & { repeated?: number }>> {
  const out: RepeatedEvent[] = []
  await pipeline(Readable.from(events), createDedupeStage({ windowMs: 60_000, maxEntries }), new Writable({ objectMode: true, write (e, _enc, cb) { out.push(e); cb() } }))
  return out
}

describe('folding repeated events', () => {
  it('passes the first event at once and writes one event for its repeats at the end', async () => {
    const out = await dedupe([
      ev('08:00:01 hr=0x8009030C pid 10', 1),
      ev('08:00:02 hr=0x8009030C pid 11', 2),
      ev('08:00:03 hr=0x8009030C pid 12', 3),
    ])
    expect(out.map((e) => [e.lineNumber, e.repeated])).toEqual([[1, undefined], [3, 2]])
  })

  it('keeps apart events whose codes or wording differ', async () => {
    const out = await dedupe([ev('a SEC_E_TIME_SKEW', 1), ev('a SEC_E_LOGON_DENIED', 2), ev('b SEC_E_TIME_SKEW', 3)])
    expect(out.map((e) => e.lineNumber)).toEqual([1, 2, 3])
  })

  it('folds the events of a chunk, handed on together, as it folds them one by one', async () => {
    const lines = ['08:00:01 hr=0x8009030C pid 10', 'nothing', '08:00:02 hr=0x8009030C pid 11', 'b SEC_E_TIME_SKEW', '08:00:03 hr=0x8009030C pid 12']
    const out: RepeatedEvent[] = []
    await pipeline(Readable.from([lines.map((l, i) => ev(l, i + 1))]), createDedupeStage({ windowMs: 60_000 }), new Writable({ objectMode: true, write (e, _enc, cb) { out.push(e); cb() } }))
    expect(out).toEqual(await dedupe(lines.map((l, i) => ev(l, i + 1))))
    expect(out.map((e) => [e.lineNumber, e.repeated])).toEqual([[1, undefined], [2, undefined], [4, undefined], [5, 2]])
  })

  it('passes lines without codes straight through', async () => {
    const out = await dedupe([ev('nothing', 1), ev('nothing', 2)])
    expect(out.map((e) => e.lineNumber)).toEqual([1, 2])
  })

  it('writes the held repeats of an event pushed out of its bounded memory', async () => {
    const out = await dedupe([ev('x SEC_E_TIME_SKEW', 1), ev('x SEC_E_TIME_SKEW', 2), ev('y SEC_E_LOGON_DENIED', 3), ev('z SEC_E_CERT_EXPIRED', 4)], 2)
    expect(out.map((e) => [e.lineNumber, e.repeated])).toEqual([[1, undefined], [3, undefined], [2, 1], [4, undefined]])
  })

  it('accounts for every line: first events plus their repeated counts', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => ev(`${i} ${['SEC_E_TIME_SKEW', 'SEC_E_LOGON_DENIED', '0x80090325'][i % 3]} host-${i % 5}x`, i + 1))
    const out = await dedupe(lines, 4)
    // A first event stands for its own line; a repeat event for `repeated` lines.
    expect(out.reduce((n, e) => n + (e.repeated ?? 1), 0)).toBe(500)
  })
})

describe('normalising a line', () => {
  it('blanks every token that holds a digit', () => {
    expect(normalizeLine('2025-03-11T08:14:02.117Z web-02 pid[2208] added 6f1b2c3d-8e9f failed')).toBe('#-#-#T#:#:#.#Z web-# pid[#] added #-# failed')
  })
})

describe('the --dedupe window', () => {
  it.each([['30s', 30_000], ['5m', 300_000], ['500ms', 500], ['1h', 3_600_000], ['2', 2000], ['1.5s', 1500]])('reads %s', (text, ms) => {
    expect(parseWindow(text)).toBe(ms)
  })

  it.each(['', '0', '5x', '-3s', 's'])('refuses %j', (text) => {
    expect(parseWindow(text)).toBeNull()
  })
})
