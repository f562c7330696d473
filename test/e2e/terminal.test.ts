import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLI, ROOT } from '../helpers/cli.js'

// The view for a person at a terminal, run through a real pseudo-terminal:
// util-linux's script(1) gives the CLI a tty for stdin and stdout, as a
// terminal does.
const SCRIPT = '/usr/bin/script'
const SAMPLE = 'fixtures/windows-auth-sample.log'
const ESC = '\u001b'

interface TtyRun { output: string, code: number | null }

/** The CLI with these arguments on a pseudo-terminal; stops it once `until` shows, when given. */
function onTerminal (args: string[], env: NodeJS.ProcessEnv = {}, until?: RegExp): Promise<TtyRun> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, LC_ALL: '', LANG: 'C.UTF-8', NO_COLOR: '', ...env }, detached: true })
  let output = ''
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000)
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString()
      if (until !== undefined && until.test(output)) process.kill(-child.pid!, 'SIGTERM')
    })
    child.on('close', (code) => { clearTimeout(timer); resolve({ output: output.replaceAll('\r\n', '\n'), code }) })
  })
}

describe.runIf(existsSync(SCRIPT))('annotate on a terminal', () => {
  it('prints a view to read: when, source:line, each code with its category, meaning, what to check, and the line', async () => {
    const { output, code } = await onTerminal([SAMPLE])
    expect(code).toBe(0)
    expect(output).not.toContain('{"line"')
    expect(output).toContain(`2025-03-11 08:14:03  ${SAMPLE}:3`)
    expect(output).toMatch(/SEC_E_WRONG_PRINCIPAL\S*  0x80090322  \S*kerberos/)
    expect(output).toMatch(/The service name the client asked for does not match/)
    expect(output).toMatch(/check: For Kerberos, the SPN/)
    expect(output).toMatch(/│\S* …?.*SEC_E_WRONG_PRINCIPAL/)
  })

  it('shortens a long line around its match', async () => {
    const { output } = await onTerminal([SAMPLE])
    const shown = output.split('\n').filter((l) => l.includes('│'))
    expect(shown.length).toBeGreaterThan(5)
    expect(shown.some((l) => l.includes('…'))).toBe(true)
  })

  it('colours codes and matches, and leaves colour out when NO_COLOR is set', async () => {
    expect((await onTerminal([SAMPLE])).output).toContain(`${ESC}[1;31mSEC_E_WRONG_PRINCIPAL`)
    expect((await onTerminal([SAMPLE], { NO_COLOR: '1' })).output).not.toContain(ESC)
  })

  it('writes NDJSON on a terminal too when asked with --output ndjson', async () => {
    const { output } = await onTerminal(['--output', 'ndjson', SAMPLE])
    const lines = output.split('\n').filter(Boolean)
    expect(lines.length).toBe(19)
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty('codes')
  })

  it('says it is reading standard input when given no file', async () => {
    const { output } = await onTerminal([], {}, /reading standard input/)
    expect(output).toMatch(/^sspi-annotate: reading standard input \(paste or type log lines; Ctrl-D ends, Ctrl-C stops\)/)
  })
  it("labels the view in the language of --lang, the codes' texts translated with them", async () => {
    const { output } = await onTerminal(['--lang', 'fr', SAMPLE])
    expect(output).toMatch(/à vérifier : /)
    expect(output).not.toMatch(/check: /)
  })

  it('says it is reading standard input in Japanese under a Japanese locale', async () => {
    const { output } = await onTerminal([], { LANG: 'ja_JP.UTF-8' }, /標準入力/)
    expect(output).toMatch(/^sspi-annotate: 標準入力を読んでいます/)
  })
})
