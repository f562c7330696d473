import { chmodSync, closeSync, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CLI, ROOT, collect, ndjson, runCli, spawnCli, waitFor } from '../helpers/cli.js'
import { unreadableFormat } from '../../src/source/unreadable-formats.js'
import { LAGGING_READER_RSS_MB } from '../helpers/memory.js'

const tmp = mkdtempSync(join(tmpdir(), 'sspi-hostile-'))
const REPORT_RSS = "--import=data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS+'\\n'))"
const rssMb = (stderr: string): number => Number(/maxRSS=(\d+)/.exec(stderr)![1]) / 1024

/** Lines in `bytes` as the contract counts them: one per LF, plus a last one without LF. */
function expectedLines (bytes: Buffer): number {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  let n = 0
  for (const b of body) if (b === 0x0a) n++
  return n + (body.length > 0 && body[body.length - 1] !== 0x0a ? 1 : 0)
}

describe('input of any shape, with --all', () => {
  it('writes one valid JSON object per input line, whatever the bytes', async () => {
    const hostile = fc.oneof(
      fc.constantFrom('\n', '\r\n', '\r', '\r\r\n', '\0', '\uFEFF', 'SEC_E_LOGON_DENIED', '0x80090325', 'é'),
      fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a).toString('latin1')),
    )
    await fc.assert(fc.asyncProperty(fc.boolean(), fc.array(hostile, { maxLength: 25 }), fc.array(fc.uint8Array({ maxLength: 6 }), { maxLength: 4 }), async (bom, parts, raw) => {
      const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...parts.map((p) => Buffer.from(p, p.startsWith('\uFEFF') ? 'utf8' : 'latin1')), ...raw.map((r) => Buffer.from(r))])
      // A UTF-16 byte order mark, gzip's magic bytes or those of a format not read make the input something else (specified elsewhere).
      fc.pre(!bom ? !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff) && !(bytes[0] === 0x1f && bytes[1] === 0x8b) && unreadableFormat(bytes) === null : true)
      const r = await runCli(['--all', '--summary'], bytes)
      expect(r.code).toBe(0)
      const events = ndjson(r.stdout)
      expect(events).toHaveLength(expectedLines(bytes))
      events.forEach((e, i) => expect(e.lineNumber).toBe(i + 1))
      expect(JSON.parse(r.stderr).lines).toBe(events.length)
    }), { numRuns: 25 })
  })

  it('annotates a record nested deeper than JSON.stringify goes, and every record after it', async () => {
    const deep = '['.repeat(20_000) + '"0x80090325"' + ']'.repeat(20_000)
    const r = await runCli(['--input', 'ndjson', '--summary'], `{"message":"SEC_E_TIME_SKEW","deep":${deep}}\n{"message":"after it 0x8009030C"}\n`)
    expect(r.code).toBe(0)
    expect(ndjson(r.stdout).map((e) => e.sspi.codes[0].name)).toEqual(['SEC_E_TIME_SKEW', 'SEC_E_LOGON_DENIED'])
    expect(JSON.parse(r.stderr)).toMatchObject({ lines: 2, linesWithCodes: 2 })
  })

  it('drops a UTF-8 byte order mark', async () => {
    const r = await runCli(['--all'], Buffer.from('\uFEFFSEC_E_TIME_SKEW\n'))
    expect(ndjson(r.stdout)[0]).toMatchObject({ line: 'SEC_E_TIME_SKEW', codes: [{ matches: [{ start: 0 }] }] })
  })

  it('counts invalid bytes in the summary and writes them as U+FFFD', async () => {
    const r = await runCli(['--all', '--summary'], Buffer.concat([Buffer.from('bad '), Buffer.from([0xff, 0xc0]), Buffer.from(' 0x80090325\n')]))
    expect(ndjson(r.stdout)[0]).toMatchObject({ line: 'bad \uFFFD\uFFFD 0x80090325', codes: [{ name: 'SEC_E_UNTRUSTED_ROOT', matches: [{ start: 7 }] }] })
    expect(JSON.parse(r.stderr).input).toEqual({ truncatedLines: 0, replacedCharacters: 2, malformedRecords: 0 })
  })

  it.each([['utf16le', [0xff, 0xfe]], ['utf16be', [0xfe, 0xff]]] as const)('annotates a %s file with a BOM like UTF-8', async (encoding, bom) => {
    const text = 'PS> Enter-PSSession app-04\r\nWinRM: Error code 0x8009030e occurred, SEC_E_NO_CREDENTIALS\r\n'
    let body = Buffer.from(text, 'utf16le')
    if (encoding === 'utf16be') body = Buffer.from(body.map((_, i) => body[i ^ 1]!))
    const file = join(tmp, `ps-${encoding}.log`)
    writeFileSync(file, Buffer.concat([Buffer.from(bom), body]))
    const r = await runCli(['--all', file])
    const events = ndjson(r.stdout)
    expect(events.map((e) => e.line)).toEqual(text.split('\r\n').slice(0, 2))
    expect(events[1].codes).toMatchObject([{ name: 'SEC_E_NO_CREDENTIALS', matches: [{ form: 'hex', start: 18 }, { form: 'symbol', start: 39 }] }])
  })
})

describe('UTF-16 that lost its byte order mark', () => {
  it.each(['utf16le', 'utf16be'] as const)('is known by a NUL every other byte and read as %s, by annotate and summarize', async (encoding) => {
    const text = '2025-03-11T08:14:05Z app-04 winrm[7]: Error code 0x8009030e occurred, SEC_E_NO_CREDENTIALS\r\nplain line\r\n'
    let body = Buffer.from(text, 'utf16le')
    if (encoding === 'utf16be') body = Buffer.from(body.map((_, i) => body[i ^ 1]!))
    const file = join(tmp, `nobom-${encoding}.log`)
    writeFileSync(file, body)
    const r = await runCli([file])
    expect(ndjson(r.stdout).map((e) => [e.lineNumber, e.codes.map((c: { name: string }) => c.name)])).toEqual([[1, ['SEC_E_NO_CREDENTIALS']]])
    const s = JSON.parse((await runCli(['summarize', '--json', file])).stdout)
    expect(s).toMatchObject({ lines: 2, linesWithCodes: 1, input: { replacedCharacters: 0 } })
  })
})

describe('overlong lines', () => {
  it('writes a line over --max-line-length cut, flagged, with its codes and length, and counts it', async () => {
    const long = 'x SEC_E_LOGON_DENIED ' + 'y'.repeat(5000) + ' 0x80090325'
    const r = await runCli(['--max-line-length', '100', '--summary'], `${long}\nshort SEC_E_OK\n`)
    const [cut, next] = ndjson(r.stdout)
    expect(cut).toMatchObject({ lineNumber: 1, truncated: true, originalLength: long.length, codes: [{ name: 'SEC_E_LOGON_DENIED' }] })
    expect(cut.line).toBe(long.slice(0, 100))
    expect(next).toMatchObject({ lineNumber: 2, line: 'short SEC_E_OK' })
    expect(JSON.parse(r.stderr).input.truncatedLines).toBe(1)
  })

  it('writes a cut line even when its kept part has no code', async () => {
    const r = await runCli(['--max-line-length', '16'], 'a'.repeat(40) + '\n')
    expect(ndjson(r.stdout)).toMatchObject([{ lineNumber: 1, truncated: true, originalLength: 40, codes: [] }])
  })

  it('stays fast and bounded with a 1 GB line without a newline', async () => {
    // A writer child pours 1 GiB of one line, then a short line with a code.
    const writer = spawn(process.execPath, ['-e', `
      const block = Buffer.alloc(1 << 20, 120); let left = 1024
      const pour = () => { while (left > 0) { left--; if (!process.stdout.write(block)) return process.stdout.once('drain', pour) } process.stdout.end('\\nafter 0x80090325\\n') }
      pour()`], { stdio: ['ignore', 'pipe', 'inherit'] })
    const cli = spawn(process.execPath, [REPORT_RSS, CLI, '--summary'], { cwd: ROOT, stdio: [writer.stdout, 'pipe', 'pipe'] })
    const r = await collect(cli as any)
    expect(r.code, r.stderr).toBe(0)
    const events = ndjson(r.stdout)
    expect(events, r.stderr).toHaveLength(2)
    expect(events[0]).toMatchObject({ lineNumber: 1, truncated: true, originalLength: 1024 * 1024 * 1024, codes: [] })
    expect(events[1]).toMatchObject({ lineNumber: 2, codes: [{ name: 'SEC_E_UNTRUSTED_ROOT' }] })
    expect(rssMb(r.stderr), r.stderr).toBeLessThan(120)
  })
})

describe('an overlong line in record mode', () => {
  it('passes a 200 MB line that is no record on byte for byte, in bounded memory, and counts it as cut and malformed', async () => {
    // A writer child pours a record, 200 MiB of one line that is not JSON, and a record with a code.
    const writer = spawn(process.execPath, ['-e', `
      const block = Buffer.alloc(1 << 20, 120); let left = 200
      process.stdout.write('{"message":"first"}\\n')
      const pour = () => { while (left > 0) { left--; if (!process.stdout.write(block)) return process.stdout.once('drain', pour) } process.stdout.end('\\r\\n{"message":"hr=0x80090325"}\\n') }
      pour()`], { stdio: ['ignore', 'pipe', 'inherit'] })
    // Output to a file, read back in place: 200 MB through this process would
    // raise its RSS, which a child spawned by the next spec inherits in maxRSS.
    const out = join(tmp, 'passed-on.ndjson')
    const cli = spawn(process.execPath, [REPORT_RSS, CLI, '--input', 'ndjson', '--summary'], { cwd: ROOT, stdio: [writer.stdout, openSync(out, 'w'), 'pipe'] })
    let stderr = ''
    cli.stderr!.on('data', (b: Buffer) => { stderr += b.toString() })
    const code = await new Promise((resolve) => cli.on('close', resolve))
    const r = { code, stderr }
    expect(r.code, r.stderr).toBe(0)
    /** Per output line: its length, and how many of its bytes are x. */
    const lines: Array<[number, number]> = []
    let length = 0
    let xs = 0
    const fd = openSync(out, 'r')
    const buf = Buffer.alloc(1 << 20)
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      for (let i = 0; i < n; i++) {
        const x = buf[i]!
        if (x === 10) { lines.push([length, xs]); length = 0; xs = 0 } else { length++; if (x === 120) xs++ }
      }
    }
    const size = fstatSync(fd).size
    const last = Buffer.alloc(Math.min(size, 5000))
    readSync(fd, last, 0, last.length, size - last.length)
    closeSync(fd)
    expect(lines).toHaveLength(3)
    expect(lines[1]).toEqual([200 * 1024 * 1024, 200 * 1024 * 1024])
    expect(last.toString('latin1')).toMatch(/\{"message":"hr=0x80090325","sspi":\{"codes":\[\{"name":"SEC_E_UNTRUSTED_ROOT"/)
    expect(JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('{'))!).input).toEqual({ truncatedLines: 1, replacedCharacters: 0, malformedRecords: 1 })
    expect(rssMb(r.stderr), r.stderr).toBeLessThan(120)
  })
})

/**
 * Peak RSS allowed while stdout is stalled (see LAGGING_READER_RSS_MB).
 * Buffering the output instead of honouring backpressure would pass 218 MB
 * on any Node: that is the size of the 400,000 events written.
 */
const STALLED_READER_MB = LAGGING_READER_RSS_MB

describe('a slow reader', () => {
  it('keeps memory bounded while stdout is not read, and loses nothing', async () => {
    const file = join(tmp, 'slow.log')
    writeFileSync(file, 'x SEC_E_LOGON_DENIED y\n'.repeat(400_000))
    const child = spawn(process.execPath, [REPORT_RSS, CLI, '--all', file], { cwd: ROOT })
    child.stdout.pause()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    let lines = 0
    child.stdout.on('data', (b: Buffer) => { for (const x of b) if (x === 10) lines++ })
    child.stdout.resume()
    const r = await collect(child as any)
    expect(r.code).toBe(0)
    expect(lines).toBe(400_000)
    expect(rssMb(r.stderr)).toBeLessThan(STALLED_READER_MB)
  })
})

describe('SIGHUP', () => {
  it('writes the summary file again after it was rotated away, and keeps running', async () => {
    const file = join(tmp, 'hup.json')
    const child = spawnCli(['--summary-file', file])
    const done = collect(child)
    child.stdin.write('SEC_E_TIME_SKEW\n')
    await waitFor(child.stdout, /SEC_E_TIME_SKEW/)
    child.kill('SIGHUP')
    const deadline = Date.now() + 10_000
    while (!existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(JSON.parse(readFileSync(file, 'utf8')).lines).toBe(1)
    rmSync(file)
    child.kill('SIGHUP')
    while (!existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
    expect(existsSync(file)).toBe(true)
    child.stdin.end('0x80090325\n')
    const r = await done
    expect(r.code).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8')).lines).toBe(2)
  })
})

describe('unreadable inputs', () => {
  // root reads any file whatever its mode; without the DAC-override
  // capabilities (setpriv, util-linux) it is refused like anyone else.
  const asRoot = process.getuid?.() === 0
  const haveSetpriv = existsSync('/usr/bin/setpriv')

  it.skipIf(asRoot && !haveSetpriv)('names a file it may not read and goes on with the others', async () => {
    const file = join(tmp, 'secret.log')
    writeFileSync(file, 'SEC_E_OK\n')
    chmodSync(file, 0o000)
    const args = [file, 'fixtures/windows-auth-sample.log']
    const child = asRoot
      ? spawn('/usr/bin/setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, CLI, ...args], { cwd: ROOT })
      : spawn(process.execPath, [CLI, ...args], { cwd: ROOT })
    child.stdin.end()
    const r = await collect(child as any)
    expect(r.stderr).toBe(`sspi-annotate: ${file}: permission denied\n`)
    expect(ndjson(r.stdout).length).toBeGreaterThan(10)
    expect(r.code).toBe(1)
  })
})
