import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { writeCorpus } from '../helpers/corpus.js'
import { summarizeFiles, type PoolOptions } from '../../src/summarize/pool.js'
import { runCli } from '../helpers/cli.js'
import { matcher } from '../helpers/rules.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-slices-e2e-'))

const corpus = (name: string, lines: number, seed: number, format: 'text' | 'ndjson'): ReturnType<typeof writeCorpus> => writeCorpus(dir, name, lines, seed, format)

/** summarizeFiles over `paths`, with `workers` threads and small slices, so that one file is many slices. */
async function summarize (paths: string[], workers: number, options: Partial<PoolOptions> = {}): Promise<unknown[]> {
  return summarizeFiles(paths.map((path) => ({ path, bytes: statSync(path).size })), {
    workers,
    matcher,
    options: { input: 'auto', fields: null, hostField: null, year: 2025 },
    sliceBytes: 64 * 1024,
    ...options,
  })
}

describe('summarize reading one file in slices on several threads', () => {
  let text: string
  let records: string
  let hostile: string
  beforeAll(async () => {
    text = (await corpus('app.log', 30_000, 21, 'text')).file
    records = (await corpus('records.ndjson', 10_000, 22, 'ndjson')).file
    // Lines the slices must not split or count twice: one longer than
    // summarize's 1 MiB line bound, invalid UTF-8, CRLF, no final LF.
    hostile = join(dir, 'hostile.log')
    const lines: Array<string | Buffer> = []
    for (let i = 0; i < 3000; i++) {
      lines.push(`2025-03-11T08:${String(i % 60).padStart(2, '0')}:02Z web-0${i % 3} app[7]: call ${i} failed 0x80090325\r\n`)
      if (i === 1000) lines.push(`2025-03-11T09:00:00Z web-01 app[7]: ${'x'.repeat(2500 * 1024)} SEC_E_LOGON_DENIED\n`)
      if (i % 500 === 0) lines.push(Buffer.from([0x62, 0xff, 0xfe, 0x20, 0x53, 0x45, 0x43, 0x5f, 0x45, 0x5f, 0x4f, 0x4b, 0x0a]))
    }
    lines.push('last line 0x8009030C without LF')
    writeFileSync(hostile, Buffer.concat(lines.map((l) => (Buffer.isBuffer(l) ? l : Buffer.from(l)))))
  })

  it('counts a text file as one thread reading it whole does', async () => {
    expect(await summarize([text], 2)).toEqual(await summarize([text], 1))
  })

  it('counts an NDJSON file, its mode decided by its start, as one thread does', async () => {
    expect(await summarize([records], 2)).toEqual(await summarize([records], 1))
  })

  it('counts long, cut, invalid and unterminated lines once, as one thread does', async () => {
    const [whole] = await summarize([hostile], 1) as Array<{ lines: number, input: { truncatedLines: number, replacedCharacters: number } }>
    expect(whole!.input.truncatedLines).toBe(1)
    expect(whole!.input.replacedCharacters).toBe(12)
    expect(await summarize([hostile], 2)).toEqual([whole])
  })

  it('writes the JSON one thread reading the file whole writes, key for key, when a code is met first on lines without a time', async () => {
    const path = join(dir, 'untimed-first.log')
    const lines: string[] = []
    for (let i = 0; i < 4000; i++) {
      lines.push(i < 2000
        ? `   ---> System.ComponentModel.Win32Exception (0x80090303): the token supplied is invalid, frame ${i}\n`
        : `2025-03-11T08:${String(i % 60).padStart(2, '0')}:02Z web-01 app[7]: call ${i} failed 0x80090303\n`)
    }
    writeFileSync(path, lines.join(''))
    expect(JSON.stringify(await summarize([path], 2))).toBe(JSON.stringify(await summarize([path], 1)))
  })

  it('tells of each file once, when all its slices are done', async () => {
    const done: string[] = []
    await summarize([text, records], 2, { onFile: (f) => done.push(f.path) })
    expect(done.sort()).toEqual([records, text].sort())
  })

  it('reports bytes read adding up to the files\' sizes', async () => {
    let bytes = 0
    await summarize([text, hostile], 2, { onBytes: (n) => { bytes += n } })
    expect(bytes).toBe(statSync(text).size + statSync(hostile).size)
  })
})

describe('summarize on a file bigger than two slices (16 MiB each)', () => {
  it('gives with two workers what it gives with one, and the truth', async () => {
    const { file, truth } = await corpus('big.log', 260_000, 23, 'text')
    expect(statSync(file).size).toBeGreaterThan(32 * 1024 * 1024)
    const run = async (workers: string): Promise<any> => JSON.parse((await runCli(['summarize', '--json', '--workers', workers, file])).stdout)
    const [one, two] = [await run('1'), await run('2')]
    expect(two).toEqual(one)
    expect(two.lines).toBe(truth.lines)
    expect(two.files).toBe(1)
    expect(two.bytes).toBe(statSync(file).size)
    for (const [name, t] of Object.entries(truth.byCode)) expect(two.byCode[name]?.lines, name).toBe(t.lines)
  }, 60_000)
})
