import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { closeSync, openSync } from 'node:fs'
import { chunksOf, FileRangeReader, sliceMode, sliceRanges } from '../../src/source/file-slices.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-slices-'))
let files = 0
function file (content: string | Buffer): string {
  const path = join(dir, `f${files++}`)
  writeFileSync(path, content)
  return path
}

/** What the reader gives for [start, end), each chunk copied: the reader reuses its buffer. */
async function read (path: string, start: number, end: number, chunk: number): Promise<Buffer> {
  const fd = openSync(path, 'r')
  const parts: Buffer[] = []
  for await (const b of chunksOf(new FileRangeReader(fd, { start, end }, chunk))) parts.push(Buffer.from(b))
  closeSync(fd)
  return Buffer.concat(parts)
}

async function slices (path: string, size: number, sliceBytes: number, chunk: number): Promise<Buffer[]> {
  return Promise.all(sliceRanges(size, sliceBytes).map(({ start, end }) => read(path, start, end, chunk)))
}

describe('file slices', () => {
  it('cover a size with ranges of the slice size, the last taking the rest', () => {
    expect(sliceRanges(10, 4)).toEqual([{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }])
    expect(sliceRanges(0, 4)).toEqual([])
  })

  it('give each line to the slice its first byte is in', async () => {
    const path = file('aaa\nbbbbbbb\ncc\nd\n')
    // Lines start at 0, 4, 12 and 15; none in [5, 10).
    expect((await slices(path, 17, 5, 3)).map(String)).toEqual(['aaa\nbbbbbbb\n', '', 'cc\n', 'd\n'])
  })

  it('give a slice whose range holds no line start nothing', async () => {
    const path = file(`${'x'.repeat(50)}\nend\n`)
    expect((await slices(path, 55, 10, 7)).map(String)).toEqual([`${'x'.repeat(50)}\n`, '', '', '', '', 'end\n'])
  })

  it('read to the end of the file when the end is Infinity', async () => {
    const path = file('one\ntwo\nthree')
    expect(String(await read(path, 0, Number.POSITIVE_INFINITY, 3))).toBe('one\ntwo\nthree')
    expect(String(await read(path, 5, Number.POSITIVE_INFINITY, 3))).toBe('three')
  })

  it('read each chunk into the same buffer', () => {
    // Bigger than Buffer's 4 KiB pooling threshold, so that no two buffers could share memory by chance.
    const line = `${'x'.repeat(5000)}\n`
    const path = file(line.repeat(4))
    const fd = openSync(path, 'r')
    const reader = new FileRangeReader(fd, { start: 0, end: Number.POSITIVE_INFINITY }, 8192)
    const first = reader.next()!
    const second = reader.next()!
    closeSync(fd)
    expect(second.buffer).toBe(first.buffer)
    expect(second.byteOffset).toBe(first.byteOffset)
    expect(String(second)).toBe(line.repeat(4).slice(8192, 16384))
  })

  it('keep the last line without an LF', async () => {
    const path = file('one\ntwo')
    expect((await slices(path, 7, 5, 4)).map(String)).toEqual(['one\ntwo', ''])
  })

  it('hold every byte of the file exactly once, each slice whole lines, whatever the slice and chunk sizes', async () => {
    const content = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', 'é', '😀', '\n\n'), fc.string({ maxLength: 40 })), { maxLength: 40 }).map((p) => p.join(''))
    await fc.assert(fc.asyncProperty(content, fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 32 }), async (text, sliceBytes, chunk) => {
      const bytes = Buffer.from(text)
      const path = file(bytes)
      const parts = await slices(path, bytes.length, sliceBytes, chunk)
      expect(Buffer.concat(parts).equals(bytes)).toBe(true)
      // Whole lines: every slice but the one with the file's last byte ends with an LF.
      const read = parts.filter((p) => p.length > 0)
      read.slice(0, -1).forEach((p) => expect(p[p.length - 1]).toBe(10))
    }), { numRuns: 200 })
  })
})

describe('whether a file can be sliced', () => {
  it('reads plain UTF-8 text as text, and NDJSON as records, from its first line', () => {
    expect(sliceMode(file('2025-03-11 08:14:02 SEC_E_OK\n'), 'auto')).toBe('text')
    expect(sliceMode(file('{"message":"SEC_E_OK"}\n'), 'auto')).toBe('ndjson')
    expect(sliceMode(file('\uFEFF{"message":"SEC_E_OK"}\n'), 'auto')).toBe('ndjson')
  })

  it('takes the mode it is given', () => {
    expect(sliceMode(file('{"message":"SEC_E_OK"}\n'), 'text')).toBe('text')
  })

  it('does not slice gzip, UTF-16, a head without a whole line in auto mode, or a file it cannot open', () => {
    expect(sliceMode(file(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])), 'text')).toBeNull()
    expect(sliceMode(file(Buffer.from('\uFEFFSEC_E_OK\n', 'utf16le')), 'text')).toBeNull()
    expect(sliceMode(file(`{"message":"${'x'.repeat(70 * 1024)}`), 'auto')).toBeNull()
    expect(sliceMode(join(dir, 'missing'), 'text')).toBeNull()
  })
})
