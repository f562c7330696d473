import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ByteBatch } from '../../src/write/byte-batch.js'
import { sinkInto } from '../../src/write/output.js'

/** One batch of `text`, as the scan source makes it. */
function batchOf (text: string): Buffer {
  let made: Buffer | null = null
  const batch = new ByteBatch((b) => { made = b })
  batch.bytes(Buffer.from(text))
  batch.flush()
  return made!
}

/** A stdout that holds each write's completion until told. */
function heldTarget (): { target: Writable, release: (err?: Error) => void } {
  const pending: Array<(err?: Error | null) => void> = []
  const target = new Writable({
    highWaterMark: 1 << 20,
    write (_chunk: Buffer, _enc, cb) { pending.push(cb) },
  })
  return { target, release: (err) => { for (const cb of pending.splice(0)) cb(err ?? null) } }
}

const write = (sink: Writable, b: Buffer): Promise<void> => new Promise((resolve) => sink.write(b, () => resolve()))

describe('the buffers batches are written from', () => {
  it('are not filled again while stdout has not written them', async () => {
    const { target, release } = heldTarget()
    const sink = sinkInto(target)
    const first = batchOf('{"a":1}\n')
    await write(sink, first)
    const second = batchOf('{"b":2}\n')
    expect(second.buffer).not.toBe(first.buffer)
    expect(first.toString()).toBe('{"a":1}\n')
    release()
  })

  it('are filled again once stdout has written them', async () => {
    const { target, release } = heldTarget()
    const sink = sinkInto(target)
    const first = batchOf('{"a":1}\n')
    await write(sink, first)
    release()
    await new Promise((resolve) => setImmediate(resolve))
    expect(batchOf('{"b":2}\n').buffer).toBe(first.buffer)
  })

  it('stay out of the pool when the write failed', async () => {
    const { target, release } = heldTarget()
    target.on('error', () => {})
    const sink = sinkInto(target)
    sink.on('error', () => {})
    const first = batchOf('{"a":1}\n')
    await write(sink, first)
    release(new Error('EPIPE'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(batchOf('{"b":2}\n').buffer).not.toBe(first.buffer)
  })

  it('stay with any other consumer, which may keep them', async () => {
    const kept: Buffer[] = []
    const consumer = new Writable({ write (chunk: Buffer, _enc, cb) { kept.push(chunk); cb() } })
    const first = batchOf('{"a":1}\n')
    await write(consumer, first)
    batchOf('{"b":2}\n')
    expect(kept[0]!.toString()).toBe('{"a":1}\n')
  })
})
