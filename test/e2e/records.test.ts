import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runCli, spawnCli, waitFor } from '../helpers/cli.js'

const FIXTURE = 'fixtures/shipper-records.ndjson'
const inputLines = readFileSync(join(ROOT, FIXTURE), 'utf8').replace(/\n$/, '').split('\n')

describe('record mode (--input ndjson)', () => {
  it('passes every record of a mixed valid/invalid file, in order, annotating those with codes', async () => {
    const r = await runCli(['--input', 'ndjson', '--summary', FIXTURE])
    expect(r.code).toBe(0)
    const out = r.stdout.replace(/\n$/, '').split('\n')
    expect(out).toHaveLength(inputLines.length)
    out.forEach((line, i) => {
      const annotated = line !== inputLines[i]
      if (annotated) {
        const { sspi, ...rest } = JSON.parse(line)
        expect(rest).toEqual(JSON.parse(inputLines[i]!))
        expect(sspi.codes.length).toBeGreaterThan(0)
      }
    })
    const changed = out.map((l, i) => l !== inputLines[i])
    expect(changed).toEqual([true, false, true, false, true, true, false, false, true, false, false, false])
    expect(JSON.parse(r.stderr)).toMatchObject({ lines: 12, linesWithCodes: 5, input: { malformedRecords: 4 } })
  })

  it('says which field each match was found in', async () => {
    const r = await runCli(['--input', 'ndjson', FIXTURE])
    const sql = JSON.parse(r.stdout.split('\n')[4]!)
    expect(sql.sspi.codes[0]).toMatchObject({ name: 'SEC_E_LOGON_DENIED', matches: [{ field: 'msg', form: 'signed', start: 22, end: 33 }] })
  })

  it('scans the fields named with --field, nested or flattened, and puts the result under --target', async () => {
    const input = [
      JSON.stringify({ message: 'SEC_E_TIME_SKEW', error: { stack: 'at Negotiate 0x80090322' }, 'log.original': 'hr=0x8009030C' }),
    ].join('\n')
    const r = await runCli(['--input', 'ndjson', '--field', 'error.stack', '--field', 'log.original', '--target', 'windows'], input + '\n')
    const rec = JSON.parse(r.stdout)
    expect(rec.windows.codes.map((c: any) => [c.name, c.matches[0].field])).toEqual([['SEC_E_WRONG_PRINCIPAL', 'error.stack'], ['SEC_E_LOGON_DENIED', 'log.original']])
    expect(rec.sspi).toBeUndefined()
  })

  it('takes the first string of message, msg, log, MESSAGE by default', async () => {
    const r = await runCli(['--input', 'ndjson'], JSON.stringify({ message: 42, msg: 'plain', log: 'SEC_E_OK' }) + '\n')
    expect(r.stdout.trim()).toBe(JSON.stringify({ message: 42, msg: 'plain', log: 'SEC_E_OK' }))
  })
})

describe('record mode, live', () => {
  it('writes each record as soon as it arrives, without waiting for the next', async () => {
    const child = spawnCli(['--input', 'ndjson'])
    try {
      child.stdin.write('{"message":"plain"}\n')
      expect(await waitFor(child.stdout, /\n/)).toBe('{"message":"plain"}\n')
      child.stdin.write('{"message":"hr=0x8009030C"}\n')
      expect(JSON.parse(await waitFor(child.stdout, /\n/)).sspi.codes[0].name).toBe('SEC_E_LOGON_DENIED')
    } finally {
      child.kill('SIGKILL')
    }
  })
})

describe('--input auto', () => {
  it('reads a file whose first non-empty line is a JSON object as records', async () => {
    const r = await runCli(['--input', 'auto'], '\n  \n{"message":"hr=0x8009030C"}\nnot json\n')
    const out = r.stdout.split('\n')
    expect(out.slice(0, 2)).toEqual(['', '  '])
    expect(JSON.parse(out[2]!).sspi.codes[0].name).toBe('SEC_E_LOGON_DENIED')
    expect(out.slice(3)).toEqual(['not json', ''])
  })

  it('reads anything else as text', async () => {
    const r = await runCli(['--input', 'auto', '--all'], 'plain text hr=0x8009030C\n{"message":"x"}\n')
    expect(r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).lineNumber)).toEqual([1, 2])
  })
})

describe('--format ecs in record mode', () => {
  it('adds to what the record has, and sets error.* for the first error code', async () => {
    const r = await runCli(['--input', 'ndjson', '--format', 'ecs', FIXTURE])
    const dc = JSON.parse(r.stdout.split('\n')[5]!)
    expect(dc.event).toEqual({ category: ['iam', 'authentication'], kind: 'event', type: ['start', 'error'], outcome: 'failure' })
    expect(dc.error).toEqual({ code: '0x80090324', type: 'SEC_E_TIME_SKEW', message: 'The clocks of client and server differ too much for Kerberos.' })
    const iis = JSON.parse(r.stdout.split('\n')[2]!)
    expect(iis.tags).toEqual(['iis', 'sspi', 'context'])
  })

  it('never sets error.* for success codes, and calls the outcome unknown', async () => {
    const r = await runCli(['--input', 'ndjson', '--format', 'ecs', FIXTURE])
    const handshake = JSON.parse(r.stdout.split('\n')[8]!)
    expect(handshake.error).toBeUndefined()
    expect(handshake.event).toMatchObject({ type: ['start'], outcome: 'unknown' })
  })
})

describe('--format otel in record mode', () => {
  it('adds the attributes and sets severity only where missing', async () => {
    const input = JSON.stringify({ body: 'x', severityText: 'WARN', attributes: { 'service.name': 'api' }, message: 'SEC_E_UNTRUSTED_ROOT' })
    const r = await runCli(['--input', 'ndjson', '--format', 'otel'], input + '\n')
    const rec = JSON.parse(r.stdout)
    expect(rec.attributes).toMatchObject({ 'service.name': 'api', 'error.type': 'SEC_E_UNTRUSTED_ROOT', 'windows.sspi.status.code': '0x80090325', 'windows.sspi.status.category': 'schannel' })
    expect(rec.severityText).toBe('WARN')
    expect(rec.severityNumber).toBe(17)
  })
})

describe('--rsyslog', () => {
  it('answers every message with exactly one line, in order', async () => {
    const r = await runCli(['--rsyslog'], '{"msg":" hr=0x8009030C"}\nbroken\n{"msg":"plain"}\n{"msg":"SEC_E_OK","hostname":"h"}\n')
    const replies = r.stdout.trim().split('\n')
    expect(replies).toHaveLength(4)
    expect(JSON.parse(replies[0]!)['$!'].sspi.codes[0].name).toBe('SEC_E_LOGON_DENIED')
    expect(replies.slice(1, 3)).toEqual(['{}', '{}'])
    expect(JSON.parse(replies[3]!)['$!'].sspi.codes[0].name).toBe('SEC_E_OK')
    expect(r.stderr).toBe('')
  })

  it('refuses --summary, which would write into rsyslog\'s reply stream', async () => {
    const r = await runCli(['--rsyslog', '--summary'], '')
    expect(r.code).toBe(2)
  })
})
