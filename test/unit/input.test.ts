import { closeSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { MessageChannel } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { openInput, openRegularFile, untilAborted } from '../../src/source/input.js'
import { chunksOf, FileRangeReader } from '../../src/source/file-slices.js'

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

describe('reading a regular file with readSync (summarize)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sspi-input-'))
  const file = join(dir, 'data.log')
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i} é\n`).join(''))
  writeFileSync(file, bytes)
  const whole = { start: 0, end: Number.POSITIVE_INFINITY }

  it('gives the whole file, in chunks no larger than asked for', async () => {
    const fd = openRegularFile(file)!
    const chunks: Buffer[] = []
    for await (const c of chunksOf(new FileRangeReader(fd, whole, 4096))) chunks.push(Buffer.from(c))
    closeSync(fd)
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true)
    expect(Math.max(...chunks.map((c) => c.length))).toBe(4096)
  })

  it('names a missing file as the stream reader does', () => {
    expect(() => openRegularFile(join(dir, 'nope.log'))).toThrow(/nope\.log: no such file or folder/)
  })

  it('names a directory as the stream reader does', () => {
    expect(() => openRegularFile(dir)).toThrow(/is a folder/)
  })

  it('leaves what is not a regular file to the stream reader', () => {
    expect(openRegularFile('/dev/null')).toBeNull()
  })

  it('turns the event loop between chunks, so worker messages and signals are heard', async () => {
    const { port1, port2 } = new MessageChannel()
    let heard = 0
    port2.on('message', () => { heard++ })
    let heardWhileReading = 0
    let n = 0
    const fd = openRegularFile(file)!
    for await (const _ of chunksOf(new FileRangeReader(fd, whole, 1024))) {
      if (n === 0) port1.postMessage('stop?')
      if (n === 3) heardWhileReading = heard
      n++
    }
    closeSync(fd)
    port2.close()
    expect(n).toBeGreaterThan(20)
    expect(heardWhileReading).toBe(1)
  })
})
