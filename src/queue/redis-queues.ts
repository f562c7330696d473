import { createRequire } from 'node:module'
import type { RedisPlace } from './redis-url.js'
import { textOfFields, type DoneEntry, type FailedEntry, type Queue, type QueueEntry } from './queue.js'

/** The few calls the queues make; node-redis's sendCommand, with RESP2 replies (arrays, not maps). */
export interface RedisCalls {
  /** With `bytes`, bulk strings come back as Buffers: an entry's text goes to the scanner as it came, never decoded and encoded again. */
  send (args: ReadonlyArray<string | Buffer>, bytes?: boolean): Promise<unknown>
  close (): Promise<void>
}

/** A node-redis client for a place, loaded only by the commands that use one. */
export async function connect (place: RedisPlace): Promise<RedisCalls> {
  // require, not import(): the CLI runs as a script with V8's code cache (cli-loader.ts), where import() has no loader.
  const { createClient, RESP_TYPES } = createRequire(import.meta.url)('@redis/client') as typeof import('@redis/client')
  const asBytes = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } }
  const reconnectStrategy = (retries: number): number | Error => (retries > 20 ? new Error(`${place.url}: no connection after ${retries} tries`) : Math.min(retries * 100, 2000))
  const s = place.socket
  const socket = 'path' in s ? { path: s.path, reconnectStrategy } : s.tls ? { host: s.host, port: s.port, tls: true as const, reconnectStrategy } : { host: s.host, port: s.port, reconnectStrategy }
  // RESP2: stream replies as arrays in every server version the consumer runs against.
  const client = createClient({ socket, database: place.database, RESP: 2 })
  client.on('error', () => { /* reported by the command that fails */ })
  await client.connect()
  return {
    send: async (args, bytes = false) => await client.sendCommand([...args], bytes ? asBytes : undefined),
    close: async () => { await client.close() },
  }
}

/** Where a worker's output goes: a stream on the same server (written atomically with the ack), or a function (stdout), written before it. */
export type Output = { readonly key: string } | { readonly write: (text: string) => Promise<void> }

/**
 * The output stream a commit writes into, or null when the batch's text went
 * to standard output (or the caller's function) first: that cannot share a
 * transaction with Redis, so it is written, then acknowledged (at least once).
 */
async function outputKey (output: Output, done: readonly DoneEntry[]): Promise<string | null> {
  if ('key' in output) return output.key
  const text = done.map((d) => d.output).join('')
  if (text !== '') await output.write(text)
  return null
}

export interface StreamQueueOptions {
  readonly key: string
  readonly group: string
  readonly consumer: string
  readonly output: Output
  /** Stream for entries that failed on more than maxDeliveries deliveries; null to leave them pending. */
  readonly deadLetter: string | null
  readonly maxDeliveries: number
  /** How long an entry stays pending before another worker takes it over (XAUTOCLAIM). */
  readonly minIdleMs: number
  /** The longest a read waits for new entries: also how soon a stop is noticed. */
  readonly blockMs: number
}

/**
 * Write and acknowledge the entries still pending to this consumer, in one
 * step: an entry another worker claimed meanwhile (this one stalled past the
 * claim delay) is left to it. ARGV: group, consumer, the batch's first and
 * last id and its size, then id and text pairs ('' text: acknowledge only).
 * KEYS: the stream, then the output stream or none. One XPENDING for the
 * batch and one XACK: checking each entry on its own took the server as long
 * as the rest of a batch of one-line entries. Returns the ids written.
 */
const COMMIT_STREAM = `
local mine = {}
for _, p in ipairs(redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[2])) do mine[p[1]] = true end
local written = {}
for i = 6, #ARGV, 2 do
  local id = ARGV[i]
  if mine[id] then
    if KEYS[2] and ARGV[i + 1] ~= '' then redis.call('XADD', KEYS[2], '*', 'entry', id, 'events', ARGV[i + 1]) end
    written[#written + 1] = id
  end
end
if #written > 0 then redis.call('XACK', KEYS[1], ARGV[1], unpack(written)) end
return written`

/** The same for a dead letter: ARGV group, consumer, then id, error, text triples. */
const DEAD_LETTER = `
local moved = 0
for i = 3, #ARGV, 3 do
  local id = ARGV[i]
  local mine = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1, ARGV[2])
  if #mine == 1 then
    redis.call('XADD', KEYS[2], '*', 'entry', id, 'stream', KEYS[1], 'error', ARGV[i + 1], 'text', ARGV[i + 2])
    redis.call('XACK', KEYS[1], ARGV[1], id)
    moved = moved + 1
  end
end
return moved`

type StreamEntry = [Buffer, Buffer[] | null]

function entryOf ([rawId, flat]: StreamEntry): QueueEntry {
  const id = rawId.toString('latin1')
  const fields = new Map<string, Buffer>()
  for (let i = 0; flat !== null && i + 1 < flat.length; i += 2) fields.set(flat[i]!.toString('utf8'), flat[i + 1]!)
  return { id, handle: id, ...textOfFields(fields) }
}

/**
 * A consumer group on a Redis stream (XREADGROUP, XAUTOCLAIM, XACK). Reads
 * go on one connection and commits on another: a read that blocks waiting
 * for entries would otherwise hold up the commit queued behind it. On
 * start it first takes back its own pending entries (a restart under the
 * same name); between reads it claims entries other workers left pending
 * for minIdleMs (a worker that died or stalled).
 */
export async function streamQueue (redis: RedisCalls, writer: RedisCalls, o: StreamQueueOptions): Promise<Queue> {
  try {
    await redis.send(['XGROUP', 'CREATE', o.key, o.group, '0', 'MKSTREAM'])
  } catch (err) {
    if (!String((err as Error).message).includes('BUSYGROUP')) throw err
  }
  let ownFrom: string | null = '0'
  let claimCursor = '0-0'
  let lastClaim = 0

  const read = async (max: number): Promise<QueueEntry[]> => {
    if (ownFrom !== null) {
      const reply = await redis.send(['XREADGROUP', 'GROUP', o.group, o.consumer, 'COUNT', String(max), 'STREAMS', o.key, ownFrom], true) as Array<[Buffer, StreamEntry[]]> | null
      const entries = reply?.[0]?.[1] ?? []
      if (entries.length > 0) {
        ownFrom = entries[entries.length - 1]![0].toString('latin1')
        return entries.map(entryOf)
      }
      ownFrom = null
    }
    const now = Date.now()
    if (now - lastClaim >= o.minIdleMs / 2) {
      lastClaim = now
      const [rawCursor, claimed] = await redis.send(['XAUTOCLAIM', o.key, o.group, o.consumer, String(o.minIdleMs), claimCursor, 'COUNT', String(max)], true) as [Buffer, StreamEntry[]]
      const cursor = rawCursor.toString('latin1')
      claimCursor = cursor
      // Entries deleted from the stream come back with no fields: nothing to do but acknowledge.
      if (claimed.length > 0) {
        if (cursor !== '0-0') lastClaim = 0
        return claimed.map(entryOf)
      }
    }
    const reply = await redis.send(['XREADGROUP', 'GROUP', o.group, o.consumer, 'COUNT', String(max), 'BLOCK', String(o.blockMs), 'STREAMS', o.key, '>'], true) as Array<[Buffer, StreamEntry[]]> | null
    return (reply?.[0]?.[1] ?? []).map(entryOf)
  }

  const commit = async (done: readonly DoneEntry[]): Promise<readonly DoneEntry[]> => {
    if (done.length === 0) return []
    const out = await outputKey(o.output, done)
    const args = done.flatMap((d) => [d.entry.handle, out !== null ? d.output : ''])
    const keys = out !== null ? [o.key, out] : [o.key]
    // A batch comes from one read, and XREADGROUP and XAUTOCLAIM both give entries in id order.
    const first = done[0]!.entry.handle
    const last = done[done.length - 1]!.entry.handle
    const written = new Set(await writer.send(['EVAL', COMMIT_STREAM, String(keys.length), ...keys, o.group, o.consumer, first, last, String(2 * done.length + 100), ...args]) as string[])
    return written.size === done.length ? done : done.filter((d) => written.has(d.entry.handle))
  }

  const fail = async (failed: readonly FailedEntry[]): Promise<void> => {
    if (o.deadLetter === null || failed.length === 0) return
    const ids = failed.map((f) => f.entry.handle)
    const pending = await writer.send(['XPENDING', o.key, o.group, '-', '+', String(Math.max(100, failed.length * 4)), o.consumer]) as Array<[string, string, number, number]>
    const deliveries = new Map(pending.filter(([id]) => ids.includes(id)).map(([id, , , n]) => [id, Number(n)]))
    const dead = failed.filter((f) => (deliveries.get(f.entry.handle) ?? 0) > o.maxDeliveries)
    if (dead.length === 0) return
    await writer.send(['EVAL', DEAD_LETTER, '2', o.key, o.deadLetter, o.group, o.consumer, ...dead.flatMap((f) => [f.entry.handle, f.error, f.entry.text ?? ''])])
  }

  return { read, commit, fail, close: async () => { await Promise.all([redis.close(), writer.close()]) } }
}

export interface ListQueueOptions {
  readonly key: string
  readonly consumer: string
  readonly output: Output
  readonly deadLetter: string | null
  readonly blockMs: number
}

/** Write the output and take the item off this worker's processing list, in one step. KEYS: processing list, output stream or none; ARGV: item, text pairs. */
const COMMIT_LIST = `
for i = 1, #ARGV, 2 do
  if KEYS[2] and ARGV[i + 1] ~= '' then redis.call('XADD', KEYS[2], '*', 'events', ARGV[i + 1]) end
  redis.call('LREM', KEYS[1], 1, ARGV[i])
end
return #ARGV / 2`

const DEAD_LETTER_LIST = `
for i = 1, #ARGV, 2 do
  redis.call('XADD', KEYS[2], '*', 'list', KEYS[3], 'error', ARGV[i + 1], 'text', ARGV[i])
  redis.call('LREM', KEYS[1], 1, ARGV[i])
end
return #ARGV / 2`

/**
 * A Redis list, as Logstash, Vector and rsyslog's omhiredis write them: each
 * item moves atomically (BLMOVE) onto this worker's own processing list
 * (KEY:processing:CONSUMER) and leaves it only with its output written, so
 * a crash loses nothing; a restart under the same name takes up that list
 * first. An item is one line, or several separated by LF.
 */
export async function listQueue (redis: RedisCalls, writer: RedisCalls, o: ListQueueOptions): Promise<Queue> {
  const processing = `${o.key}:processing:${o.consumer}`
  let recovering = true
  const itemEntry = (item: string): QueueEntry => ({ id: null, handle: item, text: item })

  const read = async (max: number): Promise<QueueEntry[]> => {
    if (recovering) {
      recovering = false
      const left = await redis.send(['LRANGE', processing, '0', '-1']) as string[]
      if (left.length > 0) return left.map(itemEntry)
    }
    const first = await redis.send(['BLMOVE', o.key, processing, 'LEFT', 'RIGHT', String(o.blockMs / 1000)]) as string | null
    if (first === null) return []
    const items = [first]
    const more = await Promise.all(Array.from({ length: max - 1 }, async () => await redis.send(['LMOVE', o.key, processing, 'LEFT', 'RIGHT']) as string | null))
    for (const item of more) if (item !== null) items.push(item)
    return items.map(itemEntry)
  }

  const commit = async (done: readonly DoneEntry[]): Promise<readonly DoneEntry[]> => {
    if (done.length === 0) return []
    const out = await outputKey(o.output, done)
    const keys = out !== null ? [processing, out] : [processing]
    await writer.send(['EVAL', COMMIT_LIST, String(keys.length), ...keys, ...done.flatMap((d) => [d.entry.handle, out !== null ? d.output : ''])])
    return done
  }

  // A list has no delivery count: an item that cannot be read goes to the dead letter at once.
  const fail = async (failed: readonly FailedEntry[]): Promise<void> => {
    if (o.deadLetter === null || failed.length === 0) return
    await writer.send(['EVAL', DEAD_LETTER_LIST, '3', processing, o.deadLetter, o.key, ...failed.flatMap((f) => [f.entry.handle, f.error])])
  }

  return { read, commit, fail, close: async () => { await Promise.all([redis.close(), writer.close()]) } }
}
