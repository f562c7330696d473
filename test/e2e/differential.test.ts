import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus } from '../../bench/corpus.js'
import { createAnnotator } from '../../src/annotator.js'
import { summarizeFiles } from '../../src/summarize/pool.js'
import { mergeSummaries, type Summary } from '../../src/summary/summary.js'
import { runCli } from '../helpers/cli.js'
import { matcher } from '../helpers/rules.js'

// Every reader goes through one line scanner and one record path, so the
// same input must give the same counts whichever command reads it: lines,
// codes, mentions, categories, severities, conflicts, cut, replaced and
// malformed input, time and host tables.

const dir = mkdtempSync(join(tmpdir(), 'sspi-differential-'))

/** Generated lines (`format`) with the hostile ones the readers used to disagree on. */
function hostileInput (format: 'text' | 'ndjson'): Buffer {
  const parts: Buffer[] = []
  generateCorpus({ lines: 20_000, seed: 11, format, eol: 'lf' }, (b) => parts.push(Buffer.from(b)))
  const stamp = '2025-03-11T08:14:02.117Z'
  const line = (msg: string): string => format === 'text' ? `${stamp} web-09 app[7]: ${msg}` : JSON.stringify({ '@timestamp': stamp, host: 'web-09', message: msg })
  const extra: Array<string | Buffer> = [
    // Over 1 MiB, with a code in the kept start (UTF-8 heavy: cut at a character edge) and one past the cut.
    line('SEC_E_TIME_SKEW ' + 'é'.repeat(600_000) + ' 0x80090325') + '\n',
    line('x'.repeat(1_200_000) + ' SEC_E_LOGON_DENIED') + '\r\n',
    line('CRLF line hr=0x8009030C') + '\r\n',
    line('a lone\rCR inside SEC_E_NO_CREDENTIALS') + '\n',
    Buffer.concat([Buffer.from(line('bad bytes ').slice(0, -2)), Buffer.from([0xff, 0xfe, 0x20]), Buffer.from(format === 'text' ? 'SEC_E_OK\n' : 'SEC_E_OK"}\n')]),
    line('0x8009030D (SEC_E_INVALID_TOKEN)') + '\n',
    line('Login failed. The target principal name is incorrect.') + '\n',
    ...(format === 'ndjson' ? ['not a record SEC_E_OK\n', '\n', '{"message": "broken 0x80090325",}\n', '[1,2]\n'] : []),
    line('last line without LF 0x80090322'),
  ]
  return Buffer.concat([...parts, ...extra.map((e) => (Buffer.isBuffer(e) ? e : Buffer.from(e)))])
}

/** hostileInput written to `name` in the spec's folder. */
function hostileFile (format: 'text' | 'ndjson', name: string): { path: string, bytes: Buffer } {
  const bytes = hostileInput(format)
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return { path, bytes }
}

/** The counts every reader must agree on: what only summarize knows (files, bytes) left out, the source's own name made one. */
function counts (s: Summary, source: string): unknown {
  const { files: _f, bytes: _b, ...rest } = s
  const hosts = Object.entries(rest.byHost ?? {}).map(([h, t]) => [h === source || h === 'stdin' ? '(source)' : h, t])
  return { ...rest, byHost: Object.fromEntries(hosts), byCode: withoutPlaces(rest.byCode), unknown: withoutPlaces(rest.unknown) }
}

/** Each code's first and last lines name the source as each reader names it (a path, -): the counts are compared without them. */
function withoutPlaces (table: Summary['byCode']): unknown {
  return Object.fromEntries(Object.entries(table).map(([k, { firstAt: _a, lastAt: _b, ...t }]) => [k, t]))
}

async function cliSummary (args: string[], stdin?: Buffer): Promise<Summary> {
  const file = join(dir, `summary-${Math.random().toString(36).slice(2)}.json`)
  const r = await runCli([...args, '--messages', '--year', '2025', '--summary-file', file], stdin)
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(readFileSync(file, 'utf8')) as Summary
}

async function summarizeJson (args: string[], stdin?: Buffer): Promise<Summary> {
  const r = await runCli(['summarize', '--json', '--messages', '--year', '2025', ...args], stdin)
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Summary
}

/** summarize's pool in this process: two threads, the file in 64 KiB slices. */
async function inSlices (path: string, input: 'text' | 'ndjson', fields: string[] | null): Promise<Summary> {
  const { compileMatcher } = await import('../../src/match/compile.js')
  const { ruleSet } = await import('../helpers/rules.js')
  const m = compileMatcher(ruleSet, { messages: true })
  const parts = await summarizeFiles([{ path, bytes: statSync(path).size }], { workers: 2, matcher: m, options: { input, fields, hostField: input === 'ndjson' ? 'host' : null, year: 2025 }, sliceBytes: 64 * 1024 })
  return mergeSummaries(...parts.filter((p): p is Summary => p !== null))
}

/** The library's annotator, fed the lines as a shipper would hand them over (decoded, split at LF, CR of CRLF dropped). */
async function library (bytes: Buffer, input: 'text' | 'records', fields?: string[]): Promise<Summary> {
  const text = new TextDecoder().decode(bytes)
  const lines = text.split('\n').map((l, i, all) => (i < all.length - 1 ? l.replace(/\r$/, '') : l))
  if (lines[lines.length - 1] === '') lines.pop()
  const annotator = createAnnotator({ input, fields, hostField: 'host', messages: true, source: 'library' })
  await pipeline(Readable.from(lines, { objectMode: true }), annotator, new Writable({ objectMode: true, write (_x, _e, cb) { cb() } }))
  return annotator.summary
}

describe('every reader counts the same text the same way', () => {
  let path: string
  let bytes: Buffer
  let reference: unknown
  beforeAll(async () => {
    ;({ path, bytes } = hostileFile('text', 'hostile.log'))
    reference = counts(await cliSummary([path]), basename(path))
  }, 60_000)

  it('holds cut, replaced, malformed-free counts worth comparing', () => {
    const r = reference as Summary
    expect(r.input).toEqual({ truncatedLines: 2, replacedCharacters: 2, malformedRecords: 0 })
    expect(r.conflicts).toBe(1)
    expect(r.byCode.SEC_E_TIME_SKEW!.lines).toBeGreaterThan(0)
    expect(r.byCode.SEC_E_WRONG_PRINCIPAL!.lines).toBeGreaterThan(0)
  })

  it('annotate --all', async () => {
    expect(counts(await cliSummary(['--all', path]), basename(path))).toEqual(reference)
  })

  it('annotate reading standard input', async () => {
    expect(counts(await cliSummary([], bytes), 'stdin')).toEqual(reference)
  })

  it('summarize, one worker', async () => {
    expect(counts(await summarizeJson(['--workers', '1', path]), basename(path))).toEqual(reference)
  })

  it('summarize, two workers reading the file in slices', async () => {
    expect(counts(await inSlices(path, 'text', null), basename(path))).toEqual(reference)
  })

  it('summarize reading standard input', async () => {
    expect(counts(await summarizeJson(['-'], bytes), 'stdin')).toEqual(reference)
  })

  it('createAnnotator, but for the replaced bytes, which a caller handing over strings has already decoded', async () => {
    const got = counts(await library(bytes, 'text'), 'library') as Summary
    const want = reference as Summary
    expect({ ...got, input: { ...got.input, replacedCharacters: 2 } }).toEqual(want)
  })

  it('a gzip file cut short: annotate and summarize count the same lines before the cut', async () => {
    const gz = gzipSync(bytes)
    const cut = join(dir, 'cut.log.gz')
    writeFileSync(cut, gz.subarray(0, gz.length >> 1))
    const annotate = await runCli(['--messages', '--year', '2025', '--summary-file', join(dir, 'cut.json'), cut])
    expect(annotate.code).toBe(1)
    const summarize = await runCli(['summarize', '--json', '--messages', '--year', '2025', cut])
    expect(summarize.code).toBe(1)
    expect(summarize.stderr).toMatch(/cut\.log\.gz: .*end of file; the lines before it are counted/)
    const s = JSON.parse(summarize.stdout) as Summary
    expect(s.damaged).toEqual({ [cut]: expect.stringMatching(/end of file/) })
    expect(s.lines).toBeGreaterThan(0)
    const { damaged: _d, ...rest } = s
    expect(counts(rest, basename(cut))).toEqual(counts(JSON.parse(readFileSync(join(dir, 'cut.json'), 'utf8')) as Summary, basename(cut)))
  })
})

describe('every reader counts the same records the same way', () => {
  let path: string
  let bytes: Buffer
  let reference: unknown
  beforeAll(async () => {
    ;({ path, bytes } = hostileFile('ndjson', 'hostile.ndjson'))
    reference = counts(await cliSummary(['--input', 'ndjson', '--field', 'message', '--host-field', 'host', path]), basename(path))
  }, 60_000)

  it('holds cut and malformed records worth comparing', () => {
    const r = reference as Summary
    expect(r.input).toMatchObject({ truncatedLines: 2, malformedRecords: 6 })
    expect(r.byHost!['host-1']!.lines).toBeGreaterThan(0)
  })

  it('annotate --input auto', async () => {
    expect(counts(await cliSummary(['--input', 'auto', '--field', 'message', '--host-field', 'host', path]), basename(path))).toEqual(reference)
  })

  it('annotate --rsyslog', async () => {
    expect(counts(await cliSummary(['--rsyslog', '--field', 'message', '--host-field', 'host'], bytes), 'stdin')).toEqual(reference)
  })

  it('summarize, one worker', async () => {
    expect(counts(await summarizeJson(['--input', 'ndjson', '--field', 'message', '--host-field', 'host', '--workers', '1', path]), basename(path))).toEqual(reference)
  })

  it('summarize, two workers reading the file in slices', async () => {
    expect(counts(await inSlices(path, 'ndjson', ['message']), basename(path))).toEqual(reference)
  })

  it('createAnnotator with records, but for the replaced bytes', async () => {
    const got = counts(await library(bytes, 'records', ['message']), 'library') as Summary
    const want = reference as Summary
    expect({ ...got, input: { ...got.input, replacedCharacters: want.input.replacedCharacters } }).toEqual(want)
  })
})
