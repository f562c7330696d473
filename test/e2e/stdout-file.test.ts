import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, ROOT, runCli } from '../helpers/cli.js'

// Node makes stdout over a file a stream of its own (SyncWriteStream); the
// CLI writes its text to such a file itself (write/output.ts). What lands
// in the file is what a pipe gets.

const dir = mkdtempSync(join(tmpdir(), 'sspi-stdout-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The CLI's status and stderr with stdout opened on `path`; the file's text. */
function intoFile (args: readonly string[], path: string): Promise<{ code: number | null, stderr: string }> {
  const fd = openSync(path, 'w')
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } })
  closeSync(fd)
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString() })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })))
}

describe('stdout that is a file', () => {
  it.each([
    ['events', ['fixtures/windows-auth-sample.log']],
    ['every line', ['--all', 'fixtures/windows-auth-sample.log']],
    ['records', ['--input', 'ndjson', 'fixtures/shipper-records.ndjson']],
  ])('holds what a pipe gets: %s', async (_name, args) => {
    const out = join(dir, `${_name}.out`)
    const r = await intoFile(args, out)
    expect(r).toEqual({ code: 0, stderr: '' })
    const piped = await runCli(args)
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout)
  })

  it.runIf(existsSync('/dev/full'))('that is full: one line on stderr, status 1', async () => {
    const r = await intoFile(['fixtures/windows-auth-sample.log'], '/dev/full')
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe('sspi-annotate: cannot write output: ENOSPC: no space left on device, write')
  })
})
