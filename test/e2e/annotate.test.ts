import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, readSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI, collect, ndjson, ROOT, runCli, spawnCli, waitFor } from '../helpers/cli.js'

const SAMPLE = 'fixtures/windows-auth-sample.log'
const tmp = mkdtempSync(join(tmpdir(), 'sspi-e2e-'))

describe('sspi-annotate < FILE', () => {
  /** The CLI with its standard input redirected from `file`, `skip` bytes of it already read, as a shell's `read` leaves it. */
  async function redirected (file: string, skip: number, args: string[] = []): Promise<ReturnType<typeof ndjson>> {
    const fd = openSync(file, 'r')
    try {
      readSync(fd, Buffer.alloc(skip), 0, skip, null)
      const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: [fd, 'pipe', 'pipe'], env: { ...process.env, LC_ALL: '', LANG: 'C.UTF-8' } })
      const r = await collect(child as unknown as ChildProcessWithoutNullStreams)
      expect(r.code).toBe(0)
      return ndjson(r.stdout)
    } finally {
      closeSync(fd)
    }
  }

  it('annotates as it does the file by name, with source "-"', async () => {
    const events = await redirected(join(ROOT, SAMPLE), 0)
    const byName = ndjson((await runCli([SAMPLE])).stdout)
    expect(events).toEqual(byName.map((e) => ({ ...e, source: '-' })))
  })

  it('reads a gzip file redirected to it as the text inside it', async () => {
    const file = join(tmp, 'redirected.log.gz')
    writeFileSync(file, gzipSync(readFileSync(join(ROOT, SAMPLE))))
    const events = await redirected(file, 0)
    expect(events).toEqual(ndjson((await runCli([SAMPLE])).stdout).map((e) => ({ ...e, source: '-' })))
  })

  it('names an xz file redirected to it, which is not read, and ends with status 1', async () => {
    const file = join(tmp, 'redirected.log.xz')
    writeFileSync(file, Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]))
    const fd = openSync(file, 'r')
    try {
      const child = spawn(process.execPath, [CLI], { cwd: ROOT, stdio: [fd, 'pipe', 'pipe'], env: { ...process.env, LC_ALL: '', LANG: 'C.UTF-8' } })
      const r = await collect(child as unknown as ChildProcessWithoutNullStreams)
      expect(r.code).toBe(1)
      expect(r.stderr).toBe('sspi-annotate: -: compressed with xz, which is not read; decompress it first (xz -dc FILE)\n')
    } finally {
      closeSync(fd)
    }
  })

  it('starts where the file was left, not at its start', async () => {
    const file = join(tmp, 'redirected.log')
    writeFileSync(file, 'read by the shell: SEC_E_TIME_SKEW\nSEC_E_LOGON_DENIED\n')
    const events = await redirected(file, 'read by the shell: SEC_E_TIME_SKEW\n'.length, ['--all'])
    expect(events.map((e) => [e.lineNumber, e.line])).toEqual([[1, 'SEC_E_LOGON_DENIED']])
  })
})

describe('sspi-annotate FILE', () => {
  it('annotates the bundled sample as reviewed in its expected file', async () => {
    const r = await runCli([SAMPLE])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const got = ndjson(r.stdout).map((e) => ({ lineNumber: e.lineNumber, codes: e.codes.map((c: any) => ({ name: c.name, hresult: c.hresult, forms: c.matches.map((m: any) => m.form) })) }))
    expect(got).toEqual(JSON.parse(readFileSync(join(ROOT, 'fixtures/windows-auth-sample.expected.json'), 'utf8')))
  })

  it('writes each event with line, lineNumber, source and fully described codes', async () => {
    const r = await runCli([SAMPLE])
    const [first] = ndjson(r.stdout)
    const text = readFileSync(join(ROOT, SAMPLE), 'utf8').split('\n')[0]!
    expect(Object.keys(first)).toEqual(['line', 'lineNumber', 'source', 'codes'])
    expect(first).toMatchObject({ line: text, lineNumber: 1, source: SAMPLE })
    expect(first.codes).toHaveLength(1)
    const code = first.codes[0]
    expect(code).toMatchObject({ name: 'SEC_E_UNTRUSTED_ROOT', hresult: '0x80090325', known: true, severity: 'error', category: 'schannel', tags: ['certificate', 'trust'] })
    expect(code.meaning).toMatch(/root/)
    expect(code.hint).toMatch(/Trusted Root/)
    for (const m of code.matches) expect(text.slice(m.start, m.end)).toBe(m.text)
    expect(code.matches.map((m: any) => m.form)).toEqual(['symbol', 'hex'])
  })

  it('reports an unknown facility-9 value with name null and its decode', async () => {
    const r = await runCli([], 'AcquireCredentialsHandle failed: 0x800903A7\n')
    expect(ndjson(r.stdout)[0].codes[0]).toMatchObject({ name: null, known: false, hresult: '0x800903A7', severity: 'error', facility: 9, code: 0x3a7 })
  })

  it('lists distinct codes in order of first appearance, each with all its places', async () => {
    const r = await runCli([], 'A 0x80090322 B SEC_E_UNTRUSTED_ROOT C SEC_E_WRONG_PRINCIPAL D 80090325\n')
    const [event] = ndjson(r.stdout)
    expect(event.codes.map((c: any) => [c.name, c.matches.map((m: any) => m.start)])).toEqual([
      ['SEC_E_WRONG_PRINCIPAL', [2, 38]],
      ['SEC_E_UNTRUSTED_ROOT', [15, 62]],
    ])
  })
})

describe('--all', () => {
  it('writes exactly one object per input line, in order, codes [] when none', async () => {
    const r = await runCli(['--all', SAMPLE])
    const events = ndjson(r.stdout)
    const lines = readFileSync(join(ROOT, SAMPLE), 'utf8').replace(/\n$/, '').split('\n')
    expect(events).toHaveLength(lines.length)
    events.forEach((e, i) => {
      expect(e.lineNumber).toBe(i + 1)
      expect(e.line).toBe(lines[i])
    })
    expect(events[1].codes).toEqual([])
  })

  it('ends a line at LF or CRLF, keeps a lone CR inside it, and counts a last line without newline', async () => {
    const r = await runCli(['--all'], 'one SEC_E_OK\r\ntwo\rstill two\n\nfour 0x80090325')
    expect(ndjson(r.stdout).map((e) => [e.lineNumber, e.line, e.codes.length])).toEqual([
      [1, 'one SEC_E_OK', 1],
      [2, 'two\rstill two', 0],
      [3, '', 0],
      [4, 'four 0x80090325', 1],
    ])
  })

  it('numbers lines per file and names each source', async () => {
    const a = join(tmp, 'a.log')
    const b = join(tmp, 'b.log')
    writeFileSync(a, 'x\nSEC_E_TIME_SKEW\n')
    writeFileSync(b, 'SEC_E_LOGON_DENIED\n')
    const r = await runCli(['--all', a, '-', b], 'from stdin 0x8009030C\n')
    expect(ndjson(r.stdout).map((e) => [e.source, e.lineNumber])).toEqual([[a, 1], [a, 2], ['-', 1], [b, 1]])
  })
})

describe('gzip input (rotated logs)', () => {
  const sample = readFileSync(join(ROOT, SAMPLE))
  const plain = async (args: string[], input?: Buffer): Promise<any[]> => {
    const r = await runCli(args, input)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    return ndjson(r.stdout)
  }

  it('reads a .gz file as the text inside it, lines numbered in that text', async () => {
    const gz = join(tmp, 'windows-auth-sample.log.1.gz')
    writeFileSync(gz, gzipSync(sample))
    const fromGz = await plain([gz])
    const fromText = await plain([SAMPLE])
    expect(fromGz.length).toBeGreaterThan(0)
    expect(fromGz).toEqual(fromText.map((e) => ({ ...e, source: gz })))
  })

  it('knows gzip by its first bytes, whatever the name', async () => {
    const hidden = join(tmp, 'rotated-without-suffix')
    writeFileSync(hidden, gzipSync(sample))
    expect((await plain(['--all', hidden])).length).toBe(sample.toString('utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').length)
  })

  it('reads gzip on standard input', async () => {
    expect(await plain([], gzipSync(sample))).toEqual((await plain([SAMPLE])).map((e) => ({ ...e, source: '-' })))
  })

  it('names a .gz file that is cut short and exits 1, keeping the events before the cut', async () => {
    const gz = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => sample)))
    const cut = join(tmp, 'cut.log.gz')
    writeFileSync(cut, gz.subarray(0, gz.length >> 1))
    const r = await runCli([cut])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`^sspi-annotate: ${cut}: .*end of file`))
    expect(ndjson(r.stdout).length).toBeGreaterThan(0)
  })
})

describe('files that are not text', () => {
  // xz's header and an empty block index: what `xz` writes for empty input.
  const xz = Buffer.from('fd377a585a000004e6d6b446000000001cdf44211fb6f37d010000000004595a', 'hex')

  it('names an xz file, says how to read it, exits 1, and still reads the other files', async () => {
    const packed = join(tmp, 'app.log.2.xz')
    writeFileSync(packed, xz)
    const r = await runCli([packed, SAMPLE])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`sspi-annotate: ${packed}: compressed with xz, which is not read; decompress it first (xz -dc FILE)\n`)
    expect(ndjson(r.stdout).every((e) => e.source === SAMPLE)).toBe(true)
    expect(ndjson(r.stdout).length).toBeGreaterThan(0)
  })

  it('names a Windows event log on standard input', async () => {
    const r = await runCli([], Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(4088)]))
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^sspi-annotate: -: a Windows event log \(\.evtx\), which is binary; export it as text first \(wevtutil qe FILE/)
    expect(r.stdout).toBe('')
  })
})

describe('live use', () => {
  it('prints each event as soon as its line arrives, while stdin stays open', async () => {
    const child = spawnCli([])
    try {
      child.stdin.write('2025-03-11 first SEC_E_TIME_SKEW\n')
      const first = await waitFor(child.stdout, /\n/)
      expect(JSON.parse(first.trim()).codes[0].name).toBe('SEC_E_TIME_SKEW')
      child.stdin.write('no code here\n2025-03-11 second 0x80090325\n')
      const second = await waitFor(child.stdout, /\n/)
      expect(JSON.parse(second.trim()).lineNumber).toBe(3)
    } finally {
      child.kill('SIGKILL')
    }
  })
})

describe('errors', () => {
  it('names a missing file, still processes the others, and exits 1', async () => {
    const r = await runCli(['nope.log', SAMPLE])
    expect(r.stderr).toBe('sspi-annotate: nope.log: no such file or folder\n')
    expect(ndjson(r.stdout).length).toBeGreaterThan(10)
    expect(r.code).toBe(1)
  })

  it('names a directory given as a file', async () => {
    const r = await runCli(['fixtures'])
    expect(r.stderr).toBe('sspi-annotate: fixtures: is a folder\n')
    expect(r.code).toBe(1)
  })

  it('exits 2 with a clear message on an unknown flag', async () => {
    const r = await runCli(['--frobnicate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown option --frobnicate/)
  })

  it('exits 2 when a --rules file is invalid, naming file, entry and field', async () => {
    const file = join(tmp, 'bad-rules.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_X', hresult: '0x8009', category: 'general', meaning: 'x.', hint: 'y' }] }))
    const r = await runCli(['--rules', file], '')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`sspi-annotate: ${file}: codes[0] (SEC_E_X): field "hresult": expected "0x" followed by 8 hex digits, got "0x8009"\n`)
  })

  it('says on stderr when a --rules file changes a built-in code\'s value: the name, the old value and the new', async () => {
    const file = join(tmp, 'slip-rules.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_UNTRUSTED_ROOT', hresult: '0x80090399' }] }))
    const r = await runCli(['--rules', file], 'x 0x80090399\n')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe(`sspi-annotate: ${file}: changes the value of SEC_E_UNTRUSTED_ROOT from 0x80090325 to 0x80090399; 0x80090325 is now no code of the table\n`)
    expect(ndjson(r.stdout)[0].codes[0].name).toBe('SEC_E_UNTRUSTED_ROOT')
  })

  it('changes a built-in code\'s hint without a word: only its value is a fact worth guarding', async () => {
    const file = join(tmp, 'hint-rules.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_UNTRUSTED_ROOT', hint: 'Call the PKI team.' }] }))
    const r = await runCli(['lookup', '--rules', file, 'SEC_E_UNTRUSTED_ROOT'])
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/hint +Call the PKI team\./)
  })

  it('uses a valid --rules file to add a code', async () => {
    const file = join(tmp, 'more-rules.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x800903F1', category: 'general', meaning: 'Ours.', hint: 'Ask us.' }] }))
    const r = await runCli(['--rules', file], 'x 0x800903F1 SEC_E_HOUSE_RULE\n')
    expect(ndjson(r.stdout)[0].codes).toMatchObject([{ name: 'SEC_E_HOUSE_RULE', hint: 'Ask us.', matches: [{ form: 'hex' }, { form: 'symbol' }] }])
  })
})

describe('a --rules file that makes the pattern too large for V8 to optimise', () => {
  const file = join(tmp, 'many-rules.json')
  writeFileSync(file, JSON.stringify({
    codes: Array.from({ length: 400 }, (_, i) => ({
      name: `SEC_E_HOUSE_RULE_NUMBER_${i}_FOR_THE_LEGACY_GATEWAY`,
      hresult: `0x8009${(0x900 + i).toString(16).toUpperCase().padStart(4, '0')}`,
      category: 'general',
      meaning: 'Ours.',
    })),
  }))
  const warning = /^sspi-annotate: warning: with these rules the combined pattern is [\d,]+ characters long; V8 optimises patterns of up to 20,480 only, so scanning runs several times slower\. Fewer or shorter names in the --rules files keep it fast\.\n/

  it('gets a warning on stderr, and the lines are still annotated', async () => {
    const r = await runCli(['--rules', file], 'x SEC_E_HOUSE_RULE_NUMBER_7_FOR_THE_LEGACY_GATEWAY\n')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(warning)
    expect(ndjson(r.stdout)[0].codes[0].name).toBe('SEC_E_HOUSE_RULE_NUMBER_7_FOR_THE_LEGACY_GATEWAY')
  })

  it('gets the same warning in summarize', async () => {
    const r = await runCli(['summarize', '--json', '--rules', file, '-'], 'x SEC_E_TIME_SKEW\n')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(warning)
  })
})

describe('names and numbers that disagree', () => {
  it('reports both codes, marks the event and counts it', async () => {
    const r = await runCli(['--summary'], 'ticket says: 0x8009030D (SEC_E_INVALID_TOKEN)\nSEC_E_UNTRUSTED_ROOT (0x80090325)\n')
    const [wrong, right] = ndjson(r.stdout)
    expect(wrong.codes.map((c: any) => c.name)).toEqual(['SEC_E_UNKNOWN_CREDENTIALS', 'SEC_E_INVALID_TOKEN'])
    expect(wrong).toMatchObject({ conflict: true, conflictNote: expect.stringContaining('0x8009030D, which is SEC_E_UNKNOWN_CREDENTIALS') })
    expect(right.conflict).toBeUndefined()
    expect(JSON.parse(r.stderr).conflicts).toBe(1)
  })

  it('marks a record whose message pairs them, and counts it', async () => {
    const input = JSON.stringify({ host: 'web-02', message: 'ticket says: 0x8009030D (SEC_E_INVALID_TOKEN)' }) + '\n' + JSON.stringify({ message: 'SEC_E_UNTRUSTED_ROOT (0x80090325)' }) + '\n'
    const r = await runCli(['--input', 'ndjson', '--summary'], input)
    const [wrong, right] = ndjson(r.stdout)
    expect(wrong.sspi).toMatchObject({ conflict: true, conflictNote: expect.stringContaining('0x8009030D, which is SEC_E_UNKNOWN_CREDENTIALS') })
    expect(right.sspi.conflict).toBeUndefined()
    expect(JSON.parse(r.stderr).conflicts).toBe(1)
  })

  it('counts the same conflicts in summarize as in annotate', async () => {
    const input = 'ticket says: 0x8009030D (SEC_E_INVALID_TOKEN)\nok SEC_E_UNTRUSTED_ROOT (0x80090325)\n[HRESULT = 0x80090322 - SEC_E_UNTRUSTED_ROOT]\n'
    const annotate = JSON.parse((await runCli(['--summary'], input)).stderr)
    const summarize = JSON.parse((await runCli(['summarize', '--json', '-'], input)).stdout)
    expect(annotate.conflicts).toBe(2)
    expect(summarize.conflicts).toBe(2)
  })
})

describe('counts', () => {
  const input = 'a SEC_E_UNTRUSTED_ROOT (0x80090325)\nb\nc 0x80090322 and 0x800903A7\nd SEC_I_CONTINUE_NEEDED\n'

  it('--summary prints JSON on stderr when stderr is not a terminal', async () => {
    const r = await runCli(['--summary'], input)
    const s = JSON.parse(r.stderr)
    expect(s).toMatchObject({ lines: 4, linesWithCodes: 3, mentions: 5 })
    expect(s.byCode.SEC_E_UNTRUSTED_ROOT).toEqual({ value: '0x80090325', family: 'sspi', hresult: '0x80090325', category: 'schannel', severity: 'error', lines: 1, mentions: 2, firstAt: { source: '-', line: 1, text: 'a SEC_E_UNTRUSTED_ROOT (0x80090325)' }, lastAt: { source: '-', line: 1, text: 'a SEC_E_UNTRUSTED_ROOT (0x80090325)' } })
    expect(s.byCategory).toEqual({ schannel: { lines: 1, mentions: 2 }, kerberos: { lines: 1, mentions: 1 }, context: { lines: 1, mentions: 1 } })
    expect(s.bySeverity).toEqual({ error: { lines: 2, mentions: 4 }, success: { lines: 1, mentions: 1 } })
    expect(s.unknown).toEqual({ '0x800903A7': { value: '0x800903A7', family: 'security', hresult: '0x800903A7', category: null, severity: 'error', lines: 1, mentions: 1, firstAt: { source: '-', line: 3, text: 'c 0x80090322 and 0x800903A7' }, lastAt: { source: '-', line: 3, text: 'c 0x80090322 and 0x800903A7' } } })
  })

  it('--summary-file writes the same counts as JSON and leaves no temporary file', async () => {
    const dir = join(tmp, 'summary-file')
    mkdirSync(dir)
    const file = join(dir, 'counts.json')
    const r = await runCli(['--summary-file', file], input)
    expect(r.code).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ lines: 4, linesWithCodes: 3 })
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false)
  })

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('on %s writes the counts and exits %i', async (signal, status) => {
    const child = spawnCli(['--summary'])
    const done = collect(child)
    child.stdin.write('SEC_E_LOGON_DENIED\nplain\n')
    await waitFor(child.stdout, /SEC_E_LOGON_DENIED/)
    child.kill(signal)
    const r = await done
    expect(r.code).toBe(status)
    expect(JSON.parse(r.stderr)).toMatchObject({ lines: 2, linesWithCodes: 1 })
  })

  // A named pipe read by Node's fs streams holds a thread-pool thread in
  // read(2) until its writer writes, and Node's exit waits for that thread:
  // the counts were written, then the process hung.
  it('on SIGINT while a named pipe\'s writer is silent, writes the counts and exits', async () => {
    const fifo = join(tmp, 'silent-writer')
    execFileSync('mkfifo', [fifo])
    const child = spawnCli(['--summary', fifo])
    const done = collect(child)
    const writer = createWriteStream(fifo)
    writer.on('error', () => {})
    try {
      writer.write('SEC_E_LOGON_DENIED\n')
      await waitFor(child.stdout, /SEC_E_LOGON_DENIED/)
      child.kill('SIGINT')
      const r = await done
      expect(r.code).toBe(130)
      expect(JSON.parse(r.stderr)).toMatchObject({ lines: 1, linesWithCodes: 1 })
    } finally {
      writer.destroy()
    }
  }, 10_000)

  it('on SIGUSR1 writes a snapshot and keeps going', async () => {
    const child = spawnCli(['--summary'])
    const done = collect(child)
    child.stdin.write('SEC_E_LOGON_DENIED\n')
    await waitFor(child.stdout, /SEC_E_LOGON_DENIED/)
    const snapshot = waitFor(child.stderr, /\n/)
    child.kill('SIGUSR1')
    expect(JSON.parse((await snapshot).trim())).toMatchObject({ lines: 1 })
    child.stdin.end('0x80090325\n')
    const r = await done
    expect(r.code).toBe(0)
    const written = r.stderr.trim().split('\n').map((l) => JSON.parse(l))
    expect(written.at(-1)).toMatchObject({ lines: 2, linesWithCodes: 2 })
  })

  it('--summary-interval writes the counts while input is still open', async () => {
    const file = join(tmp, 'interval.json')
    const child = spawnCli(['--summary-file', file, '--summary-interval', '0.2'])
    const done = collect(child)
    child.stdin.write('SEC_E_TIME_SKEW\n')
    await waitFor(child.stdout, /SEC_E_TIME_SKEW/)
    const deadline = Date.now() + 10_000
    while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ lines: 1 })
    child.stdin.end()
    expect((await done).code).toBe(0)
  })
})

describe('a closed stdout', () => {
  it('ends quietly with status 0 when the reader goes away (| head -1)', async () => {
    const big = join(tmp, 'big.log')
    writeFileSync(big, 'x SEC_E_LOGON_DENIED y\n'.repeat(200_000))
    const { spawn } = await import('node:child_process')
    const sh = spawn('bash', ['-c', `set -o pipefail; node "${join(ROOT, 'dist/cli.cjs')}" "${big}" 2>"${join(tmp, 'head.err')}" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`])
    const r = await collect(sh as any)
    expect(r.stdout.trim()).toBe('0')
    expect(readFileSync(join(tmp, 'head.err'), 'utf8')).toBe('')
  })
})

describe('--dedupe', () => {
  it('writes the repeats of an event when its window closes, while input stays open', async () => {
    const child = spawnCli(['--dedupe', '300ms'])
    try {
      child.stdin.write('08:00:01 hr=0x8009030C user=a\n08:00:02 hr=0x8009030C user=a\n08:00:03 hr=0x8009030C user=a\n')
      const first = await waitFor(child.stdout, /\n/)
      expect(ndjson(first)).toHaveLength(1)
      const later = await waitFor(child.stdout, /"repeated":2/)
      expect(ndjson(later)[0]).toMatchObject({ lineNumber: 3, repeated: 2 })
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('refuses to combine with --all', async () => {
    const r = await runCli(['--dedupe', '5s', '--all'], '')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--dedupe and --all cannot be combined/)
  })
})
