import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { CLI } from '../helpers/cli.js'
import { readmeExample } from './readme.test.js'

// Debian's rsyslog; .ci/run installs it. Locally the spec is skipped when it
// is missing; in CI a missing rsyslogd fails the run.
const RSYSLOGD = '/usr/sbin/rsyslogd'
const runIt = existsSync(RSYSLOGD) || process.env.CI !== undefined

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function freePort (): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

async function connectWhenReady (port: number, ms: number): Promise<ReturnType<typeof createConnection>> {
  const deadline = Date.now() + ms
  for (;;) {
    try {
      const socket = createConnection({ host: '127.0.0.1', port })
      await once(socket, 'connect')
      return socket
    } catch (err) {
      if (Date.now() > deadline) throw err
      await sleep(100)
    }
  }
}

/** What each message carries, and the codes it should be annotated with (null: none). */
const KINDS: Array<[(i: number) => string, string[] | null]> = [
  [(i) => `schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325) #${i}`, ['SEC_E_UNTRUSTED_ROOT']],
  [(i) => `AcceptSecurityContext failed hr=0x8009030c user=CORP\\jdoe #${i}`, ['SEC_E_LOGON_DENIED']],
  [(i) => `GET /api/orders/${i} 200 12ms`, null],
  [(i) => `Login failed. HResult=-2146893022 #${i}`, ['SEC_E_WRONG_PRINCIPAL']],
  [(i) => `ActivityId: 80090325-1f2e-4abc-a123-0123456789ab request ${i} completed`, null],
  [(i) => `sshd[${i}]: Accepted publickey for deploy`, null],
  // A wrong pairing copied from a ticket: both codes, flagged.
  [(i) => `InitializeSecurityContext returned 0x8009030D (SEC_E_INVALID_TOKEN) #${i}`, ['SEC_E_UNKNOWN_CREDENTIALS', 'SEC_E_INVALID_TOKEN']],
]

describe.runIf(runIt)('inside a real rsyslogd (mmexternal, fulljson)', () => {
  it('receives every message, annotated with $!sspi exactly when it carries a code', async () => {
    expect(existsSync(RSYSLOGD)).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'sspi-rsyslog-'))
    const port = await freePort()
    const out = join(dir, 'annotated.json')
    // The README's configuration, with this run's paths and port.
    const config = join(dir, 'rsyslog.conf')
    const fromReadme = readmeExample('rsyslog')
      .replace('/usr/local/bin/sspi-annotate', `${process.execPath} ${CLI}`)
      .replace('port="10514"', `port="${port}"`)
      .replace('/var/log/sspi-annotated.json', out)
    expect(fromReadme).toContain(out)
    writeFileSync(config, `global(workDirectory="${dir}")\n${fromReadme}\n`)
    const pidFile = join(dir, 'rsyslogd.pid')
    const daemon = spawn(RSYSLOGD, ['-n', '-f', config, '-i', pidFile], { stdio: ['ignore', 'pipe', 'pipe'] })
    let daemonOutput = ''
    daemon.stdout.on('data', (b: Buffer) => { daemonOutput += b.toString() })
    daemon.stderr.on('data', (b: Buffer) => { daemonOutput += b.toString() })
    try {
      const socket = await connectWhenReady(port, 20_000)
      const N = 300
      const sent: Array<{ text: string, codes: string[] | null }> = []
      for (let i = 0; i < N; i++) {
        const [make, codes] = KINDS[i % KINDS.length]!
        const text = make(i)
        sent.push({ text, codes })
        socket.write(`<13>Mar 11 08:14:02 web-02 app[${1000 + i}]: ${text}\n`)
      }
      socket.end()

      const deadline = Date.now() + 60_000
      let lines: string[] = []
      while (Date.now() < deadline) {
        lines = existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter((l) => l.length > 0) : []
        if (lines.length >= N) break
        await sleep(200)
      }
      expect(lines.length, daemonOutput).toBe(N)
      const received = lines.map((l) => JSON.parse(l) as { msg: string, '$!'?: { sspi?: { codes: Array<{ name: string }>, conflict?: boolean } } })
      const byText = new Map(received.map((m) => [m.msg.trim(), m]))
      for (const { text, codes } of sent) {
        const m = byText.get(text)
        expect(m, text).toBeDefined()
        if (codes === null) {
          expect(m!['$!']?.sspi, text).toBeUndefined()
        } else {
          expect(m!['$!']?.sspi?.codes.map((c) => c.name), text).toEqual(codes)
          expect(m!['$!']?.sspi?.conflict, text).toBe(codes.length > 1 ? true : undefined)
        }
      }
    } finally {
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : daemon.pid!
      process.kill(pid, 'SIGTERM')
      await once(daemon, 'exit')
    }
  }, 120_000)
})
