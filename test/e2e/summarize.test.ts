import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync, spawn } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus, type CorpusTruth } from '../../bench/corpus.js'
import { writeCorpus } from '../helpers/corpus.js'
import { ROOT, runCli } from '../helpers/cli.js'
import { ruleSet } from '../helpers/rules.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-summarize-'))
const SHARED_GEN = join(ROOT, '..', 'shared', 'corpus', 'gen.mjs')

const corpus = (name: string, lines: number, seed: number, format: 'text' | 'ndjson' = 'text'): ReturnType<typeof writeCorpus> => writeCorpus(dir, name, lines, seed, format)

const json = async (args: string[], input?: string): Promise<any> => {
  const r = await runCli(['summarize', '--json', ...args], input)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout)
}

describe('summarize', () => {
  let parts: Array<{ file: string, truth: CorpusTruth }>
  beforeAll(async () => {
    mkdirSync(join(dir, 'logs', 'rotated'), { recursive: true })
    parts = [
      await corpus('logs/app.log', 40_000, 11),
      await corpus('logs/rotated/app.log.1', 30_000, 12),
      await corpus('logs/records.ndjson', 20_000, 13, 'ndjson'),
    ]
    writeFileSync(join(dir, 'logs', 'rotated', 'app.log.2.gz'), gzipSync(readFileSync(parts[1]!.file)))
  })

  it('counts each code of a generated corpus exactly as its truth says', async () => {
    for (const { file, truth } of parts) {
      const s = await json([file])
      expect(s.lines).toBe(truth.lines)
      expect(s.linesWithCodes).toBe(truth.linesWithCodes)
      for (const [name, t] of Object.entries(truth.byCode)) expect(s.byCode[name], name).toMatchObject({ lines: t.lines, mentions: t.mentions })
      expect(Object.keys(s.byCode).sort()).toEqual(Object.keys(truth.byCode).sort())
      for (const [h, t] of Object.entries(truth.unknown)) expect(s.unknown[h]).toMatchObject({ lines: t.lines, mentions: t.mentions })
    }
  })

  it('walks folders, reads .gz, and adds everything up', async () => {
    const s = await json([join(dir, 'logs')])
    expect(s.files).toBe(4)
    const lines = parts[0]!.truth.lines + 2 * parts[1]!.truth.lines + parts[2]!.truth.lines
    expect(s.lines).toBe(lines)
    expect(s.byCode.SEC_E_UNTRUSTED_ROOT.lines).toBe(parts[0]!.truth.byCode.SEC_E_UNTRUSTED_ROOT!.lines + 2 * parts[1]!.truth.byCode.SEC_E_UNTRUSTED_ROOT!.lines + parts[2]!.truth.byCode.SEC_E_UNTRUSTED_ROOT!.lines)
  })

  it('names the files it cannot read as text (xz, zip, .evtx), counts the rest, and exits 1', async () => {
    const mixed = join(dir, 'mixed')
    mkdirSync(mixed)
    writeFileSync(join(mixed, 'app.log'), '2025-03-11T08:14:05Z web-02 app[1]: SEC_E_TIME_SKEW\n')
    writeFileSync(join(mixed, 'app.log.3.xz'), Buffer.from('fd377a585a000004e6d6b446000000001cdf44211fb6f37d010000000004595a', 'hex'))
    writeFileSync(join(mixed, 'logs.zip'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]))
    writeFileSync(join(mixed, 'Security.evtx'), Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(4088)]))
    const r = await runCli(['summarize', '--json', mixed])
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      `sspi-annotate: ${join(mixed, 'Security.evtx')}: a Windows event log (.evtx), which is binary; export it as text first (wevtutil qe FILE /lf:true /f:text, or Get-WinEvent -Path FILE | Format-List)`,
      `sspi-annotate: ${join(mixed, 'app.log.3.xz')}: compressed with xz, which is not read; decompress it first (xz -dc FILE)`,
      `sspi-annotate: ${join(mixed, 'logs.zip')}: a zip archive, which is not read; unpack it first (unzip)`,
    ])
    const s = JSON.parse(r.stdout)
    expect(s).toMatchObject({ files: 1, lines: 1, linesWithCodes: 1 })
  })

  it('keeps the JSON\'s shape when nothing could be read: time, hosts, files and bytes are there, empty', async () => {
    const only = join(dir, 'only.xz')
    writeFileSync(only, Buffer.from('fd377a585a000004e6d6b446000000001cdf44211fb6f37d010000000004595a', 'hex'))
    const r = await runCli(['summarize', '--json', only])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ lines: 0, files: 0, bytes: 0, time: { untimedLines: 0, byHour: {} }, byHost: {} })
  })

  it('cuts lines over --max-line-length at a UTF-8 character edge and counts them, as annotate does', async () => {
    const long = `2025-03-11T08:14:05Z web-02 app[1]: SEC_E_TIME_SKEW ${'é'.repeat(300)} 0x80090325\n`
    const s = await json(['--max-line-length', '100', '-'], long + 'short SEC_E_OK\n')
    expect(s).toMatchObject({ lines: 2, input: { truncatedLines: 1 } })
    expect(Object.keys(s.byCode).sort()).toEqual(['SEC_E_OK', 'SEC_E_TIME_SKEW'])
  })

  it('names a big file it cannot read as text once, not once per slice', async () => {
    const big = join(dir, 'big.zst')
    writeFileSync(big, Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(40 * 1024 * 1024, 0x41)]))
    const r = await runCli(['summarize', '--json', '--workers', '2', big])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`sspi-annotate: ${big}: compressed with zstd, which is not read; decompress it first (zstd -dc FILE)\n`)
  })

  it('gives the same summary with one worker as with several', async () => {
    const one = await json(['--workers', '1', join(dir, 'logs')])
    const two = await json(['--workers', '2', join(dir, 'logs')])
    expect(two).toEqual(one)
  })

  it('writes the time and host breakdowns even when no line has a code', async () => {
    const s = await json(['-'], 'Mar 11 08:14:02 dc-01 sshd[1]: session opened\nplain\n')
    expect(s).toMatchObject({ lines: 2, linesWithCodes: 0, time: { untimedLines: 0, byHour: {} }, byHost: {} })
  })

  it('takes a file named like what every JavaScript object has (valueOf, __proto__) as a host like any other', async () => {
    const named = join(dir, 'object-names')
    mkdirSync(named)
    for (const name of ['valueOf', '__proto__', 'constructor']) writeFileSync(join(named, name), 'x SEC_E_LOGON_DENIED\n')
    const s = await json([named])
    expect(s.lines).toBe(3)
    expect(Object.keys(s.byHost).sort()).toEqual(['__proto__', 'constructor', 'valueOf'])
    expect(s.byHost.valueOf).toEqual({ lines: 1, mentions: 1, byCode: { SEC_E_LOGON_DENIED: 1 } })
  })

  it('reads standard input for -', async () => {
    const s = await json(['-'], 'Mar 11 08:14:02 dc-01 sshd[1]: SEC_E_TIME_SKEW\nplain\n')
    expect(s).toMatchObject({ lines: 2, linesWithCodes: 1, byHost: { 'dc-01': { lines: 1 } } })
  })

  it('follows links in a folder but counts each file once, and ends on a link back up', async () => {
    const linked = join(dir, 'linked')
    mkdirSync(linked)
    symlinkSync(join(dir, 'logs'), join(linked, 'logs'))
    symlinkSync('.', join(linked, 'again'))
    symlinkSync(parts[0]!.file, join(linked, 'current.log'))
    const s = await json([linked, join(dir, 'logs')])
    expect(s.files).toBe(4)
    expect(s.lines).toBe(parts[0]!.truth.lines + 2 * parts[1]!.truth.lines + parts[2]!.truth.lines)
  })

  it('reads a named pipe given by name, as bash passes <(command)', async () => {
    const fifo = join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    // The writer waits in a shell of its own until the command opens the pipe.
    const writer = spawn('sh', ['-c', 'printf "Mar 11 08:14:02 dc-01 sshd[1]: SEC_E_TIME_SKEW\\nplain\\n" > "$1"', 'sh', fifo])
    const r = await runCli(['summarize', '--json', fifo]).finally(() => writer.kill())
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 1, lines: 2, linesWithCodes: 1 })
  })

  it('names an input it cannot read, still reports the others, and exits 1', async () => {
    const r = await runCli(['summarize', '--json', join(dir, 'missing.log'), parts[0]!.file])
    expect(r.stderr).toBe(`sspi-annotate: ${join(dir, 'missing.log')}: no such file or folder\n`)
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).lines).toBe(parts[0]!.truth.lines)
  })

  it('takes hosts from --host-field and times from @timestamp in records', async () => {
    const input = [
      JSON.stringify({ '@timestamp': '2025-03-11T08:00:00Z', host: { name: 'sql-01' }, message: 'HResult=-2146893044' }),
      JSON.stringify({ '@timestamp': '2025-03-11T09:30:00Z', host: { name: 'sql-01' }, message: 'SEC_E_LOGON_DENIED' }),
    ].join('\n') + '\n'
    const s = await json(['--host-field', 'host.name', '-'], input)
    expect(s.byHost).toEqual({ 'sql-01': { lines: 2, mentions: 2, byCode: { SEC_E_LOGON_DENIED: 2 } } })
    expect(s.byCode.SEC_E_LOGON_DENIED).toMatchObject({ firstSeen: '2025-03-11T08:00:00.000Z', lastSeen: '2025-03-11T09:30:00.000Z' })
  })

  it('writes a readable table by default and Markdown on request', async () => {
    const table = await runCli(['summarize', 'fixtures/windows-auth-sample.log'])
    expect(table.stdout).toMatch(/^26 lines in 1 file, 19 with security codes \(73\.1%; 18 with failures\), 24 mentions\n/)
    expect(table.stdout).toMatch(/By host\n +host +lines/)
    const md = await runCli(['summarize', '--markdown', 'fixtures/windows-auth-sample.log'])
    expect(md.stdout).toMatch(/^# Windows authentication failures/)
    expect(md.stdout).toContain('| `SEC_E_UNTRUSTED_ROOT` | 0x80090325 | schannel | 1 | 2 |')
  })
})

describe('merge', () => {
  it('merging per-file summaries equals summarizing all the files', async () => {
    const files = ['a', 'b', 'c'].map((n, i) => join(dir, `merge-${n}.log`))
    const truths: CorpusTruth[] = []
    for (const [i, f] of files.entries()) {
      const out = createWriteStream(f)
      truths.push(generateCorpus({ lines: 15_000, seed: 100 + i }, (b) => out.write(b)))
      out.end()
      await once(out, 'finish')
    }
    const summaryFiles: string[] = []
    for (const f of files) {
      const r = await runCli(['summarize', '--json', f])
      writeFileSync(`${f}.json`, r.stdout)
      summaryFiles.push(`${f}.json`)
    }
    const merged = await runCli(['merge', '--json', ...summaryFiles.reverse()])
    const all = await json(files)
    expect(JSON.parse(merged.stdout)).toEqual(all)
  })

  it('refuses a file that is not a summary, naming it', async () => {
    const bad = join(dir, 'not-a-summary.json')
    writeFileSync(bad, '{"hello":1}')
    const r = await runCli(['merge', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`sspi-annotate: ${bad}: not an sspi-annotate summary (version 1, with lines and byCode)\n`)
  })

  it('refuses a damaged summary, naming the place, instead of a stack trace or a silent wrong sum', async () => {
    const good = join(dir, 'good-summary.json')
    const r0 = await runCli(['summarize', '--json', '-'], '2025-03-11T08:14:05Z dc-01 lsass[612]: SEC_E_TIME_SKEW\n')
    writeFileSync(good, r0.stdout)
    const damaged = join(dir, 'damaged-summary.json')
    writeFileSync(damaged, JSON.stringify({ ...JSON.parse(r0.stdout), byHost: { 'dc-01': null } }))
    const r = await runCli(['merge', good, damaged])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`sspi-annotate: ${damaged}: a damaged summary: byHost.dc-01: expected an object, got null\n`)
    expect(r.stdout).toBe('')
  })

  it('says on one line why a file is not JSON, even when the bad text holds a line break', async () => {
    const bad = join(dir, 'not-json.json')
    writeFileSync(bad, 'nope\n')
    const r = await runCli(['merge', bad])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`^sspi-annotate: ${bad}: not JSON: [^\\n]*\\n$`))
  })

  it('refuses --top 0, as summarize does', async () => {
    const r = await runCli(['merge', '--top', '0', 'any.json'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--top needs a whole number, at least 1')
  })
})

describe.runIf(existsSync(SHARED_GEN))('summarize against ../shared/corpus (gen.mjs --lines 60000 --eol mixed)', () => {
  const seeds = [7, 8, 9]
  const files = seeds.map((seed) => join(dir, `shared-${seed}.log`))
  beforeAll(() => {
    seeds.forEach((seed, i) => execFileSync(process.execPath, [SHARED_GEN, '--lines', '60000', '--seed', String(seed), '--eol', 'mixed', '--out', files[i]!, '--truth', `${files[i]}.truth.json`, '--truth-lines', `${files[i]}.lines.ndjson`]))
  })

  it.each(seeds.map((s, i) => [s, i]))('seed %i with --messages: also every message-only line whose text is the Windows message', async (_seed, i) => {
    const truth = JSON.parse(readFileSync(`${files[i]}.truth.json`, 'utf8')) as { byCode: Record<string, { lines: number, mentions: number }> }
    // The generator's texts only approximate Windows's (its SEC_E_TIME_SKEW line
    // uses Win32's ERROR_TIME_SKEW sentence), so the expected extra lines are
    // counted here independently: message-only lines whose whitespace- and
    // case-normalised text contains the code's message from rules/.
    const norm = (t: string): string => t.replace(/\s+/g, ' ').toLowerCase()
    const text = readFileSync(files[i]!, 'utf8').split('\n')
    const extra: Record<string, number> = {}
    for (const l of readFileSync(`${files[i]}.lines.ndjson`, 'utf8').trim().split('\n')) {
      const t = JSON.parse(l) as { line: number, form?: string, code?: string }
      if (t.form !== 'message_only') continue
      // Any text Windows prints for the code: its message, or another (rules/README.md, otherTexts).
      const texts = ruleSet.byName.get(t.code!)!.texts.map((m) => norm(m.replace(/\.$/, '')))
      if (texts.some((m) => norm(text[t.line - 1]!).includes(m))) extra[t.code!] = (extra[t.code!] ?? 0) + 1
    }
    expect(Object.values(extra).reduce((a, b) => a + b, 0)).toBeGreaterThan(10)
    const s = await json(['--messages', files[i]!])
    for (const [name, t] of Object.entries(truth.byCode)) {
      const n = extra[name] ?? 0
      if (t.mentions + n === 0) continue
      expect(s.byCode[name], name).toMatchObject({ lines: t.lines + n, mentions: t.mentions + n })
    }
  })

  it.each(seeds.map((s, i) => [s, i]))('seed %i: with --no-messages, per-code lines equal its truth', async (_seed, i) => {
    const truth = JSON.parse(readFileSync(`${files[i]}.truth.json`, 'utf8')) as { byCode: Record<string, { lines: number, mentions: number }> }
    const s = await json(['--no-messages', files[i]!])
    for (const [name, t] of Object.entries(truth.byCode)) {
      if (t.mentions === 0) continue
      expect(s.byCode[name], name).toMatchObject({ lines: t.lines, mentions: t.mentions })
    }
  })

  // The corpus's message-only lines carry texts close to, not always equal
  // to, what Windows prints (its README): each may or may not be found, and
  // nothing else may be.
  it.each(seeds.map((s, i) => [s, i]))('seed %i: by default, message-only lines add at most their own count to each code', async (_seed, i) => {
    const truth = JSON.parse(readFileSync(`${files[i]}.truth.json`, 'utf8')) as { byCode: Record<string, { lines: number, mentions: number, messageOnlyLines: number }> }
    const s = await json([files[i]!])
    let found = 0
    for (const [name, t] of Object.entries(truth.byCode)) {
      const got = s.byCode[name] ?? { lines: 0, mentions: 0 }
      expect(got.lines, name).toBeGreaterThanOrEqual(t.lines)
      expect(got.lines, name).toBeLessThanOrEqual(t.lines + t.messageOnlyLines)
      found += got.lines - t.lines
    }
    expect(found).toBeGreaterThan(0)
  })

  it('merge of the three per-file summaries equals the summary of all three', async () => {
    const each = await Promise.all(files.map(async (f) => { const r = await runCli(['summarize', '--json', f]); writeFileSync(`${f}.summary.json`, r.stdout); return `${f}.summary.json` }))
    const merged = JSON.parse((await runCli(['merge', '--json', ...each])).stdout)
    expect(merged).toEqual(await json(files))
  })
})
