import { describe, expect, it } from 'vitest'
import { ndjson, runCli } from '../helpers/cli.js'
import { canonicalRules, hasCheapSpellings, ruleSet } from '../helpers/rules.js'
import { signedDecimal, unsignedDecimal } from '../../src/match/hresult.js'

/** Each notation a code is written in, as a real-looking line around it. */
function notations (r: (typeof canonicalRules)[number]): Array<[string, string]> {
  const hex = r.hresult.slice(2)
  const out: Array<[string, string]> = [
    ['symbol', `InitializeSecurityContext -> ${r.name}`],
    ['symbol', `docs: see ${r.name.replaceAll('_', '\\_')} in the table`],
  ]
  if (r.value === 0) return out
  out.push(
    ['hex', `call failed hr=0x${hex}`],
    ['hex', `call failed hr=0x${hex.toLowerCase()}L`],
  )
  if (hasCheapSpellings(r)) out.push(['barehex', `Error code ${hex}`])
  if (r.severity === 'error') out.push(['hex64', `returned 0xFFFFFFFF${hex}`], ['signed', `HResult=${signedDecimal(r.value)}`])
  if (r.severity === 'error' && hasCheapSpellings(r)) out.push(['unsigned', `SECURITY_STATUS ${unsignedDecimal(r.value)}`])
  return out
}

describe('every code in every notation, through the CLI', () => {
  const cases = canonicalRules.flatMap((r) => notations(r).map(([form, line]) => ({ rule: r, form, line })))
  const aliases = ruleSet.rules.filter((r) => r.aliasOf !== null).map((r) => ({ rule: ruleSet.byName.get(r.aliasOf!)!, form: 'symbol', line: `status ${r.name}` }))
  const all = [...cases, ...aliases]

  it('annotates each line of a file holding them all, with --all keeping the count', async () => {
    const r = await runCli(['--all'], all.map((c) => c.line).join('\r\n') + '\r\n')
    expect(r.code).toBe(0)
    const events = ndjson(r.stdout)
    expect(events).toHaveLength(all.length)
    events.forEach((e, i) => {
      const want = all[i]!
      expect(e.codes, want.line).toHaveLength(1)
      expect(e.codes[0].name, want.line).toBe(want.rule.name)
      expect(e.codes[0].matches.map((m: any) => m.form), want.line).toEqual([want.form])
    })
  })

  it('is answered by lookup in every notation', async () => {
    const queries = canonicalRules.flatMap((r) => {
      const hex = r.hresult.slice(2)
      const owner = ruleSet.byValue.get(r.value)!.name
      const byName = [r.name, r.name.toLowerCase()].map((text) => [text, r.name] as const)
      const byNumber = [r.hresult, hex]
      if (r.severity === 'error') byNumber.push(signedDecimal(r.value), unsignedDecimal(r.value))
      return [...byName, ...byNumber.map((text) => [text, owner] as const)]
    })
    const r = await runCli(['lookup', '--json', ...queries.map(([q]) => q)])
    expect(r.code).toBe(0)
    const results = JSON.parse(r.stdout) as Array<{ query: string, name: string, known: boolean }>
    expect(results.map((x) => [x.query, x.name])).toEqual(queries.map(([q, name]) => [q, name]))
  })
})
