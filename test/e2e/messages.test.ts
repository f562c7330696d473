import { describe, expect, it } from 'vitest'
import { ndjson, runCli } from '../helpers/cli.js'

const lines = [
  '2025-03-11 08:14:07,915 sqlcmd: Login failed. The target principal name is incorrect. Cannot generate SSPI context.',
  '2025-03-11 08:14:09,020 winrm: WinRM cannot complete the operation: No authority could be contacted for authentication.',
  '2025-03-11 08:14:10,101 app: Exception from HRESULT: 0x800704C9 The system cannot contact a domain controller to service the authentication request. Please try again later.',
  '2025-03-11 08:14:11,400 app: retry 2/5 in 30s',
]

describe('sspi-annotate --messages', () => {
  it('annotates lines that carry only the Windows message, CRLF endings and all, with form message-text', async () => {
    const r = await runCli(['--messages', '--summary'], lines.join('\r\n') + '\r\n')
    expect(r.code).toBe(0)
    const events = ndjson(r.stdout)
    expect(events.map((e) => [e.lineNumber, e.codes.map((c: any) => [c.name, c.matches.map((m: any) => m.form)])])).toEqual([
      [1, [['SEC_E_WRONG_PRINCIPAL', ['message-text']]]],
      [2, [['SEC_E_NO_AUTHENTICATING_AUTHORITY', ['message-text']]]],
    ])
    const m = events[0].codes[0].matches[0]
    expect(events[0].line.slice(m.start, m.end)).toBe('The target principal name is incorrect.')
    const s = JSON.parse(r.stderr)
    expect(s).toMatchObject({ lines: 4, linesWithCodes: 2, mentions: 2 })
  })

  it('is on by default', async () => {
    const r = await runCli([], lines.join('\n') + '\n')
    expect(ndjson(r.stdout).map((e) => e.lineNumber)).toEqual([1, 2])
  })

  it('leaves those lines alone with --no-messages', async () => {
    const r = await runCli(['--no-messages'], lines.join('\n') + '\n')
    expect(r.stdout).toBe('')
  })

  it('annotates a record whose message field holds only the text', async () => {
    const r = await runCli(['--messages', '--input', 'ndjson'], JSON.stringify({ message: 'kinit: The clocks on the client and server machines are skewed.' }) + '\n')
    expect(JSON.parse(r.stdout).sspi.codes[0]).toMatchObject({ name: 'SEC_E_TIME_SKEW' })
  })

  it('counts message-only lines in summarize --messages as in annotate', async () => {
    const input = lines.join('\n') + '\n'
    const annotate = JSON.parse((await runCli(['--messages', '--summary'], input)).stderr)
    const summarize = JSON.parse((await runCli(['summarize', '--json', '--messages', '-'], input)).stdout)
    const counts = (byCode: Record<string, { lines: number, mentions: number }>): object => Object.fromEntries(Object.entries(byCode).map(([k, v]) => [k, [v.lines, v.mentions]]))
    expect(counts(summarize.byCode)).toEqual(counts(annotate.byCode))
    expect(summarize.linesWithCodes).toBe(annotate.linesWithCodes)
  })
})
