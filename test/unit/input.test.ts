import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { untilAborted } from '../../src/stream/input.js'

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
