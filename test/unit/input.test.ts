import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { openInput, untilAborted } from '../../src/stream/input.js'

describe('reading until aborted', () => {
  it('passes every chunk through when never aborted', async () => {
    const got: string[] = []
    for await (const c of untilAborted(Readable.from(['a', 'b', 'c']), new AbortController().signal)) got.push(String(c))
    expect(got).toEqual(['a', 'b', 'c'])
  })

  it('ends cleanly, without an error, when aborted while waiting for a chunk', async () => {
    const stop = new AbortController()
    const source = new Readable({ read () {} })
    source.push('first')
    const got: string[] = []
    const done = (async () => { for await (const c of untilAborted(source, stop.signal)) { got.push(String(c)); stop.abort() } })()
    await expect(done).resolves.toBeUndefined()
    expect(got).toEqual(['first'])
  })
})

describe('reading a file with readSync (summarize)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sspi-input-'))
  const file = join(dir, 'data.log')
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i} é\n`).join(''))
  writeFileSync(file, bytes)

  it('gives the whole file, in chunks no larger than asked for', async () => {
    const chunks: Buffer[] = []
    for await (const c of await openInput(file, undefined, 4096, 'sync')) chunks.push(c as Buffer)
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true)
    expect(Math.max(...chunks.map((c) => c.length))).toBe(4096)
  })

  it('names a missing file as the stream reader does', async () => {
    await expect(openInput(join(dir, 'nope.log'), undefined, 4096, 'sync')).rejects.toThrow(/nope\.log: no such file/)
  })

  it('lets timers run between chunks, so worker messages and signals are heard', async () => {
    let ticks = 0
    const timer = setInterval(() => { ticks++ }, 0)
    let n = 0
    for await (const _ of await openInput(file, undefined, 1024, 'sync')) n++
    clearInterval(timer)
    expect(n).toBeGreaterThan(20)
    expect(ticks).toBeGreaterThan(0)
  })
})
