import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

// The output is checked with a real decoder built from the OpenTelemetry
// proto definitions (opentelemetry-proto, compiled by protobufjs in the
// OpenTelemetry JS exporter), not against a shape written here: each line
// goes through ExportLogsServiceRequest and must come back the same. A field
// the definitions do not have is dropped on the way, and a value of the
// wrong kind is refused.
const require = createRequire(import.meta.url)
const root = require('@opentelemetry/otlp-proto-exporter-base/build/src/generated/root.js')
const ExportLogsServiceRequest = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest

function throughProto (json: unknown): unknown {
  const message = ExportLogsServiceRequest.fromObject(json)
  const bytes = ExportLogsServiceRequest.encode(message).finish()
  return ExportLogsServiceRequest.toObject(ExportLogsServiceRequest.decode(bytes), { longs: String, enums: Number, defaults: false })
}

const requests = (stdout: string): any[] => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l))

describe('--format otel on text: OTLP/JSON, one export request per line', () => {
  it('decodes as ExportLogsServiceRequest and comes back unchanged', async () => {
    const r = await runCli(['--format', 'otel', '--all', 'fixtures/windows-auth-sample.log'])
    const all = requests(r.stdout)
    expect(all.length).toBe(26)
    for (const request of all) expect(throughProto(request)).toEqual(request)
  })

  it('takes timeUnixNano from the line, and observedTimeUnixNano from the time it was read', async () => {
    const before = BigInt(Date.now()) * 1_000_000n
    const [req] = requests((await runCli(['--format', 'otel'], '2025-03-11T08:14:02.117Z dc-01 lsass[620]: SEC_E_TIME_SKEW\n')).stdout)
    const [record] = req.resourceLogs[0].scopeLogs[0].logRecords
    expect(record.timeUnixNano).toBe('1741680842117000000')
    expect(BigInt(record.observedTimeUnixNano)).toBeGreaterThanOrEqual(before - 1_000_000_000n)
    expect(req.resourceLogs[0].resource.attributes).toEqual([{ key: 'host.name', value: { stringValue: 'dc-01' } }])
    expect(req.resourceLogs[0].scopeLogs[0].scope).toEqual({ name: 'sspi-annotate' })
  })

  it('writes the body and attributes as AnyValue, lists as arrays', async () => {
    const [req] = requests((await runCli(['--format', 'otel'], 'x 0x8009030D (SEC_E_INVALID_TOKEN)\n')).stdout)
    const [record] = req.resourceLogs[0].scopeLogs[0].logRecords
    expect(record.body).toEqual({ stringValue: 'x 0x8009030D (SEC_E_INVALID_TOKEN)' })
    const names = record.attributes.find((a: any) => a.key === 'windows.sspi.status.names')
    expect(names.value).toEqual({ arrayValue: { values: [{ stringValue: 'SEC_E_UNKNOWN_CREDENTIALS' }, { stringValue: 'SEC_E_INVALID_TOKEN' }] } })
    expect(record.attributes.some((a: any) => a.key === 'log.file.path')).toBe(false)
  })

  it('gives severity only where a code gives one, and no time for a line without a stamp', async () => {
    const [req] = requests((await runCli(['--format', 'otel', '--all'], 'plain line\n')).stdout)
    const [record] = req.resourceLogs[0].scopeLogs[0].logRecords
    expect(record.severityNumber).toBeUndefined()
    expect(record.severityText).toBeUndefined()
    expect(record.timeUnixNano).toBeUndefined()
    expect(record.observedTimeUnixNano).toMatch(/^\d{19}$/)
  })
})
