import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { runCli } from '../helpers/cli.js'
import { canonicalRules, ruleSet } from '../helpers/rules.js'

/** RFC 4180 CSV, strictly: quoted fields, doubled quotes, CRLF rows. Throws on anything else. */
function parseCsv (text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"' && text[i + 1] === '"') { field += '"'; i += 2 } else if (text[i] === '"') { i++; break } else field += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`stray quote at ${i}`)
        field += text[i++]
      }
    }
    row.push(field)
    if (text[i] === ',') { i++; continue }
    if (text.startsWith('\r\n', i)) { i += 2; rows.push(row); row = []; continue }
    if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`)
  }
  if (row.length > 0) rows.push(row)
  return rows
}

const exported = async (to: string): Promise<string> => {
  const r = await runCli(['rules', 'export', '--to', to])
  expect(r.code).toBe(0)
  return r.stdout
}

describe('rules export', () => {
  it('json: every code, with its aliases, as the loaded table has it', async () => {
    const rows = JSON.parse(await exported('json'))
    expect(rows).toHaveLength(canonicalRules.length)
    expect(rows.find((r: any) => r.name === 'SEC_E_INTERNAL_ERROR')).toMatchObject({ hresult: '0x80090304', aliases: ['SEC_E_NO_SPM'], hint: expect.any(String) })
  })

  it('csv: one row per code, every row as wide as the header', async () => {
    const rows = parseCsv(await exported('csv'))
    expect(rows[0]).toEqual(['name', 'family', 'value', 'hresult', 'severity', 'category', 'tags', 'meaning', 'hint'])
    expect(rows).toHaveLength(canonicalRules.length + 1)
    for (const r of rows) expect(r).toHaveLength(9)
    expect(rows.find((r) => r[0] === 'SEC_E_LOGON_DENIED')!.slice(1, 6)).toEqual(['sspi', '0x8009030C', '0x8009030C', 'error', 'credentials'])
    expect(rows.find((r) => r[0] === 'STATUS_LOGON_FAILURE')!.slice(1, 6)).toEqual(['ntstatus', '0xC000006D', '', 'error', 'credentials'])
    expect(rows.find((r) => r[0] === 'KDC_ERR_PREAUTH_FAILED')!.slice(1, 6)).toEqual(['kerberos', '24', '', 'error', 'kerberos'])
  })

  it.each([['vector', 'key'], ['splunk', 'sspi_code']])('%s: a lookup table keyed by every spelling of each code', async (to, keyColumn) => {
    const rows = parseCsv(await exported(to))
    expect(rows[0]![0]).toBe(keyColumn)
    const byKey = new Map(rows.slice(1).map((r) => [r[0], r[1]]))
    for (const key of ['SEC_E_UNTRUSTED_ROOT', '0x80090325', '80090325', '-2146893019', '2148074277']) expect(byKey.get(key), key).toBe('SEC_E_UNTRUSTED_ROOT')
    expect(byKey.get('SEC_E_NO_SPM')).toBe('SEC_E_INTERNAL_ERROR')
    for (const key of ['STATUS_LOGON_FAILURE', 'NT_STATUS_LOGON_FAILURE', '0xC000006D', '-1073741715']) expect(byKey.get(key), key).toBe('STATUS_LOGON_FAILURE')
    for (const key of ['ERROR_LOGON_FAILURE', '0x8007052E', '-2147023570', '1326']) expect(byKey.get(key), key).toBe('ERROR_LOGON_FAILURE')
    // A Kerberos number means something only in its field.
    expect(byKey.get('24')).toBeUndefined()
    expect(byKey.get('590610')).toBeUndefined() // no decimals for success codes
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(rows.length - 1)
  })

  it('logstash: a YAML translate dictionary whose values are JSON', async () => {
    const dictionary = parseYaml(await exported('logstash')) as Record<string, string>
    const entry = JSON.parse(dictionary['0x80090322']!)
    expect(entry).toMatchObject({ name: 'SEC_E_WRONG_PRINCIPAL', hresult: '0x80090322', category: 'kerberos', tags: ['spn', 'tls', 'certificate-name'] })
    expect(JSON.parse(dictionary['-2146893022']!).name).toBe('SEC_E_WRONG_PRINCIPAL')
    expect(Object.keys(dictionary).length).toBeGreaterThan(ruleSet.rules.length * 3)
  })

  it('refuses an unknown format with status 2', async () => {
    const r = await runCli(['rules', 'export', '--to', 'xml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Invalid values/)
  })
})
