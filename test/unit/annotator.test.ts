import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from 'vitest'
import { createAnnotator, type AnnotatorOptions } from '../../src/annotator.js'

async function run (options: AnnotatorOptions, input: unknown[]): Promise<{ out: any[], summary: any }> {
  const annotator = createAnnotator(options)
  const out: unknown[] = []
  await pipeline(Readable.from(input), annotator, new Writable({ objectMode: true, write (x, _e, cb) { out.push(x); cb() } }))
  return { out, summary: annotator.summary }
}

describe('createAnnotator', () => {
  it('turns log lines into events, only those with codes by default', async () => {
    const { out, summary } = await run({ source: 'app.log' }, ['a SEC_E_TIME_SKEW', 'nothing'])
    expect(out).toMatchObject([{ line: 'a SEC_E_TIME_SKEW', lineNumber: 1, source: 'app.log', codes: [{ name: 'SEC_E_TIME_SKEW' }] }])
    expect(summary).toMatchObject({ lines: 2, linesWithCodes: 1 })
  })

  it('with all, gives an event for every line', async () => {
    const { out } = await run({ all: true }, ['x', 'y'])
    expect(out.map((e) => [e.lineNumber, e.codes])).toEqual([[1, []], [2, []]])
  })

  it('writes text-mode events in the chosen profile', async () => {
    const { out } = await run({ format: 'otel' }, ['hr=0x8009030C'])
    const [record] = out[0].resourceLogs[0].scopeLogs[0].logRecords
    expect(record).toMatchObject({ severityText: 'ERROR', body: { stringValue: 'hr=0x8009030C' } })
    expect(record.attributes).toContainEqual({ key: 'error.type', value: { stringValue: 'SEC_E_LOGON_DENIED' } })
  })

  it('flags a name beside another code\'s number, in lines and in records', async () => {
    const line = 'ticket: 0x8009030D (SEC_E_INVALID_TOKEN)'
    const text = await run({}, [line])
    expect(text.out[0]).toMatchObject({ conflict: true })
    expect(text.summary.conflicts).toBe(1)
    const records = await run({ input: 'records' }, [{ message: line }])
    expect(records.out[0].sspi).toMatchObject({ conflict: true })
    expect(records.summary.conflicts).toBe(1)
  })

  it('recognises message text and speaks French when asked', async () => {
    const { out } = await run({ messages: true, lang: 'fr' }, ['Login failed. The target principal name is incorrect.'])
    expect(out[0].codes[0]).toMatchObject({ name: 'SEC_E_WRONG_PRINCIPAL', matches: [{ form: 'message-text' }] })
    expect(out[0].codes[0].meaning).toMatch(/nom de service/)
  })

  it('gives every record back in order, annotating only those with codes', async () => {
    const plain = { message: 'GET /health 200' }
    const { out } = await run({ input: 'records' }, [{ message: 'SEC_E_UNTRUSTED_ROOT' }, plain])
    expect(out[0].sspi.codes[0].name).toBe('SEC_E_UNTRUSTED_ROOT')
    expect(out[1]).toBe(plain)
    expect(out[1]).toEqual({ message: 'GET /health 200' })
  })

  it('parses NDJSON strings, and passes a string that is no JSON object through, counted as malformed', async () => {
    const { out, summary } = await run({ input: 'records' }, ['{"msg":"0x80090322"}', 'not json'])
    expect(out[0].sspi.codes[0].name).toBe('SEC_E_WRONG_PRINCIPAL')
    expect(out[1]).toBe('not json')
    expect(summary.input.malformedRecords).toBe(1)
  })
})
