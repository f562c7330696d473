import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { openTextSource, type TextSource } from '../../src/source/text-source.js'
import { NotTextError } from '../../src/source/gzip.js'
import { InputError } from '../../src/source/input.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-text-source-'))
const NEVER = new AbortController().signal

function file (name: string, bytes: Buffer | string): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

async function readAll (source: TextSource): Promise<string> {
  const parts: Buffer[] = []
  for await (const c of source.chunks) parts.push(Buffer.from(c))
  return Buffer.concat(parts).toString()
}

const open = (path: string, more: Partial<Parameters<typeof openTextSource>[1]> = {}): Promise<TextSource> =>
  openTextSource(path, { chunkBytes: 8, signal: NEVER, ...more })

describe('opening an input', () => {
  it('reads a plain file whole, in chunks, counting its bytes', async () => {
    const source = await open(file('plain.log', 'one\ntwo SEC_E_OK\nthree\n'))
    expect(await readAll(source)).toBe('one\ntwo SEC_E_OK\nthree\n')
    expect(source.bytesRead()).toBe(23)
    expect(source.damage()).toBeNull()
  })

  it('reads a plain file into one buffer, each chunk valid until the next is asked for', async () => {
    const path = file('reuse.log', 'aaaaaaaabbbbbbbbcccc')
    const views: Buffer[] = []
    const copies: string[] = []
    for await (const c of (await open(path)).chunks) {
      views.push(c)
      copies.push(c.toString())
    }
    expect(copies).toEqual(['aaaaaaaa', 'bbbbbbbb', 'cccc'])
    expect(views[0]!.buffer).toBe(views[1]!.buffer)
  })

  it('hands its buffer to the next file this thread reads, once done with', async () => {
    const path = file('first.log', 'aaaaaaaabbbbbbbb')
    let used: ArrayBufferLike | null = null
    for await (const c of (await open(path)).chunks) used = c.buffer
    const next = await open(file('second.log', 'cccccccc'))
    for await (const c of next.chunks) expect(c.buffer).toBe(used)
  })

  it('never shares its buffer with a file still being read', async () => {
    const one = (await open(file('one.log', 'aaaaaaaabbbbbbbb'))).chunks[Symbol.asyncIterator]()
    const two = (await open(file('two.log', 'cccccccc'))).chunks[Symbol.asyncIterator]()
    const a = (await one.next()).value as Buffer
    const b = (await two.next()).value as Buffer
    expect(a.buffer).not.toBe(b.buffer)
    expect([a.toString(), b.toString()]).toEqual(['aaaaaaaa', 'cccccccc'])
    await one.return?.()
    await two.return?.()
  })

  it('gives the text inside a gzip file, whatever its name, and counts the compressed bytes', async () => {
    const gz = gzipSync('one\ntwo\n')
    const source = await open(file('rotated.1', gz))
    expect(await readAll(source)).toBe('one\ntwo\n')
    expect(source.bytesRead()).toBe(gz.length)
  })

  it('ends a gzip file cut short at the damage, and says why', async () => {
    const gz = gzipSync(Array.from({ length: 2000 }, (_, i) => `line ${i}\n`).join(''))
    const source = await open(file('cut.gz', gz.subarray(0, gz.length >> 1)))
    const text = await readAll(source)
    expect(text.startsWith('line 0\nline 1\n')).toBe(true)
    expect(source.damage()).toMatch(/end of file/)
  })

  it('reads only the lines that start in a range of a plain file', async () => {
    const path = file('ranges.log', 'aaaa\nbbbb\ncccc\n')
    expect(await readAll(await open(path, { range: { start: 0, end: 6 } }))).toBe('aaaa\nbbbb\n')
    expect(await readAll(await open(path, { range: { start: 6, end: 15 } }))).toBe('cccc\n')
  })

  it('refuses a format it does not read, naming it, and a missing file, saying why', async () => {
    await expect(open(file('app.log.xz', Buffer.from('fd377a585a000004e6d6b446000000001cdf44211fb6f37d010000000004595a', 'hex')))).rejects.toThrow(NotTextError)
    await expect(open(join(dir, 'missing.log'))).rejects.toThrow(InputError)
  })
})
