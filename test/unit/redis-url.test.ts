import { describe, expect, it } from 'vitest'
import { parseRedisUrl } from '../../src/queue/redis-url.js'

describe('queue URLs', () => {
  it('read redis://HOST:PORT/DB/KEY', () => {
    expect(parseRedisUrl('redis://queue.corp.example:6380/2/auth-logs')).toMatchObject({ socket: { host: 'queue.corp.example', port: 6380, tls: false }, database: 2, key: 'auth-logs' })
  })

  it('take database 0 and port 6379 when they are left out, and TLS from rediss://', () => {
    expect(parseRedisUrl('rediss://queue/logs')).toMatchObject({ socket: { host: 'queue', port: 6379, tls: true }, database: 0, key: 'logs' })
  })

  it('read a Unix socket with its database and key in the query', () => {
    expect(parseRedisUrl('redis+unix:///run/redis/redis.sock?db=3&key=logs')).toMatchObject({ socket: { path: '/run/redis/redis.sock' }, database: 3, key: 'logs' })
  })

  it.each([
    ['http://queue/0/logs', /expected redis:\/\//],
    ['redis://queue', /expected \/DB\/KEY/],
    ['redis://queue/x/logs', /the database is a number/],
    ['redis+unix:///run/redis.sock', /names its stream or list with \?key=KEY/],
    ['queue:6379/0/logs', /expected redis:\/\//],
  ])('say what is wrong with %s', (url, problem) => {
    expect(() => parseRedisUrl(url)).toThrow(problem)
  })
})
