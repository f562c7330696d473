import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'

describe('sspi-annotate lookup', () => {
  it('explains a code for a person: name, HRESULT, severity, category, meaning, hint', async () => {
    const r = await runCli(['lookup', '0x80090322'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^SEC_E_WRONG_PRINCIPAL {2}0x80090322 {2}\(-2146893022, 2148074274\)\n/)
    expect(r.stdout).toMatch(/severity +error \(facility 9, code 0x0322\)/)
    expect(r.stdout).toMatch(/category +kerberos: Kerberos/)
    expect(r.stdout).toMatch(/meaning +The service name/)
    expect(r.stdout).toMatch(/hint +For Kerberos, the SPN/)
    expect(r.stdout).toMatch(/Windows +"The target principal name is incorrect\."/)
  })

  it.each(['(0x80090325)', 'hr=0x80090325.', '0x80090325,', 'SEC_E_UNTRUSTED_ROOT (0x80090325)'])('takes %s as people paste it', async (pasted) => {
    const r = await runCli(['lookup', '--json', pasted])
    expect(r.code, r.stdout).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject([{ query: pasted, known: true, name: 'SEC_E_UNTRUSTED_ROOT' }])
  })

  it('scans a whole pasted log line and explains each code in it, in order', async () => {
    const line = '2025-03-11T08:14:07Z dc-01 app[4]: AcceptSecurityContext failed hr=0x8009030C after SEC_E_TIME_SKEW'
    const r = await runCli(['lookup', line])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^SEC_E_LOGON_DENIED {2}0x8009030C/)
    expect(r.stdout).toMatch(/\nSEC_E_TIME_SKEW {2}0x80090324/)
  })

  it('exits 1 for pasted text that holds no code, with the names it may have meant', async () => {
    const r = await runCli(['lookup', 'the server said no'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^the server said no: not a code name/)
  })

  it('reads queries from standard input for -, one per line', async () => {
    const r = await runCli(['lookup', '--json', '-'], 'SEC_E_TIME_SKEW\r\n\nfailed: (0x80090325)\n')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).map((x: any) => [x.query, x.name])).toEqual([['SEC_E_TIME_SKEW', 'SEC_E_TIME_SKEW'], ['failed: (0x80090325)', 'SEC_E_UNTRUSTED_ROOT']])
  })

  it('prints a JSON array, one object per argument, in order', async () => {
    const r = await runCli(['lookup', '--json', 'sec_e_time_skew', '80090308'])
    const out = JSON.parse(r.stdout)
    expect(out.map((x: any) => [x.query, x.name, x.hresult, x.category])).toEqual([
      ['sec_e_time_skew', 'SEC_E_TIME_SKEW', '0x80090324', 'kerberos'],
      ['80090308', 'SEC_E_INVALID_TOKEN', '0x80090308', 'context'],
    ])
  })

  it('shows an alias with the name it stands for', async () => {
    const r = await runCli(['lookup', '--json', 'SEC_E_NO_SPM', '0x80090304'])
    const [alias, canonical] = JSON.parse(r.stdout)
    expect(alias).toMatchObject({ name: 'SEC_E_NO_SPM', aliasOf: 'SEC_E_INTERNAL_ERROR', hresult: '0x80090304' })
    expect(canonical).toMatchObject({ name: 'SEC_E_INTERNAL_ERROR', aliasOf: null, aliases: ['SEC_E_NO_SPM'] })
  })

  it('decodes an unknown value and exits 1', async () => {
    const r = await runCli(['lookup', '--json', '0x800903A7'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ known: false, name: null, hresult: '0x800903A7', severity: 'error', facility: 9, code: 0x3a7 })
  })

  it('exits 1 when any argument is unknown, still answering the others', async () => {
    const r = await runCli(['lookup', 'SEC_E_LOGON_DENIED', 'not-a-code'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^SEC_E_LOGON_DENIED/)
    expect(r.stdout).toMatch(/not-a-code: not a code name, a number in a known notation or a Windows message/)
  })

  it('suggests the names a misspelt or partial query may mean', async () => {
    const r = await runCli(['lookup', 'SEC_E_UNTRUSTED_ROT'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^SEC_E_UNTRUSTED_ROT: not a code name, a number in a known notation or a Windows message\n {2}did you mean: SEC_E_UNTRUSTED_ROOT/)
  })

  it('finds a code from the message Windows printed, pasted from a log', async () => {
    const r = await runCli(['lookup', '--json', 'Login failed. The target principal name is incorrect. Cannot generate SSPI context.'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ known: true, name: 'SEC_E_WRONG_PRINCIPAL', hresult: '0x80090322' })
  })

  it('explains a neighbouring security code such as curl\'s "Unknown error (0x80092012)"', async () => {
    const r = await runCli(['lookup', '0x80092012'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^CRYPT_E_NO_REVOCATION_CHECK {2}0x80092012/)
    expect(r.stdout).toMatch(/category +schannel/)
    expect(r.stdout).toMatch(/hint +.*CRL/)
  })

  it('exits 2 without a code to look up', async () => {
    const r = await runCli(['lookup'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Not enough non-option arguments/)
  })
})

describe('sspi-annotate lookup --lang', () => {
  it('labels a code in French, around the French meaning and hint', async () => {
    const r = await runCli(['lookup', '--lang', 'fr', 'SEC_E_UNTRUSTED_ROOT'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ {2}gravité {5}erreur \(facility 9, code 0x0325\)$/m)
    expect(r.stdout).toMatch(/^ {2}sens {8}La chaîne de certificats/m)
    expect(r.stdout).toMatch(/^ {2}conseil {5}/m)
  })

  it('labels a code in Japanese, the label column measured in terminal columns', async () => {
    const r = await runCli(['lookup', '--lang', 'ja', 'STATUS_ACCOUNT_LOCKED_OUT'])
    expect(r.stdout).toMatch(/^ {2}重大度 {6}エラー/m)
    expect(r.stdout).toMatch(/^ {2}意味 {8}パスワードの誤りが続いた/m)
  })

  it('says in the language given that a query names no code, with the names it may have meant', async () => {
    const r = await runCli(['lookup', '--lang', 'ja', 'SEC_E_UNTRUSTED_ROT'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('SEC_E_UNTRUSTED_ROT: コード名でも、既知の表記の数値でも、Windows のメッセージでもありません\n  もしかして: SEC_E_UNTRUSTED_ROOT\n')
  })
})

describe('sspi-annotate --help and --version', () => {
  it('prints the version from package.json', async () => {
    const r = await runCli(['--version'])
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('documents the flags', async () => {
    const r = await runCli(['--help'])
    for (const flag of ['--all', '--summary', '--summary-file', '--summary-interval', '--rules', 'lookup']) expect(r.stdout).toContain(flag)
  })
})
