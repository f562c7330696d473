/**
 * Where a queue lives, from the URL the commands take:
 * - `redis://HOST:PORT/DB/KEY` (DB a number; `redis://HOST/KEY` is DB 0 on 6379),
 * - `redis+unix:///path/to/redis.sock?db=DB&key=KEY` for a Unix socket.
 * KEY is the stream or list; `rediss://` asks for TLS.
 */
export interface RedisPlace {
  readonly socket: { readonly host: string, readonly port: number, readonly tls: boolean } | { readonly path: string }
  readonly database: number
  readonly key: string
  /** The URL as given, for messages. */
  readonly url: string
}

export function parseRedisUrl (text: string): RedisPlace {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`${text}: not a URL; expected redis://HOST:PORT/DB/KEY or redis+unix:///path/redis.sock?db=0&key=KEY`)
  }
  const fail = (problem: string): never => { throw new Error(`${text}: ${problem}`) }
  if (url.protocol === 'redis+unix:') {
    const key = url.searchParams.get('key') ?? fail('a Unix socket URL names its stream or list with ?key=KEY')
    return { socket: { path: decodeURIComponent(url.pathname) }, database: databaseOf(url.searchParams.get('db') ?? '0', fail), key, url: text }
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') fail('expected redis://, rediss:// or redis+unix://')
  const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent)
  if (parts.length === 0 || parts.length > 2) fail('expected /DB/KEY or /KEY after the host')
  const [database, key] = parts.length === 2 ? [databaseOf(parts[0]!, fail), parts[1]!] : [0, parts[0]!]
  return { socket: { host: url.hostname || '127.0.0.1', port: url.port === '' ? 6379 : Number(url.port), tls: url.protocol === 'rediss:' }, database, key, url: text }
}

function databaseOf (text: string, fail: (problem: string) => never): number {
  return /^\d{1,3}$/.test(text) ? Number(text) : fail(`the database is a number, got "${text}"`)
}

/** The same server with another key: an output or dead-letter stream named by key alone. */
export function withKey (place: RedisPlace, key: string): RedisPlace {
  return { ...place, key, url: `${place.url} (key ${key})` }
}
