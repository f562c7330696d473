import { createWriteStream, mkdtempSync, readFileSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CorpusTruth } from '../../bench/corpus.js'
import { writeCorpus } from '../helpers/corpus.js'
import { collect, spawnCli } from '../helpers/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-summarize-signals-'))
let fifos = 0
const writers: WriteStream[] = []

/** A named pipe, and a writer for it whose 'open' says the command has opened the pipe to read it. */
function pipe (): { path: string, writer: WriteStream } {
  const path = join(dir, `pipe-${fifos++}`)
  execFileSync('mkfifo', [path])
  const writer = createWriteStream(path)
  writer.on('error', () => {}) // the command may be gone before the writer is
  writers.push(writer)
  return { path, writer }
}

afterEach(() => { for (const w of writers.splice(0)) w.destroy() })

const LOGON = 'Mar 11 08:14:05 dc-01 lsass[612]: SEC_E_LOGON_DENIED (0x8009030C)\n'

// Regular files are read first (biggest first), then pipes in the order
// given: once the command opens the second pipe, the file and the first pipe
// have been read to their ends, and it is waiting for input that never comes.
describe('summarize stopped by a signal', () => {
  let log: { file: string, truth: CorpusTruth }
  beforeAll(async () => { log = await writeCorpus(dir, 'app.log', 5_000, 21) })

  it('writes the report of everything read, says it was interrupted, and exits 130 on SIGINT', async () => {
    const first = pipe()
    const second = pipe()
    const child = spawnCli(['summarize', '--json', '--workers', '1', log.file, first.path, second.path])
    const done = collect(child)
    await once(first.writer, 'open')
    first.writer.end(LOGON + LOGON)
    await once(second.writer, 'open')
    child.kill('SIGINT')
    const r = await done
    expect(r.code).toBe(130)
    const s = JSON.parse(r.stdout)
    expect(s.lines).toBe(log.truth.lines + 2)
    expect(s.byCode.SEC_E_LOGON_DENIED.lines).toBe((log.truth.byCode.SEC_E_LOGON_DENIED?.lines ?? 0) + 2)
    expect(s.interrupted).toEqual({ signal: 'SIGINT', unreadBytes: 0 })
    expect(r.stderr).toMatch(/^sspi-annotate: interrupted by SIGINT: the report covers the [\d.,]+ (?:KiB|MiB) read\n$/)
  })

  it('does the same on SIGTERM, exiting 143, and the table and the HTML page say so', async () => {
    const { path, writer } = pipe()
    const html = join(dir, 'stopped.html')
    const child = spawnCli(['summarize', '--html', html, path])
    const done = collect(child)
    await once(writer, 'open')
    child.kill('SIGTERM')
    const r = await done
    expect(r.code).toBe(143)
    expect(r.stdout.split('\n')[1]).toBe('Interrupted by SIGTERM: these counts cover the 0 bytes read before it.')
    expect(readFileSync(html, 'utf8')).toContain('<p class="interrupted">Interrupted by SIGTERM')
  })

  it('stops a worker thread that is waiting on a pipe too', async () => {
    const first = pipe()
    const second = pipe()
    const child = spawnCli(['summarize', '--json', '--workers', '2', first.path, second.path])
    const done = collect(child)
    // One thread waits on each pipe.
    await Promise.all([once(first.writer, 'open'), once(second.writer, 'open')])
    child.kill('SIGINT')
    const r = await done
    expect(r.code).toBe(130)
    expect(JSON.parse(r.stdout)).toMatchObject({ lines: 0, interrupted: { signal: 'SIGINT' } })
  })

  it('stops reading standard input whose writer is silent, and exits', async () => {
    const first = pipe()
    const second = pipe()
    const child = spawnCli(['summarize', '--json', '--workers', '2', '-', first.path, second.path])
    const done = collect(child)
    child.stdin.write(LOGON)
    // This thread reads standard input first; the worker, once started, takes
    // the first pipe: its opening says both are reading.
    await once(first.writer, 'open')
    child.kill('SIGINT')
    const r = await done
    child.stdin.destroy()
    expect(r.code).toBe(130)
    expect(JSON.parse(r.stdout)).toMatchObject({ interrupted: { signal: 'SIGINT', unreadBytes: 0 } })
  }, 10_000)
})
