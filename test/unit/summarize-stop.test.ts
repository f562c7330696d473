import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SUMMARIZE_CHUNK, summarizePiece, type SummarizeOptions } from '../../src/summarize/summarize-source.js'
import { summarizeFiles } from '../../src/summarize/pool.js'
import { matcher } from '../helpers/rules.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-stop-'))
const options: SummarizeOptions = { input: 'text', fields: null, hostField: null }

/** 20,000 lines of exactly 60 bytes, each with one code: ~1.1 MiB, several chunks. */
const LINE = 'Mar 11 08:14:05 dc-01 lsass[612]: logon: SEC_E_TIME_SKEW ..\n'
const big = join(dir, 'big.log')
writeFileSync(big, LINE.repeat(20_000))

describe('summarize stopped by a signal', () => {
  it('stops reading a file at the next chunk, counting the lines read and the one in hand', async () => {
    expect(LINE.length).toBe(60)
    const stop = new AbortController()
    const s = await summarizePiece(matcher, { path: big }, options, () => stop.abort(), stop.signal)
    expect(s.bytes).toBe(SUMMARIZE_CHUNK)
    expect(s.lines).toBe(Math.ceil(SUMMARIZE_CHUNK / LINE.length))
  })

  it('reads nothing more once the signal has fired', async () => {
    const stop = new AbortController()
    stop.abort()
    const files = [{ path: big, bytes: 60 * 20_000 }, { path: big, bytes: 60 * 20_000 }]
    const results = await summarizeFiles(files, { workers: 1, matcher, options, signal: stop.signal })
    expect(results).toEqual([null, null])
  })
})
