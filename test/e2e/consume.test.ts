import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus } from '../../bench/corpus.js'
import { collect, runCli, spawnCli, ndjson } from '../helpers/cli.js'
import { drained, entriesOf, haveRedis, startRedis, until, type TestRedis } from '../helpers/redis.js'
import { mergeSummaries, type Summary } from '../../src/summary/summary.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-consume-'))
const GROUP = 'annotators'

/** A generated log of `lines` lines, written to a file; its path. */
async function corpusFile (name: string, lines: number, seed: number): Promise<string> {
  const file = join(dir, name)
  const out = createWriteStream(file)
  generateCorpus({ lines, seed, rate: 0.05 }, (b) => out.write(b))
  out.end()
  await once(out, 'finish')
  return file
}

/** An event as both modes write it, without where it was read: compared as a multiset. */
const content = (e: Record<string, unknown>): string => JSON.stringify({ ...e, lineNumber: undefined, source: undefined, entry: undefined })

/** The counts both modes must agree on; the host table differs by design (file name against stream). */
const counts = (s: Summary): object => ({ lines: s.lines, linesWithCodes: s.linesWithCodes, mentions: s.mentions, byCode: withoutPlaces(s.byCode), byCategory: s.byCategory, byFamily: s.byFamily, bySeverity: s.bySeverity, unknown: withoutPlaces(s.unknown), time: s.time })
/** Where each code was seen names the file in one mode and the stream in the other. */
const withoutPlaces = (table: Summary['byCode']): object => Object.fromEntries(Object.entries(table).map(([k, { firstAt: _a, lastAt: _b, ...t }]) => [k, t]))

function worker (r: TestRedis, name: string, extra: readonly string[] = []): { child: ChildProcessWithoutNullStreams, summaryFile: string, done: ReturnType<typeof collect> } {
  const summaryFile = join(dir, `${name}-${Date.now()}.json`)
  const child = spawnCli(['consume', r.url('logs'), '--group', GROUP, '--consumer', name, '--out', r.url('events'), '--summary-file', summaryFile, ...extra])
  child.stdin.end()
  return { child, summaryFile, done: collect(child) }
}

async function stop (w: ReturnType<typeof worker>): Promise<Summary> {
  w.child.kill('SIGTERM')
  const r = await w.done
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(readFileSync(w.summaryFile, 'utf8')) as Summary
}

/** The input entry ids each output entry names, in output order. */
async function outputIds (r: TestRedis): Promise<string[]> {
  return (await entriesOf(r, 'events')).map(([, f]) => f.get('entry')!)
}

describe.runIf(haveRedis || process.env.CI !== undefined)('consume: a consumer-group worker on a real redis-server', () => {
  let r: TestRedis
  beforeAll(async () => { r = await startRedis() })
  afterAll(async () => { await r?.stop() })
  const fresh = async (): Promise<void> => { await r.calls.send(['FLUSHALL']) }

  it('round trip: 200,000 lines through two workers give stdin mode\'s events and, merged, its counts', async () => {
    await fresh()
    const file = await corpusFile('round-trip.log', 200_000, 7)
    const published = await runCli(['publish', r.url('logs'), '--pack', '100', file])
    expect(published.code, published.stderr).toBe(0)
    const a = worker(r, 'w1')
    const b = worker(r, 'w2')
    await until(async () => await drained(r, 'logs', GROUP))
    const [sa, sb] = [await stop(a), await stop(b)]

    const stdinFile = join(dir, 'stdin-summary.json')
    const stdin = await runCli(['--summary-file', stdinFile, file])
    const want = ndjson(stdin.stdout).map(content).sort()
    const events = (await entriesOf(r, 'events')).flatMap(([, f]) => ndjson(f.get('events')!))
    expect(events.every((e) => typeof e.entry === 'string')).toBe(true)
    expect(events.map(content).sort()).toEqual(want)
    expect(counts(mergeSummaries(sa, sb))).toEqual(counts(JSON.parse(readFileSync(stdinFile, 'utf8')) as Summary))
    expect(sa.lines).toBeGreaterThan(0)
    expect(sb.lines).toBeGreaterThan(0)
  }, 120_000)

  it('crash: with one of two workers killed (-9) mid-run, every entry is written exactly once', async () => {
    await fresh()
    const file = await corpusFile('crash.log', 100_000, 8)
    await runCli(['publish', r.url('logs'), file])
    const ids = (await entriesOf(r, 'logs')).map(([id]) => id)
    const a = worker(r, 'w1', ['--min-idle', '500', '--all'])
    const b = worker(r, 'w2', ['--min-idle', '500', '--all'])
    await until(async () => (await outputIds(r)).length > 10_000)
    a.child.kill('SIGKILL')
    await a.done
    await until(async () => await drained(r, 'logs', GROUP))
    await stop(b)
    const out = await outputIds(r)
    expect(out.length).toBe(ids.length)
    expect(new Set(out).size).toBe(ids.length)
    expect([...out].sort()).toEqual([...ids].sort())
  }, 120_000)

  it('stall: a worker stopped (SIGSTOP) past the claim delay writes nothing twice when it wakes', async () => {
    await fresh()
    const file = await corpusFile('stall.log', 200_000, 9)
    await runCli(['publish', r.url('logs'), file])
    const ids = (await entriesOf(r, 'logs')).map(([id]) => id)
    // Large batches: it holds entries most of the time it runs.
    const a = worker(r, 'w1', ['--min-idle', '300', '--all', '--batch', '5000'])
    // Stopped while it holds entries it has read and not yet written.
    await until(async () => {
      a.child.kill('SIGSTOP')
      let held = 0
      try {
        held = Number(((await r.calls.send(['XPENDING', 'logs', GROUP])) as [number])[0])
      } finally {
        if (held === 0) a.child.kill('SIGCONT')
      }
      return held > 0
    })
    await sleep(600)
    const b = worker(r, 'w2', ['--min-idle', '300', '--all'])
    await until(async () => await drained(r, 'logs', GROUP))
    a.child.kill('SIGCONT')
    await sleep(1500)
    await stop(a)
    await stop(b)
    const out = await outputIds(r)
    expect(new Set(out).size).toBe(out.length)
    expect(out.length).toBe(ids.length)
  }, 120_000)

  it('restart: a worker started again under the same name takes up its own pending entries', async () => {
    await fresh()
    const file = await corpusFile('restart.log', 50_000, 10)
    await runCli(['publish', r.url('logs'), file])
    const ids = (await entriesOf(r, 'logs')).map(([id]) => id)
    // No one else could claim them: the claim delay is ten minutes.
    const a = worker(r, 'same-name', ['--min-idle', '600000', '--all', '--batch', '1000'])
    await until(async () => Number(((await r.calls.send(['XPENDING', 'logs', GROUP])) as [number])[0]) > 0 && (await outputIds(r)).length > 0)
    a.child.kill('SIGKILL')
    await a.done
    const again = worker(r, 'same-name', ['--min-idle', '600000', '--all'])
    await until(async () => await drained(r, 'logs', GROUP))
    await stop(again)
    const out = await outputIds(r)
    expect(out.length).toBe(ids.length)
    expect(new Set(out).size).toBe(ids.length)
  }, 120_000)

  it('poison: an entry that holds no line lands in the dead-letter stream with its error, and the rest flows on', async () => {
    await fresh()
    await r.calls.send(['XADD', 'logs', '*', 'line', 'before SEC_E_UNTRUSTED_ROOT'])
    const poison = await r.calls.send(['XADD', 'logs', '*', 'payload', 'not a line field']) as string
    await r.calls.send(['XADD', 'logs', '*', 'line', 'after 0xC000006D'])
    const a = worker(r, 'w1', ['--min-idle', '100', '--max-deliveries', '2', '--dead-letter', 'dead'])
    await until(async () => await drained(r, 'logs', GROUP))
    await stop(a)
    const dead = await entriesOf(r, 'dead')
    expect(dead).toHaveLength(1)
    expect(dead[0]![1].get('entry')).toBe(poison)
    expect(dead[0]![1].get('error')).toMatch(/no "line" or "lines" field/)
    expect((await entriesOf(r, 'events')).flatMap(([, f]) => ndjson(f.get('events')!)).map((e) => e.codes[0].name)).toEqual(['SEC_E_UNTRUSTED_ROOT', 'STATUS_LOGON_FAILURE'])
  }, 60_000)

  it('writes the events on standard output with --out -, and exits 0 on SIGTERM with nothing of its own pending', async () => {
    await fresh()
    await r.calls.send(['XADD', 'logs', '*', 'lines', 'a SEC_E_UNTRUSTED_ROOT\nb nothing\nc Failure Code: 0x18'])
    const child = spawnCli(['consume', r.url('logs'), '--group', GROUP, '--consumer', 'w1', '--out', '-'])
    child.stdin.end()
    const done = collect(child)
    await until(async () => await drained(r, 'logs', GROUP))
    child.kill('SIGTERM')
    const res = await done
    expect(res.code).toBe(0)
    expect(ndjson(res.stdout).map((e) => [e.lineNumber, e.codes[0].name])).toEqual([[1, 'SEC_E_UNTRUSTED_ROOT'], [3, 'KDC_ERR_PREAUTH_FAILED']])
  }, 60_000)

  describe('lists, as Logstash, Vector and rsyslog write them', () => {
    it('round trip: every item\'s events, in stdin mode\'s events', async () => {
      await fresh()
      const file = await corpusFile('list.log', 20_000, 11)
      await runCli(['publish', '--to', 'list', r.url('logs'), file])
      const w = spawnCli(['consume', '--from', 'list', r.url('logs'), '--consumer', 'l1', '--out', r.url('events')])
      w.stdin.end()
      const done = collect(w)
      await until(async () => Number(await r.calls.send(['LLEN', 'logs'])) === 0 && Number(await r.calls.send(['LLEN', 'logs:processing:l1'])) === 0)
      w.kill('SIGTERM')
      expect((await done).code).toBe(0)
      const want = ndjson((await runCli([file])).stdout).map(content).sort()
      expect((await entriesOf(r, 'events')).flatMap(([, f]) => ndjson(f.get('events')!)).map(content).sort()).toEqual(want)
    }, 60_000)

    it('crash: a worker killed (-9) leaves its items on its processing list, and its restart writes each once', async () => {
      await fresh()
      const lines = Array.from({ length: 30_000 }, (_, i) => `${i} hr=0x80090325`)
      await runCli(['publish', '--to', 'list', r.url('logs')], lines.join('\n') + '\n')
      const w = spawnCli(['consume', '--from', 'list', r.url('logs'), '--consumer', 'l1', '--batch', '500', '--out', r.url('events')])
      w.stdin.end()
      const killed = collect(w)
      await until(async () => Number(await r.calls.send(['XLEN', 'events'])) > 1000)
      w.kill('SIGKILL')
      await killed
      const again = spawnCli(['consume', '--from', 'list', r.url('logs'), '--consumer', 'l1', '--out', r.url('events')])
      again.stdin.end()
      const done = collect(again)
      await until(async () => Number(await r.calls.send(['LLEN', 'logs'])) === 0 && Number(await r.calls.send(['LLEN', 'logs:processing:l1'])) === 0)
      again.kill('SIGTERM')
      await done
      const seen = (await entriesOf(r, 'events')).flatMap(([, f]) => ndjson(f.get('events')!)).map((e) => Number(e.line.split(' ')[0]))
      expect(new Set(seen).size).toBe(lines.length)
      expect(seen.length).toBe(lines.length)
    }, 60_000)
  })
})
