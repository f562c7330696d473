import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ruleSet } from '../helpers/rules.js'

// Debian's mingw-w64-common (installed by .ci/run) ships ntstatus.h,
// winerror.h, winhttp.h and wininet.h. Locally the checks are skipped when
// it is missing; in CI a missing header fails the run.
const INCLUDE = '/usr/share/mingw-w64/include'
const header = (name: string): string | null => (existsSync(`${INCLUDE}/${name}`) ? readFileSync(`${INCLUDE}/${name}`, 'latin1') : null)
const haveHeaders = existsSync(`${INCLUDE}/ntstatus.h`)
const REFERENCE = fileURLToPath(new URL('../../../shared/reference/logon-codes.json', import.meta.url))
const haveReference = existsSync(REFERENCE)

const canonical = (kind: string) => ruleSet.rules.filter((r) => r.kind === kind)

/** `#define NAME ((NTSTATUS)0xC000006DL)` */
function ntstatusDefines (text: string): Map<string, number> {
  return new Map([...text.matchAll(/^#define\s+(STATUS_\w+)\s+\(\(NTSTATUS\)\s*(0x[0-9A-Fa-f]+)L?\)/gm)].map((m) => [m[1]!, Number.parseInt(m[2]!, 16) >>> 0]))
}

/** `#define ERROR_X __MSABI_LONG(1326)`, `#define ERROR_X 1326L`, and `#define ERROR_X (BASE + 175)` with the base given. */
function win32Defines (text: string, base = 0): Map<string, number> {
  const out = new Map<string, number>()
  for (const m of text.matchAll(/^#define\s+(ERROR_\w+)\s+(?:__MSABI_LONG\((\d+)\)|(\d+)L?|\(\w+_ERROR_BASE\s*\+\s*(\d+)\))\s*$/gm)) {
    out.set(m[1]!, m[4] !== undefined ? base + Number(m[4]) : Number(m[2] ?? m[3]))
  }
  return out
}

describe('the logon families against public headers', () => {
  describe.runIf(haveHeaders || process.env.CI !== undefined)(`mingw-w64 ${INCLUDE}`, () => {
    it('are present (CI installs mingw-w64-common)', () => {
      expect(haveHeaders).toBe(true)
    })

    it('ntstatus.h defines every NTSTATUS name of the table with its value', () => {
      const defines = ntstatusDefines(header('ntstatus.h')!)
      expect(defines.size).toBeGreaterThan(1000)
      for (const r of canonical('ntstatus')) expect(defines.get(r.name), r.name).toBe(r.value)
    })

    it('winerror.h, winhttp.h and wininet.h define every Win32 name of the table with its value', () => {
      const defines = new Map([...win32Defines(header('winerror.h')!), ...win32Defines(header('winhttp.h')!, 12000), ...win32Defines(header('wininet.h')!, 12000)])
      const missing: string[] = []
      for (const r of canonical('win32')) {
        // ERROR_NTLM_BLOCKED is newer than mingw-w64 10; its source is MicrosoftDocs.
        if (!defines.has(r.name)) missing.push(r.name)
        else expect(defines.get(r.name), r.name).toBe(r.value)
      }
      expect(missing).toEqual(canonical('win32').filter((r) => !r.sources.includes('mingw')).map((r) => r.name))
    })

    it('keeps each Win32 code\'s HRESULT to HRESULT_FROM_WIN32 of its value', () => {
      for (const r of canonical('win32')) expect(r.status, r.name).toBe((0x80070000 | r.value) >>> 0)
    })
  })

  describe.runIf(haveReference)('the cross-checked reference in ../shared/reference/logon-codes.json', () => {
    type Entry = { name: string, family: string, value: string | number, system_message: string | null, system_message_legacy?: string, aliases?: string[] }
    const reference = haveReference ? JSON.parse(readFileSync(REFERENCE, 'utf8')) as Entry[] : []
    const of = (family: string) => reference.filter((e) => e.family === family)
    const numberOf = (e: Entry): number => (typeof e.value === 'number' ? e.value : Number.parseInt(e.value, 16))

    it.each(['ntstatus', 'win32', 'kerberos'])('has every %s code of the reference, with its value', (family) => {
      for (const e of of(family)) {
        const r = ruleSet.byName.get(e.name)
        expect(r, e.name).toBeDefined()
        expect([r!.family, r!.value], e.name).toEqual([family, numberOf(e)])
      }
    })

    it('knows every LDAP bind "data" token of the reference as its Win32 code', () => {
      for (const e of of('ldap-data')) expect(ruleSet.byNumber.get('win32')!.get(numberOf(e))!.name, e.name).toBe(e.name)
    })

    it('keeps the Windows message of every code, the older wording among its texts', () => {
      for (const e of [...of('ntstatus'), ...of('win32')]) {
        const r = ruleSet.byName.get(e.name)!
        expect(r.message, e.name).toBe(e.system_message)
        if (e.system_message_legacy !== undefined) expect(r.texts, e.name).toContain(e.system_message_legacy)
      }
    })

    it('knows the RFC 4120 spellings of the Kerberos names as aliases', () => {
      for (const e of of('kerberos')) for (const a of e.aliases ?? []) expect(ruleSet.byName.get(a)!.aliasOf, a).toBe(e.name)
    })
  })
})
