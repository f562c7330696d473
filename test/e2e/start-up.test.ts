import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI, ROOT, collect } from '../helpers/cli.js'

// What a command loads is start-up time (scripts/bundle-cli.mjs): Node's
// own modules that only some options need are loaded when those run.

/** The Node modules a run of the CLI loaded, as process.moduleLoadList names them. */
async function modulesLoaded (args: readonly string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sspi-start-'))
  const tell = join(dir, 'tell.cjs')
  writeFileSync(tell, "process.on('exit', () => { process.stderr.write(JSON.stringify(process.moduleLoadList)) })\n")
  const child = spawn(process.execPath, ['-r', tell, CLI, ...args], { cwd: ROOT, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } })
  child.stdin.end()
  const r = await collect(child as never)
  expect(r.code).toBe(0)
  return JSON.parse(r.stderr) as string[]
}

describe('a start', () => {
  it('annotating a file loads neither node:assert nor perf_hooks', async () => {
    const loaded = await modulesLoaded(['fixtures/windows-auth-sample.log'])
    expect(loaded).not.toContain('NativeModule assert')
    expect(loaded).not.toContain('NativeModule perf_hooks')
  })

  it('folding repeats loads perf_hooks, with the LRU cache it needs', async () => {
    const loaded = await modulesLoaded(['--dedupe', '60', 'fixtures/windows-auth-sample.log'])
    expect(loaded).toContain('NativeModule perf_hooks')
  })
})
