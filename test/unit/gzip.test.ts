import { PassThrough, Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { gunzipIfGzip, startsWithGzip } from '../../src/stream/gzip.js'

const all = async (r: Readable): Promise<Buffer> => {
  const parts: Buffer[] = []
  for await (const c of r) parts.push(c as Buffer)
  return Buffer.concat(parts)
}

describe('startsWithGzip', () => {
  it('knows gzip by its first two bytes and puts them back', async () => {
    const gz = gzipSync('SEC_E_TIME_SKEW\n')
    const input = Readable.from([gz], { objectMode: false })
    expect(await startsWithGzip(input)).toBe(true)
    expect(await all(input)).toEqual(gz)
  })

  it('says no to text, which it leaves whole', async () => {
    const input = Readable.from([Buffer.from('plain\n')], { objectMode: false })
    expect(await startsWithGzip(input)).toBe(false)
    expect((await all(input)).toString()).toBe('plain\n')
  })

  it('waits for a second byte that comes later, letting timers and I/O run meanwhile', async () => {
    const input = new PassThrough()
    input.write(Buffer.from([0x1f]))
    let ticks = 0
    const timer = setInterval(() => { ticks++ }, 5)
    setTimeout(() => input.end(Buffer.from([0x8b, 0x08])), 40)
    const gzip = await startsWithGzip(input)
    clearInterval(timer)
    expect(gzip).toBe(true)
    expect(ticks).toBeGreaterThan(0)
    expect([...await all(input)]).toEqual([0x1f, 0x8b, 0x08])
  })

  it('says no to an input of one byte, and keeps the byte', async () => {
    const input = new PassThrough()
    input.write(Buffer.from([0x1f]))
    setTimeout(() => input.end(), 20)
    expect(await startsWithGzip(input)).toBe(false)
    expect([...await all(input)]).toEqual([0x1f])
  })

  it('says no to an empty input', async () => {
    const input = new PassThrough()
    input.end()
    expect(await startsWithGzip(input)).toBe(false)
  })

  it('stops waiting when the signal aborts (a live run stopped before any input)', async () => {
    const stop = new AbortController()
    setTimeout(() => stop.abort(), 20)
    expect(await startsWithGzip(new PassThrough(), stop.signal)).toBe(false)
  })
})

describe('gunzipIfGzip', () => {
  it('gives the text inside a gzip input', async () => {
    const input = Readable.from([gzipSync('one\ntwo\n')], { objectMode: false })
    expect((await all(await gunzipIfGzip(input))).toString()).toBe('one\ntwo\n')
  })

  it('gives a text input back as it is', async () => {
    const input = Readable.from([Buffer.from('one\n')], { objectMode: false })
    expect(await gunzipIfGzip(input)).toBe(input)
  })

  it('lets a gzip input cut short fail in the stream it returns', async () => {
    const gz = gzipSync('x'.repeat(10_000))
    await expect(all(await gunzipIfGzip(Readable.from([gz.subarray(0, 12)], { objectMode: false })))).rejects.toThrow(/end of file/)
  })
})
