import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { childEnv, processCpuMs, timeRun } from '../../bench/measure.js'

const script = (body: string, name = 'child.mjs'): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-measure-')), name)
  writeFileSync(file, body)
  return file
}

describe('a timed child of the bench', () => {
  it.runIf(process.platform === 'linux')('reports its own peak RSS, not that of the process that started it', async () => {
    // Held while the child starts: a child started by vfork inherits its
    // parent's RSS in getrusage's maxRSS on Linux.
    const held = Buffer.alloc(384 * 1024 * 1024, 1)
    const run = await timeRun({ node: true, file: script('const a = new Array(1000).fill(0)\n'), args: [] })
    expect(held[held.length - 1]).toBe(1)
    expect(run.rssMb).not.toBeNull()
    expect(run.rssMb!).toBeLessThan(200)
    expect(run.cpuMs).not.toBeNull()
  })

  it('loads no more of Node than it would unwatched: its usage report adds no ES module loader to a CommonJS script', async () => {
    const child = script("process.stderr.write(String(process.moduleLoadList.some((m) => m.includes('esm/translators'))))\n", 'child.cjs')
    const alone = spawnSync(process.execPath, [child], { encoding: 'utf8', env: childEnv() }).stderr
    const run = await timeRun({ node: true, file: child, args: [] })
    expect(run.cpuMs).not.toBeNull()
    expect(run.stderr).toBe(alone)
  })

  it('runs without the environment that changes how Node starts', async () => {
    const before = { ca: process.env['NODE_EXTRA_CA_CERTS'], options: process.env['NODE_OPTIONS'] }
    process.env['NODE_EXTRA_CA_CERTS'] = '/nowhere/bundle.pem'
    process.env['NODE_OPTIONS'] = '--max-old-space-size=64'
    try {
      expect(childEnv()['NODE_EXTRA_CA_CERTS']).toBeUndefined()
      expect(childEnv()['NODE_OPTIONS']).toBeUndefined()
      const run = await timeRun({ node: true, file: script("process.stderr.write(String(process.env.NODE_EXTRA_CA_CERTS) + ' ' + String(process.env.NODE_OPTIONS))\n"), args: [] })
      expect(run.stderr).toBe('undefined undefined')
    } finally {
      for (const [key, value] of [['NODE_EXTRA_CA_CERTS', before.ca], ['NODE_OPTIONS', before.options]] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })
})

describe('a running process watched by the bench', () => {
  it.runIf(process.platform === 'linux')('tells its CPU time so far with every thread\'s: work done on a worker thread that has ended counts', async () => {
    // The main thread waits; a worker thread spins through a fixed amount of work, says so and ends.
    const child = spawn(process.execPath, [script(`
      const { Worker } = require('node:worker_threads')
      const w = new Worker('let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i) | 0; require("node:worker_threads").parentPort.postMessage(x)', { eval: true })
      w.once('message', () => { process.stdout.write('done\\n'); setInterval(() => {}, 1000) })
    `, 'child.cjs')], { stdio: ['ignore', 'pipe', 'inherit'], env: childEnv() })
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve))
      const mainThreadMs = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
      const all = processCpuMs(child.pid!)
      expect(all).not.toBeNull()
      // 4e8 iterations take well over 100 ms of CPU on any machine that runs the suite.
      expect(all! - mainThreadMs).toBeGreaterThan(100)
    } finally {
      child.kill()
    }
  })

  it('is unknown for a process that is not there', () => {
    expect(processCpuMs(2 ** 30)).toBeNull()
  })
})
