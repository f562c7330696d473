import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { collect, runCli, spawnCli, waitFor } from '../helpers/cli.js'

// Files the user names for output (--html, --summary-file, rules export
// --out): a path that cannot be written is said in one line, never as a
// stack trace, and before any work when it can be known then.

const dir = mkdtempSync(join(tmpdir(), 'sspi-output-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SAMPLE = 'fixtures/windows-auth-sample.log'
const missingFolder = join(dir, 'no-such-folder', 'out.file')
const LINE = '2025-03-11T08:14:03Z web-02 w3wp[4412]: TLS handshake failed: SEC_E_UNTRUSTED_ROOT (0x80090325)\n'

const noStackTrace = (stderr: string): void => expect(stderr).not.toMatch(/^\s+at /m)

describe('an output file in a folder that does not exist', () => {
  it('summarize --html: status 2 at once, naming the option and the folder', async () => {
    const r = await runCli(['summarize', '--html', missingFolder, SAMPLE])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--html ${missingFolder}:`)
    expect(r.stderr).toContain('does not exist')
    expect(r.stdout).toBe('')
    noStackTrace(r.stderr)
  })

  it('merge --html: status 2 at once', async () => {
    const summary = join(dir, 'one.json')
    writeFileSync(summary, (await runCli(['summarize', '--json', SAMPLE])).stdout)
    const r = await runCli(['merge', '--html', missingFolder, summary])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--html ${missingFolder}:`)
    noStackTrace(r.stderr)
  })

  it('rules export --out: status 2 at once', async () => {
    const r = await runCli(['rules', 'export', '--to', 'csv', '--out', missingFolder])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--out ${missingFolder}:`)
    noStackTrace(r.stderr)
  })

  it('annotate --summary-file: status 2 before reading a line', async () => {
    const r = await runCli(['--summary-file', missingFolder], LINE)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--summary-file ${missingFolder}:`)
    expect(r.stdout).toBe('')
  })
})

describe('an output path that is a folder', () => {
  it('summarize --html names it as a folder, status 2', async () => {
    const r = await runCli(['summarize', '--html', dir, SAMPLE])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`--html ${dir}: is a folder`)
  })
})

describe('an output file that cannot be written when the run ends', () => {
  // The folder goes away while standard input is still open.
  it('summarize --html: the report still on stdout, one line on stderr, status 1', async () => {
    const folder = join(dir, 'goes-away-html')
    mkdirSync(folder)
    const target = join(folder, 'report.html')
    const child = spawnCli(['summarize', '--html', target, '-'])
    const done = collect(child)
    // More than a pipe holds: 'drain' then means the command is reading its
    // input, past the check of its arguments.
    if (!child.stdin.write(LINE.repeat(10_000))) await once(child.stdin, 'drain')
    rmSync(folder, { recursive: true })
    child.stdin.end(LINE)
    const r = await done
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('SEC_E_UNTRUSTED_ROOT')
    expect(r.stderr).toContain(`sspi-annotate: cannot write ${target}:`)
    noStackTrace(r.stderr)
  })

  it('annotate --summary-file: the events written, status 1', async () => {
    const folder = join(dir, 'goes-away-summary')
    mkdirSync(folder)
    const target = join(folder, 'counts.json')
    const child = spawnCli(['--summary-file', target])
    const done = collect(child)
    child.stdin.write(LINE)
    await waitFor(child.stdout, /SEC_E_UNTRUSTED_ROOT/)
    rmSync(folder, { recursive: true })
    child.stdin.end()
    const r = await done
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('sspi-annotate: cannot write the summary:')
  })
})

describe('an output file that can be written', () => {
  it('summarize --html writes the report and leaves no temporary file beside it', async () => {
    const folder = join(dir, 'fine')
    mkdirSync(folder)
    const target = join(folder, 'report.html')
    const r = await runCli(['summarize', '--html', target, SAMPLE])
    expect(r.code).toBe(0)
    expect(readFileSync(target, 'utf8')).toMatch(/^<!doctype html>/i)
    expect(readdirSync(folder)).toEqual(['report.html'])
  })
})
