import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ndjson, ROOT, runCli } from '../helpers/cli.js'

// `--` ends the options: what follows is files, paths or codes, even when it
// starts with a dash, as in every Unix command.

const SAMPLE = 'fixtures/windows-auth-sample.log'
const dir = mkdtempSync(join(tmpdir(), 'sspi-args-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const dashFile = join(dir, '-app.log')
copyFileSync(join(ROOT, SAMPLE), dashFile)

describe('arguments after --', () => {
  it('annotate reads the file named after --, not standard input', async () => {
    const r = await runCli(['--', SAMPLE], 'SEC_E_TIME_SKEW from stdin\n')
    expect(r.code).toBe(0)
    const events = ndjson(r.stdout)
    expect(events.length).toBeGreaterThan(1)
    expect(new Set(events.map((e) => e.source))).toEqual(new Set([SAMPLE]))
  })

  it('annotate reads a file whose name starts with a dash', async () => {
    const r = await runCli(['--all', '--', '-app.log'].map((a) => (a === '-app.log' ? dashFile : a)))
    expect(r.code).toBe(0)
    expect(ndjson(r.stdout)[0].source).toBe(dashFile)
  })

  it('annotate still takes - after -- for standard input', async () => {
    const r = await runCli(['--', '-'], 'SEC_E_TIME_SKEW\n')
    expect(ndjson(r.stdout)).toMatchObject([{ source: '-', codes: [{ name: 'SEC_E_TIME_SKEW' }] }])
  })

  it('summarize takes paths after --', async () => {
    const r = await runCli(['summarize', '--json', '--', SAMPLE])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ files: 1, lines: 26 })
  })

  it('lookup takes codes after --, a negative decimal among them', async () => {
    const r = await runCli(['lookup', '--json', '--', '-2146893019', 'SEC_E_TIME_SKEW'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).map((c: { name: string }) => c.name)).toEqual(['SEC_E_UNTRUSTED_ROOT', 'SEC_E_TIME_SKEW'])
  })

  it('merge takes summaries after --', async () => {
    const summary = join(dir, 'one.json')
    writeFileSync(summary, (await runCli(['summarize', '--json', SAMPLE])).stdout)
    const r = await runCli(['merge', '--json', '--', summary, summary])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).lines).toBe(52)
  })
})

describe('repeatable options take one value each time', () => {
  const rules = join(dir, 'house.json')
  writeFileSync(rules, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x800903F1', category: 'general', meaning: 'Ours.' }] }))
  const more = join(dir, 'more.json')
  writeFileSync(more, JSON.stringify({ codes: [{ name: 'SEC_E_OTHER_HOUSE_RULE', hresult: '0x800903F2', category: 'general', meaning: 'Also ours.' }] }))
  const log = join(dir, 'house.log')
  writeFileSync(log, 'x SEC_E_HOUSE_RULE\ny SEC_E_OTHER_HOUSE_RULE\n')
  const records = join(dir, 'records.ndjson')
  writeFileSync(records, JSON.stringify({ message: 'plain', detail: 'hr=0x8009030C', note: 'SEC_E_TIME_SKEW' }) + '\n')

  it('--rules FILE then a log file: the log is read, not taken for a second rules file', async () => {
    const r = await runCli(['--rules', rules, log])
    expect(r.stderr).toBe('')
    expect(ndjson(r.stdout).map((e) => e.codes[0].name)).toEqual(['SEC_E_HOUSE_RULE'])
  })

  it('--rules given twice adds both files', async () => {
    const r = await runCli(['--rules', rules, '--rules', more, log])
    expect(ndjson(r.stdout).map((e) => e.codes[0].name)).toEqual(['SEC_E_HOUSE_RULE', 'SEC_E_OTHER_HOUSE_RULE'])
  })

  it('--field PATH then a file, in record mode: the file is read', async () => {
    const r = await runCli(['--input', 'ndjson', '--field', 'detail', records])
    expect(r.stderr).toBe('')
    expect(ndjson(r.stdout)[0].sspi.codes.map((c: any) => c.name)).toEqual(['SEC_E_LOGON_DENIED'])
  })

  it('--field given twice scans both fields', async () => {
    const r = await runCli(['--input', 'ndjson', '--field', 'detail', '--field', 'note', records])
    expect(ndjson(r.stdout)[0].sspi.codes.map((c: any) => c.name)).toEqual(['SEC_E_LOGON_DENIED', 'SEC_E_TIME_SKEW'])
  })

  it('summarize --rules FILE then - reads standard input', async () => {
    const r = await runCli(['summarize', '--json', '--rules', rules, '-'], 'x SEC_E_HOUSE_RULE\n')
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout).byCode.SEC_E_HOUSE_RULE.lines).toBe(1)
  })

  it('summarize --field PATH then a file reads the file', async () => {
    const r = await runCli(['summarize', '--json', '--input', 'ndjson', '--field', 'note', records])
    expect(r.stderr).toBe('')
    expect(Object.keys(JSON.parse(r.stdout).byCode)).toEqual(['SEC_E_TIME_SKEW'])
  })
})

describe('a mistyped command or option', () => {
  it('a command is named with the one meant, not read as a missing file', async () => {
    const r = await runCli(['lookpu', '0x80090325'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('sspi-annotate: lookpu: no such command or file; did you mean "lookup"?\nRun "sspi-annotate --help" for usage.\n')
  })

  it('an option gets the one it is closest to', async () => {
    const r = await runCli(['--sumary', 'fixtures/windows-auth-sample.log'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^sspi-annotate: unknown option --sumary; did you mean --summary\?\n/)
  })

  it('points to the subcommand\'s own help, even when the typo took the next word as its value', async () => {
    const r = await runCli(['summarize', '--jsn', 'fixtures/windows-auth-sample.log'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('sspi-annotate: unknown option --jsn; did you mean --json?\nRun "sspi-annotate summarize --help" for usage.\n')
  })

  it('a file that exists is read even when its name is close to a command', async () => {
    writeFileSync(join(dir, 'lookpu'), 'x SEC_E_TIME_SKEW\n')
    const r = await runCli([join(dir, 'lookpu')])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/SEC_E_TIME_SKEW/)
  })
})
