import { PassThrough, Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isGzipHead, peekHead } from '../../src/source/gzip.js'

const all = async (r: Readable): Promise<Buffer> => {
  const parts: Buffer[] = []
  for await (const c of r) parts.push(c as Buffer)
  return Buffer.concat(parts)
}

describe('peekHead', () => {
  it('knows gzip by its first two bytes and puts them back', async () => {
    const gz = gzipSync('SEC_E_TIME_SKEW\n')
    const input = Readable.from([gz], { objectMode: false })
    expect(isGzipHead(await peekHead(input))).toBe(true)
    expect(await all(input)).toEqual(gz)
  })

  it('gives the first bytes of text, which it leaves whole', async () => {
    const input = Readable.from([Buffer.from('plain\n')], { objectMode: false })
    expect((await peekHead(input)).toString()).toBe('plain\n')
    expect((await all(input)).toString()).toBe('plain\n')
  })

  it('waits for a second byte that comes later, letting timers and I/O run meanwhile', async () => {
    const input = new PassThrough()
    input.write(Buffer.from([0x1f]))
    let ticks = 0
    const timer = setInterval(() => { ticks++ }, 5)
    setTimeout(() => input.end(Buffer.from([0x8b, 0x08])), 40)
    const head = await peekHead(input)
    clearInterval(timer)
    expect([...head]).toEqual([0x1f, 0x8b, 0x08])
    expect(ticks).toBeGreaterThan(0)
    expect([...await all(input)]).toEqual([0x1f, 0x8b, 0x08])
  })

  it('gives an input of one byte, and keeps the byte', async () => {
    const input = new PassThrough()
    input.write(Buffer.from([0x1f]))
    setTimeout(() => input.end(), 20)
    expect([...await peekHead(input)]).toEqual([0x1f])
    expect([...await all(input)]).toEqual([0x1f])
  })

  it('gives nothing for an empty input', async () => {
    const input = new PassThrough()
    input.end()
    expect((await peekHead(input)).length).toBe(0)
  })

  it('does not hold back a short first line of a live input waiting for more bytes', async () => {
    const input = new PassThrough()
    input.write('ok')
    expect((await peekHead(input)).toString()).toBe('ok')
  })

  it('takes up to ten bytes of what has arrived, enough to tell the formats it does not read', async () => {
    const input = Readable.from([Buffer.from('2025-03-11 08:14:05 SEC_E_TIME_SKEW\n')], { objectMode: false })
    expect((await peekHead(input)).toString()).toBe('2025-03-11')
  })

  it('stops waiting when the signal aborts (a live run stopped before any input)', async () => {
    const stop = new AbortController()
    setTimeout(() => stop.abort(), 20)
    expect((await peekHead(new PassThrough(), stop.signal)).length).toBe(0)
  })
})
