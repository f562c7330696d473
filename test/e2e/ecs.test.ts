import { describe, expect, it } from 'vitest'
import { ndjson, runCli } from '../helpers/cli.js'

// What an Elasticsearch data stream takes: every document has @timestamp
// and ecs.version; the rest says what the line is about.

describe('--format ecs on text', () => {
  it('takes @timestamp and host.name from the line, and names the ECS version', async () => {
    const r = await runCli(['--format', 'ecs'], 'Mar 11 08:14:02 dc-01 sshd[812]: AcceptSecurityContext failed hr=0x8009030C\n')
    const [doc] = ndjson(r.stdout)
    expect(doc['@timestamp']).toMatch(/^\d{4}-03-11T08:14:02\.000Z$/)
    expect(doc.host).toEqual({ name: 'dc-01' })
    expect(doc.ecs).toEqual({ version: expect.stringMatching(/^8\.\d+\.\d+$/) })
    expect(doc.event).toEqual({ kind: 'event', category: ['authentication'], type: ['start', 'error'], outcome: 'failure' })
  })

  it('uses the time the line was read for a line without a stamp, and says so in event.created', async () => {
    const before = Date.now()
    const [doc] = ndjson((await runCli(['--format', 'ecs'], 'no stamp here SEC_E_TIME_SKEW\n')).stdout)
    expect(doc['@timestamp']).toBe(doc.event.created)
    expect(Date.parse(doc['@timestamp'])).toBeGreaterThanOrEqual(before - 1000)
    expect(doc.host).toBeUndefined()
  })

  it('leaves log.file.path out for standard input, and gives the path of a file', async () => {
    const [fromStdin] = ndjson((await runCli(['--format', 'ecs'], 'x SEC_E_TIME_SKEW\n')).stdout)
    expect(fromStdin.log).toBeUndefined()
    const [fromFile] = ndjson((await runCli(['--format', 'ecs', 'fixtures/windows-auth-sample.log'])).stdout)
    expect(fromFile.log).toEqual({ file: { path: 'fixtures/windows-auth-sample.log' } })
  })

  it('with --all, does not make a line without codes an authentication event', async () => {
    const docs = ndjson((await runCli(['--format', 'ecs', '--all'], '2025-03-11T08:14:02Z web-01 app[1]: GET /health 200\n')).stdout)
    expect(docs).toHaveLength(1)
    expect(docs[0].event).toEqual({ kind: 'event' })
    expect(docs[0].error).toBeUndefined()
    expect(docs[0]['@timestamp']).toBe('2025-03-11T08:14:02.000Z')
  })
})

describe('--format ecs on logon codes', () => {
  it('files a 4625 line under its Sub Status in error.code, the generic Status left in sspi.codes', async () => {
    const [doc] = ndjson((await runCli(['--format', 'ecs'], 'Mar 11 08:14:02 dc-01 Security-Auditing: 4625: An account failed to log on. Status: 0xC000006D Sub Status: 0xC000006A\n')).stdout)
    expect(doc.error).toMatchObject({ code: '0xC000006A', type: 'STATUS_WRONG_PASSWORD' })
  })

  it('writes a Kerberos number in error.code as Windows events write it', async () => {
    const [doc] = ndjson((await runCli(['--format', 'ecs'], 'Mar 11 08:14:02 dc-01 Security-Auditing: 4771: Kerberos pre-authentication failed. Failure Code: 0x18\n')).stdout)
    expect(doc.error).toMatchObject({ code: '0x18', type: 'KDC_ERR_PREAUTH_FAILED' })
  })
})

describe('--format ecs on records', () => {
  it('turns the Windows event ID a shipper wrote into event.code, and keeps one already there', async () => {
    const input = [
      { '@timestamp': '2025-03-11T08:14:02Z', winlog: { event_id: 4625 }, message: 'An account failed to log on. hr=0x8009030C' },
      { EventID: '4771', message: 'Kerberos pre-authentication failed SEC_E_LOGON_DENIED' },
      { event: { code: '4768' }, EventID: 4625, message: 'SEC_E_TIME_SKEW' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n'
    const out = ndjson((await runCli(['--input', 'ndjson', '--format', 'ecs'], input)).stdout)
    expect(out.map((d) => d.event.code)).toEqual(['4625', '4771', '4768'])
    expect(out[0]['@timestamp']).toBe('2025-03-11T08:14:02Z')
    expect(out[0].ecs).toEqual({ version: expect.stringMatching(/^8\./) })
  })
})
