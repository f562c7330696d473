import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { createNdjsonStage } from '../../src/formats/ndjson.js'
import { sinkInto } from '../../src/write/output.js'

describe('the NDJSON stage', () => {
  it('writes one JSON object per line and batches events that arrive together', async () => {
    const writes: string[] = []
    await pipeline(
      Readable.from([{ a: 1 }, { b: 2 }, { c: 3 }], { objectMode: true }),
      createNdjsonStage(),
      new Writable({ write (chunk: Buffer, _enc, cb) { writes.push(chunk.toString()); cb() } }),
    )
    expect(writes.join('')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n')
    expect(writes.length).toBeLessThan(3)
  })

  it('hands its text on as strings, for stdout to encode as it writes', async () => {
    const chunks: unknown[] = []
    const sink = sinkInto(new Writable({ decodeStrings: false, write (chunk: unknown, _enc, cb) { chunks.push(chunk); cb() } }))
    await pipeline(Readable.from([{ a: 1 }, { b: 2 }], { objectMode: true }), createNdjsonStage(), sink)
    expect(chunks.join('')).toBe('{"a":1}\n{"b":2}\n')
    expect(chunks.every((c) => typeof c === 'string')).toBe(true)
  })
})
