import { describe, expect, it } from 'vitest'
import { ruleSet } from '../helpers/rules.js'
import { severityOf } from '../../src/rules/validate.js'

const sspi = ruleSet.rules.filter((r) => r.family === 'sspi')

describe('the built-in SSPI table', () => {
  it('has 96 codes: 81 SEC_E_ and 15 SEC_I_', () => {
    expect(sspi).toHaveLength(96)
    expect(sspi.filter((r) => r.name.startsWith('SEC_E_'))).toHaveLength(81)
    expect(sspi.filter((r) => r.name.startsWith('SEC_I_'))).toHaveLength(15)
  })

  it('leaves the OLE DB SEC_E_ names (facility ITF) out', () => {
    expect(ruleSet.byName.has('SEC_E_PERMISSIONDENIED')).toBe(false)
    expect(sspi.every((r) => r.value === 0 || (r.value >>> 16 & 0x1fff) === 9)).toBe(true)
  })

  it('writes every HRESULT as 0x and 8 upper-case hex digits', () => {
    for (const r of sspi) expect(r.hresult, r.name).toMatch(/^0x[0-9A-F]{8}$/)
  })

  it('takes severity from bit 31, even where the name says otherwise (SEC_I_INVALID_SESSION_STATE)', () => {
    for (const r of sspi) expect(r.severity, r.name).toBe(severityOf('hresult', r.value))
    expect(ruleSet.byName.get('SEC_I_INVALID_SESSION_STATE')!.severity).toBe('error')
  })

  it('gives every code a meaning of one sentence and every error code a hint', () => {
    for (const r of sspi) {
      expect(r.meaning, r.name).toMatch(/^[A-Z].*\.$/)
      if (r.severity === 'error') expect(r.hint, r.name).toMatch(/\S{3,}/)
    }
  })

  it('puts every code in exactly one category from the taxonomy', () => {
    for (const r of sspi) expect(ruleSet.categories.has(r.category), `${r.name}: ${r.category}`).toBe(true)
  })

  it('has the categories the brief names, each with a one-line description', () => {
    for (const id of ['kerberos', 'smartcard', 'schannel']) expect(ruleSet.categories.has(id)).toBe(true)
    for (const c of ruleSet.categories.values()) expect(c.description).not.toMatch(/\n/)
  })

  it('uses every category it defines', () => {
    const used = new Set(ruleSet.rules.map((r) => r.category))
    for (const id of ruleSet.categories.keys()) expect(used.has(id), id).toBe(true)
  })

  it('keeps secondary facets in tags: a KDC certificate code is smartcard, with its smart-card siblings, tagged kerberos', () => {
    for (const name of ['SEC_E_KDC_CERT_EXPIRED', 'SEC_E_KDC_CERT_REVOKED', 'SEC_E_REVOCATION_OFFLINE_KDC', 'SEC_E_ISSUING_CA_UNTRUSTED_KDC']) {
      const r = ruleSet.byName.get(name)!
      expect(r.category, name).toBe('smartcard')
      expect(r.tags, name).toContain('kerberos')
    }
  })

  it('points the two aliases at their canonical names, which own the value', () => {
    expect(ruleSet.byName.get('SEC_E_NO_SPM')!.aliasOf).toBe('SEC_E_INTERNAL_ERROR')
    expect(ruleSet.byName.get('SEC_E_NOT_SUPPORTED')!.aliasOf).toBe('SEC_E_UNSUPPORTED_FUNCTION')
    expect(ruleSet.byValue.get(0x80090304)!.name).toBe('SEC_E_INTERNAL_ERROR')
    expect(ruleSet.byValue.get(0x80090302)!.name).toBe('SEC_E_UNSUPPORTED_FUNCTION')
  })

  it('says where each name is defined', () => {
    for (const r of sspi) expect(r.sources.length, r.name).toBeGreaterThan(0)
  })

  it('keeps the hint for SEC_E_WRONG_PRINCIPAL about the SPN and the service account', () => {
    expect(ruleSet.byName.get('SEC_E_WRONG_PRINCIPAL')!.hint).toMatch(/SPN.*account/)
  })
})

describe('the built-in rules\' English text', () => {
  // One character past U+00FF makes a JavaScript string two-byte, and every
  // event holding that code's hint with it, and every 64 KiB batch of output
  // such an event is joined into: written out on V8's slower path (a "…" in
  // one hint made most batches of the shared corpus two-byte).
  it('keeps every meaning and hint within Latin-1, so that events stay one-byte strings', () => {
    for (const r of ruleSet.rules) {
      for (const text of [r.meaning, r.hint]) expect(text ?? '', r.name).toMatch(/^[\u0000-\u00ff]*$/)
    }
  })
})
