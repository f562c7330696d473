// The queue worker's race: a redis-server of its own on a Unix socket, a
// warm-up batch and then the corpus published into a stream (not timed),
// then consume workers timed from the first entry of the corpus the group
// delivers until it has delivered and acknowledged every one: a worker's
// rate once it runs, as a pool of long-running workers sees it. Its
// start-up (~0.2 s: Node, the rules, a connection) is left out, unlike the
// one-shot commands' rows, and so is its code's warming up: V8 compiled
// ~300 ms of optimized code per worker process (--trace-opt) on background
// threads, most of it in a worker's first million lines, which on two
// cores made two cold workers pay it twice against one.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { CLI } from './paths.js'
import { childEnv, median, processCpuMs } from './measure.js'
import { connect, type RedisCalls } from '../dist/queue/redis-queues.js'
import { parseRedisUrl } from '../dist/queue/redis-url.js'

export const REDIS_SERVER = '/usr/bin/redis-server'

export interface ConsumeRace {
  /** Lines per second, median of the rounds. */
  readonly packed: number
  readonly single: number
  readonly twoWorkers: number
  /** Two workers over one, paired round by round. */
  readonly twoOverOne: number
  readonly packedLines: number
  readonly singleLines: number
  /**
   * CPU time spent while the corpus drained, in 100-line entries (medians
   * of the rounds): the workers' together and the server's. null where
   * /proc does not tell it.
   */
  readonly cpu: { readonly one: DrainCpu, readonly two: DrainCpu } | null
}

/** CPU time, ms, of the workers (all their threads) and of redis-server during a timed drain. */
export interface DrainCpu {
  readonly workers: number
  readonly server: number
}

/** A timed drain: its wall-clock time and, where /proc tells it, the CPU spent. */
interface Drain {
  readonly ms: number
  readonly cpu: DrainCpu | null
}

/**
 * `file` in entries of 100 lines, one and two workers, and `singleFile` in
 * entries of one line; each run's workers first drain `file` in entries of
 * 100 lines, untimed. A warm-up of half as many lines (the one-line corpus
 * in entries of 100) left two workers half as many each, and still cold:
 * two workers over one 1.04x (median of three rounds), against 1.10-1.66x
 * (four rounds, median 1.33x) after this one.
 */
export async function raceConsume (file: string, lines: number, singleFile: string, singleLines: number, rounds: number, log: (s: string) => void): Promise<ConsumeRace> {
  const dir = mkdtempSync(join(tmpdir(), 'sspi-bench-redis-'))
  const socket = join(dir, 'redis.sock')
  const server = spawn(REDIS_SERVER, ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
  for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(50)
  const url = (key: string): string => `redis+unix://${socket}?db=0&key=${key}`
  const redis = await connect(parseRedisUrl(url('logs')))
  try {
    const packed: Drain[] = []
    const two: Drain[] = []
    const single: Drain[] = []
    const timed = (warmUp: string, file: string, publishArgs: string[], workers: number): Promise<Drain> => drain(redis, url, server.pid!, warmUp, file, publishArgs, workers)
    for (let round = 1; round <= rounds; round++) {
      log(`consume round ${round}/${rounds}`)
      // One worker and two in turn first, as the one-shot commands' rounds
      // run backwards every other round (run.ts): what runs right after
      // another run can run slower.
      const one = async (): Promise<void> => { packed.push(await timed(file, file, ['--pack', '100'], 1)) }
      const both = async (): Promise<void> => { two.push(await timed(file, file, ['--pack', '100'], 2)) }
      if (round % 2 === 1) await one().then(both)
      else await both().then(one)
      single.push(await timed(file, singleFile, [], 1))
    }
    const ms = (runs: Drain[]): number => median(runs.map((r) => r.ms))
    return {
      packed: lines / (ms(packed) / 1000),
      twoWorkers: lines / (ms(two) / 1000),
      single: singleLines / (ms(single) / 1000),
      twoOverOne: median(packed.map((r, i) => r.ms / two[i]!.ms)),
      packedLines: lines,
      singleLines,
      cpu: packed.every((r) => r.cpu !== null) && two.every((r) => r.cpu !== null) ? { one: medianCpu(packed), two: medianCpu(two) } : null,
    }
  } finally {
    await redis.close()
    server.kill('SIGKILL')
  }
}

/**
 * Publish `warmUp` in entries of 100 lines and then `file` afresh; the time
 * `workers` consume workers take to drain `file` once they have drained
 * `warmUp`, in ms, and the CPU they and the server (`serverPid`) spent meanwhile.
 */
async function drain (redis: RedisCalls, url: (key: string) => string, serverPid: number, warmUp: string, file: string, publishArgs: string[], workers: number): Promise<Drain> {
  await redis.send(['FLUSHALL'])
  await run(['publish', url('logs'), '--pack', '100', warmUp])
  const warmUpEntries = Number(await redis.send(['XLEN', 'logs']))
  await run(['publish', url('logs'), ...publishArgs, file])
  const children = Array.from({ length: workers }, (_, i) => spawn(process.execPath, [CLI, 'consume', url('logs'), '--group', 'bench', '--consumer', `w${i}`, '--out', url('events')], { stdio: 'ignore', env: childEnv() }))
  while (!(await delivered(redis, warmUpEntries))) await sleep(2)
  const cpuBefore = drainCpu(serverPid, children)
  const start = performance.now()
  while (!(await drained(redis))) await sleep(5)
  const ms = performance.now() - start
  const cpuAfter = drainCpu(serverPid, children)
  await Promise.all(children.map(async (c) => { c.kill('SIGTERM'); await exited(c) }))
  const cpu = cpuBefore === null || cpuAfter === null ? null : { workers: cpuAfter.workers - cpuBefore.workers, server: cpuAfter.server - cpuBefore.server }
  return { ms, cpu }
}

/** The CPU time so far of the workers (together) and of the server; null without /proc. */
function drainCpu (serverPid: number, workers: readonly ChildProcess[]): DrainCpu | null {
  const server = processCpuMs(serverPid)
  const each = workers.map((c) => processCpuMs(c.pid!))
  if (server === null || each.some((ms) => ms === null)) return null
  return { server, workers: each.reduce<number>((a, b) => a + b!, 0) }
}

const medianCpu = (runs: readonly Drain[]): DrainCpu => ({ workers: median(runs.map((r) => r.cpu!.workers)), server: median(runs.map((r) => r.cpu!.server)) })

async function groupInfo (redis: RedisCalls): Promise<Map<string, unknown> | null> {
  try {
    const g = (await redis.send(['XINFO', 'GROUPS', 'logs']) as unknown[][])[0]
    return g === undefined ? null : new Map(Array.from({ length: g.length / 2 }, (_, i) => [String(g[2 * i]), g[2 * i + 1]]))
  } catch {
    return null
  }
}

/** Whether the group has delivered more than `after` entries. */
async function delivered (redis: RedisCalls, after: number): Promise<boolean> {
  const info = await groupInfo(redis)
  return info !== null && Number(info.get('entries-read') ?? 0) > after
}

async function drained (redis: RedisCalls): Promise<boolean> {
  const info = await groupInfo(redis)
  return info !== null && Number(info.get('pending')) === 0 && Number(info.get('lag')) === 0
}

async function run (args: string[]): Promise<void> {
  const c = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: childEnv() })
  const code = await exited(c)
  if (code !== 0) throw new Error(`sspi-annotate ${args.join(' ')} exited ${code}`)
}

async function exited (c: ChildProcess): Promise<number | null> {
  if (c.exitCode !== null) return c.exitCode
  return await new Promise((resolve) => c.once('exit', (code) => resolve(code)))
}
