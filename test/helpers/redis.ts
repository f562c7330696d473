import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { connect, type RedisCalls } from '../../src/queue/redis-queues.js'
import { parseRedisUrl } from '../../src/queue/redis-url.js'

export const REDIS_SERVER = '/usr/bin/redis-server'
/** .ci/run installs redis-server; a machine without it skips the queue specs (CI fails them instead). */
export const haveRedis = existsSync(REDIS_SERVER)

/** A redis-server of its own on a Unix socket in a temp folder, stopped by its PID. */
export interface TestRedis {
  readonly socket: string
  /** redis+unix:// URL of a key on this server. */
  url (key: string): string
  /** A client for the specs' own checks. */
  readonly calls: RedisCalls
  stop (): Promise<void>
}

export async function startRedis (): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'sspi-redis-'))
  const socket = join(dir, 'redis.sock')
  const server: ChildProcess = spawn(REDIS_SERVER, ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
  const url = (key: string): string => `redis+unix://${socket}?db=0&key=${encodeURIComponent(key)}`
  for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(50)
  const calls = await connect(parseRedisUrl(url('x')))
  return {
    socket,
    url,
    calls,
    stop: async () => {
      await calls.close().catch(() => {})
      server.kill('SIGKILL')
      await new Promise((resolve) => { if (server.exitCode !== null || server.signalCode !== null) resolve(null); else server.once('exit', resolve) })
    },
  }
}

/** Wait until `test` holds, checking every 50 ms, for at most `ms`. */
export async function until (test: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  // Before a worker has made its group, asking about it is an error: not yet.
  const holds = async (): Promise<boolean> => await test().catch(() => false)
  while (!(await holds())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await sleep(50)
  }
}

/** The group has delivered every entry of the stream and has none pending. */
export async function drained (r: TestRedis, key: string, group: string): Promise<boolean> {
  const groups = await r.calls.send(['XINFO', 'GROUPS', key]) as unknown[][]
  const info = groups.map((g) => new Map(Array.from({ length: g.length / 2 }, (_, i) => [String(g[2 * i]), g[2 * i + 1]]))).find((g) => g.get('name') === group)
  return info !== undefined && Number(info.get('pending')) === 0 && Number(info.get('lag')) === 0
}

/** Every entry of a stream, as [id, fields]. */
export async function entriesOf (r: TestRedis, key: string): Promise<Array<[string, Map<string, string>]>> {
  const out: Array<[string, Map<string, string>]> = []
  let from = '-'
  for (;;) {
    const page = await r.calls.send(['XRANGE', key, from, '+', 'COUNT', '10000']) as Array<[string, string[]]>
    for (const [id, flat] of page) if (id !== from) out.push([id, new Map(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]))])
    if (page.length < 10000) return out
    from = page[page.length - 1]![0]
  }
}
