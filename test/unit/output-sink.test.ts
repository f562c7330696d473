import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { sinkInto } from '../../src/write/output.js'

/**
 * A stand-in for Node's stdout over a file (a SyncWriteStream): it says so
 * as Node's own does (`_type` 'fs', its `fd`), and writes what reaches it
 * as a stream to the same file.
 */
function fileStdout (fd: number): Writable & { readonly streamed: Array<string | Buffer> } {
  const streamed: Array<string | Buffer> = []
  const target = new Writable({
    write (chunk: Buffer, _enc, cb) {
      streamed.push(chunk)
      writeSync(fd, chunk)
      cb()
    },
  })
  return Object.assign(target, { _type: 'fs', fd, streamed })
}

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'sspi-sink-')), 'out')

describe('the end of a pipeline, when stdout is a file', () => {
  it('writes text straight to the file, not through the stream', async () => {
    const file = tempFile()
    const fd = openSync(file, 'w')
    const target = fileStdout(fd)
    await pipeline(Readable.from(['{"a":1}\n', '{"b":2}\n']), sinkInto(target))
    closeSync(fd)
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n')
    expect(target.streamed).toEqual([])
  })

  it('keeps text and batches of bytes in their order', async () => {
    const file = tempFile()
    const fd = openSync(file, 'w')
    const target = fileStdout(fd)
    await pipeline(Readable.from(['one\n', Buffer.from('two\n'), 'three\n']), sinkInto(target))
    closeSync(fd)
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\nthree\n')
    expect(target.streamed.map(String)).toEqual(['two\n'])
  })

  it('hands a failed write to stdout, whose error handler decides', async () => {
    const fd = openSync('/dev/full', 'w')
    const target = fileStdout(fd)
    const failed = new Promise<NodeJS.ErrnoException>((resolve) => target.on('error', resolve))
    sinkInto(target).write('{"a":1}\n')
    expect((await failed).code).toBe('ENOSPC')
    closeSync(fd)
  })
})
