import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setImmediate as turn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { sourceStages } from '../../src/pipeline/plan.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { matcher } from '../helpers/rules.js'

/** A log of `n` lines, every third one with a code. */
function log (n: number): Buffer {
  const lines: string[] = []
  for (let i = 1; i <= n; i++) lines.push(i % 3 === 0 ? `2025-03-01 12:00:00 lsass[${i}]: logon failed 0x8009030C (try ${i})` : `2025-03-01 12:00:00 svc[${i}]: heartbeat ok`)
  return Buffer.from(lines.join('\n') + '\n')
}

/**
 * `bytes` in pieces of `size`, each copied into the same buffer, as a file
 * read into one reused buffer gives them; `asked` counts the pieces handed out.
 */
function oneBuffer (bytes: Buffer, size: number, asked: { n: number }): AsyncGenerator<Buffer> {
  const buf = Buffer.alloc(size)
  return (async function * () {
    for (let at = 0; at < bytes.length; at += size) {
      const n = bytes.copy(buf, 0, at, Math.min(bytes.length, at + size))
      asked.n++
      yield buf.subarray(0, n)
    }
  })()
}

/** A writer that takes its time over every write, as a slow terminal or a full pipe does. */
function slowWriter (into: string[]): Writable {
  return new Writable({
    highWaterMark: 1,
    write (b: Buffer, _e, cb) { into.push(b.toString()); setTimeout(cb, 1) },
  })
}

describe('the scan source', () => {
  it('scans each chunk before reading the next, so the chunks may share one buffer', async () => {
    const bytes = log(3000)
    const expected: string[] = []
    await pipeline([...sourceStages({ matcher }, 'app.log', new SummaryCounter(), [bytes]), slowWriter(expected)])
    const got: string[] = []
    await pipeline([...sourceStages({ matcher }, 'app.log', new SummaryCounter(), oneBuffer(bytes, 4096, { n: 0 })), slowWriter(got)])
    expect(got.join('')).toBe(expected.join(''))
    expect(got.join('').split('\n').filter(Boolean)).toHaveLength(1000)
  })

  it('hands on the events of a chunk together, in order', async () => {
    const [scan] = sourceStages({ matcher }, 'app.log', new SummaryCounter(), [log(30), log(6)])
    const items: unknown[] = []
    for await (const item of scan) items.push(item)
    expect(items.map((run) => (run as Array<{ lineNumber: number }>).map((e) => e.lineNumber))).toEqual([[3, 6, 9, 12, 15, 18, 21, 24, 27, 30], [33, 36]])
  })

  it('reads no further while the next stage wants no more', async () => {
    const asked = { n: 0 }
    const stalled = new Writable({ highWaterMark: 1, write (_b, _e, _cb) { /* never done */ } })
    const run = pipeline([...sourceStages({ matcher }, 'app.log', new SummaryCounter(), oneBuffer(log(30_000), 4096, asked)), stalled])
    for (let i = 0; i < 50; i++) await turn()
    // ~330 chunks in all; only what fills the stages' buffers is read.
    expect(asked.n).toBeGreaterThan(0)
    expect(asked.n).toBeLessThan(40)
    stalled.destroy()
    await run.catch(() => {})
  })

  it('lets its source finish (and close its file) when the pipeline is torn down early', async () => {
    let closed = false
    async function * chunks (): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          yield Buffer.from('lsass: 0x8009030C\n'.repeat(100))
          await turn()
        }
      } finally {
        closed = true
      }
    }
    const stop = new Writable({ write (_b, _e, cb) { cb(new Error('reader went away')) } })
    await expect(pipeline([...sourceStages({ matcher }, 'app.log', new SummaryCounter(), chunks()), stop])).rejects.toThrow('reader went away')
    for (let i = 0; i < 5 && !closed; i++) await turn()
    expect(closed).toBe(true)
  })

  it('fails the pipeline with the error its source throws', async () => {
    async function * chunks (): AsyncGenerator<Buffer> {
      yield Buffer.from('first line\n')
      throw new Error('EIO: i/o error, read')
    }
    await expect(pipeline([...sourceStages({ matcher }, 'app.log', new SummaryCounter(), chunks()), slowWriter([])])).rejects.toThrow('EIO')
  })
})
