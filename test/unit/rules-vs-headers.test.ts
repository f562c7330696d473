import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ruleSet } from '../helpers/rules.js'

// Debian's mingw-w64-common ships the public-domain mingw-w64 headers; .ci/run
// installs it. Locally the check is skipped (with a note) when it is missing;
// in CI a missing header fails the run (vitest lists the skip locally).
const WINERROR = '/usr/share/mingw-w64/include/winerror.h'
const haveHeader = existsSync(WINERROR)
const REFERENCE = fileURLToPath(new URL('../../../shared/reference/sspi-codes.json', import.meta.url))
const haveReference = existsSync(REFERENCE)
const SECURITY_REFERENCE = fileURLToPath(new URL('../../../shared/reference/security-hresults.json', import.meta.url))

/** The facilities the table covers: security (9), certificates (11), smart cards (16). */
const COVERED_FACILITIES = new Set([9, 11, 16])

/**
 * The HRESULT definitions of a winerror.h in the covered facilities: direct
 * values, and SEC_ names defined as another SEC_ name (SEC_E_NO_SPM).
 */
function parseWinerror (text: string): Map<string, number> {
  const direct = new Map<string, number>()
  const alias = new Map<string, string>()
  const defineValue = /^#define\s+(\w+)\s+(?:_HRESULT_TYPEDEF_\(|\(\(HRESULT\))\s*(0x[0-9A-Fa-f]+)L?\s*\)/gm
  const defineAlias = /^#define\s+(SEC_[EI]_\w+)\s+(SEC_[EI]_\w+)\s*$/gm
  for (const m of text.matchAll(defineValue)) {
    const value = Number.parseInt(m[2]!, 16) >>> 0
    if (COVERED_FACILITIES.has(value >>> 16 & 0x1fff)) direct.set(m[1]!, value)
  }
  for (const m of text.matchAll(defineAlias)) alias.set(m[1]!, m[2]!)
  for (const [name, target] of alias) direct.set(name, direct.get(target)!)
  return direct
}

describe('the table against public headers', () => {

  describe.runIf(haveHeader || process.env.CI !== undefined)(`mingw-w64 ${WINERROR}`, () => {
    const header = haveHeader ? parseWinerror(readFileSync(WINERROR, 'latin1')) : new Map<string, number>()

    it('is present (CI installs mingw-w64-common)', () => {
      expect(haveHeader).toBe(true)
      expect(header.size).toBeGreaterThan(400)
    })

    it('defines nothing in facilities 9, 11 and 16 that the table lacks, and agrees on every value', () => {
      for (const [name, value] of header) {
        const rule = ruleSet.byName.get(name)
        expect(rule, `${name} is in winerror.h but not in rules/`).toBeDefined()
        expect(rule!.value, name).toBe(value)
      }
    })

    it('documents the source of every rule this header does not define', () => {
      const extra = ruleSet.rules.filter((r) => r.kind === 'hresult' && r.value !== 0 && !header.has(r.name))
      for (const r of extra) {
        expect(r.sources.length, r.name).toBeGreaterThan(0)
        expect(r.sources, r.name).not.toContain('mingw')
      }
      // Of the SSPI codes, exactly one: SEC_I_INVALID_SESSION_STATE, only in the Windows SDK.
      expect(extra.filter((r) => r.family === 'sspi').map((r) => [r.name, r.sources])).toEqual([['SEC_I_INVALID_SESSION_STATE', ['windows-sdk']]])
    })
  })

  describe.runIf(haveReference)('the cross-checked reference in ../shared/reference', () => {
    const reference = haveReference
      ? (JSON.parse(readFileSync(REFERENCE, 'utf8')) as Array<{ name: string, hresult: string, family: string, sources: string[], system_message: string | null, defined_as_alias_of?: Record<string, string> }>).filter((e) => e.family === 'sspi')
      : []

    it('has every SSPI name of the reference, and no other', () => {
      expect(ruleSet.rules.filter((r) => r.family === 'sspi').map((r) => r.name).sort()).toEqual(reference.map((e) => e.name).sort())
    })

    it('agrees on every value, source list and Windows message', () => {
      for (const e of reference) {
        const r = ruleSet.byName.get(e.name)!
        expect(r.hresult, e.name).toBe(e.hresult)
        expect([...r.sources], e.name).toEqual(e.sources)
        expect(r.message, e.name).toBe(e.system_message)
      }
    })

    it('marks as aliases exactly the names a header defines as aliases', () => {
      for (const e of reference) {
        const target = e.defined_as_alias_of === undefined ? null : Object.values(e.defined_as_alias_of)[0]
        expect(ruleSet.byName.get(e.name)!.aliasOf, e.name).toBe(target)
      }
    })
  })

  describe.runIf(haveReference)('the neighbouring security HRESULTs in ../shared/reference', () => {
    const reference = haveReference
      ? JSON.parse(readFileSync(SECURITY_REFERENCE, 'utf8')) as Array<{ name: string, hresult: string, family: string, sources: string[] }>
      : []

    it('has every name of the reference, each in the rules file of its family', () => {
      const ours = ruleSet.rules.filter((r) => r.family !== 'sspi' && r.kind === 'hresult')
      expect(ours.map((r) => r.name).sort()).toEqual(reference.map((e) => e.name).sort())
      for (const e of reference) expect(ruleSet.byName.get(e.name)!.family, e.name).toBe(e.family)
    })

    it('agrees on every value and source list', () => {
      for (const e of reference) {
        const r = ruleSet.byName.get(e.name)!
        expect(r.hresult, e.name).toBe(e.hresult)
        expect([...r.sources], e.name).toEqual(e.sources)
      }
    })
  })
})
