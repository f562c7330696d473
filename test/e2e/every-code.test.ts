import { describe, expect, it } from 'vitest'
import { ndjson, runCli } from '../helpers/cli.js'
import { canonicalRules, hasCheapSpellings, ruleSet } from '../helpers/rules.js'
import { hresultHex, signedDecimal, unsignedDecimal } from '../../src/match/hresult.js'

type Rule = (typeof canonicalRules)[number]

/** Each notation a code is written in, as a real-looking line around it: its family's own. */
function notations (r: Rule): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['symbol', `InitializeSecurityContext -> ${r.name}`],
    ['symbol', `docs: see ${r.name.replaceAll('_', '\\_')} in the table`],
  ]
  if (r.value === 0) return out
  if (r.kind === 'kerberos') {
    const hex = '0x' + r.value.toString(16)
    return [...out,
      ['field', `Kerberos pre-authentication failed. Account Name: alice Failure Code: ${hex} Pre-Authentication Type: 2`],
      ['field', `<Event><System><EventID>4771</EventID></System><EventData><Data Name="Status">${hex}</Data></EventData></Event>`]]
  }
  const hex = hresultHex(r.status!).slice(2)
  out.push(['hex', `call failed hr=0x${hex}`], ['hex', `call failed hr=0x${hex.toLowerCase()}L`])
  if (r.kind === 'ntstatus') {
    return [...out,
      ['symbol', `smbd: NT_${r.name} for user alice`],
      ['signed', `LsaLogonUser returned (${signedDecimal(r.value)})`],
      ['unsigned', `${r.name.replace('STATUS_', 'status ').toLowerCase()} (${unsignedDecimal(r.value)})`]]
  }
  if (hasCheapSpellings({ value: r.status! })) out.push(['barehex', `Error code ${hex}`])
  if (r.severity === 'error') out.push(['hex64', `returned 0xFFFFFFFF${hex}`], ['signed', `HResult=${signedDecimal(r.status!)}`])
  if (r.severity === 'error' && hasCheapSpellings({ value: r.status! })) out.push(['unsigned', `SECURITY_STATUS ${unsignedDecimal(r.status!)}`])
  if (r.kind === 'win32') {
    out.push(['decimal', `System error ${r.value} has occurred.`],
      ['ldap-data', `LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data ${r.value.toString(16)}, v3839`])
  }
  return out
}

describe('every code in every notation, through the CLI', () => {
  const cases = canonicalRules.flatMap((r) => notations(r).map(([form, line]) => ({ rule: r, form, line })))
  const aliases = ruleSet.rules.filter((r) => r.aliasOf !== null).map((r) => ({ rule: ruleSet.byName.get(r.aliasOf!)!, form: 'symbol', line: `status ${r.name}` }))
  const all = [...cases, ...aliases]

  it('annotates each line of a file holding them all, with --all keeping the count', async () => {
    const r = await runCli(['--all', '--no-messages'], all.map((c) => c.line).join('\r\n') + '\r\n')
    expect(r.code).toBe(0)
    const events = ndjson(r.stdout)
    expect(events).toHaveLength(all.length)
    events.forEach((e, i) => {
      const want = all[i]!
      expect(e.codes, want.line).toHaveLength(1)
      expect(e.codes[0].name, want.line).toBe(want.rule.name)
      expect(e.codes[0].family, want.line).toBe(want.rule.family)
      expect(e.codes[0].matches.map((m: any) => m.form), want.line).toEqual([want.form])
    })
  })

  it('is answered by lookup in every notation', async () => {
    const smallNumbers = (n: number): number => [ruleSet.byNumber.get('win32')?.get(n), ruleSet.byNumber.get('kerberos')?.get(n)].filter(Boolean).length
    const queries = canonicalRules.flatMap((r) => {
      const byName = [r.name, r.name.toLowerCase(), ...(r.kind === 'ntstatus' ? [`NT_${r.name}`] : [])].map((text) => [text, r.name] as const)
      const byNumber: string[] = []
      if (r.status !== null) {
        const hex = hresultHex(r.status)
        byNumber.push(hex, hex.slice(2))
        if (r.severity === 'error') byNumber.push(signedDecimal(r.status), unsignedDecimal(r.status))
      }
      // 5 is both ERROR_ACCESS_DENIED and KDC_ERR_S_OLD_MAST_KVNO: lookup gives both (lookup.test.ts).
      if ((r.kind === 'win32' || r.kind === 'kerberos') && r.value !== 0 && smallNumbers(r.value) === 1) byNumber.push(String(r.value), `0x${r.value.toString(16)}`)
      const owner = r.status === null ? r.name : ruleSet.byValue.get(r.status)!.name
      return [...byName, ...byNumber.map((text) => [text, owner] as const)]
    })
    const r = await runCli(['lookup', '--json', ...queries.map(([q]) => q)])
    expect(r.code).toBe(0)
    const results = JSON.parse(r.stdout) as Array<{ query: string, name: string, known: boolean }>
    expect(results.map((x) => [x.query, x.name])).toEqual(queries.map(([q, name]) => [q, name]))
  })
})
