import { describe, expect, it } from 'vitest'
import { ruleSet } from '../helpers/rules.js'

const neighbours = ruleSet.rules.filter((r) => r.family !== 'sspi' && r.kind === 'hresult')
const family = (f: string) => neighbours.filter((r) => r.family === f)

describe('the neighbouring security HRESULT families', () => {
  it('has 375 codes: 276 in facility 9, 32 in facility 11, 67 smart card codes', () => {
    expect(neighbours).toHaveLength(375)
    expect(family('security')).toHaveLength(276)
    expect(family('cert')).toHaveLength(32)
    expect(family('smartcard')).toHaveLength(67)
  })

  it('keeps each family in its facility (SCARD_S_SUCCESS is 0)', () => {
    const facilityOf = (v: number): number => v >>> 16 & 0x1fff
    for (const r of family('security')) expect(facilityOf(r.value), r.name).toBe(9)
    for (const r of family('cert')) expect(facilityOf(r.value), r.name).toBe(11)
    for (const r of family('smartcard')) expect(r.value === 0 || facilityOf(r.value) === 16, r.name).toBe(true)
  })

  it('files every SCARD_ code under smartcard', () => {
    for (const r of neighbours.filter((r) => r.name.startsWith('SCARD_'))) expect(r.category, r.name).toBe('smartcard')
  })

  it('files certificate and revocation problems under schannel, next to the SSPI certificate codes', () => {
    for (const r of neighbours.filter((r) => r.name.startsWith('CERT_E_'))) expect(r.category, r.name).toBe('schannel')
    for (const name of ['CRYPT_E_REVOKED', 'CRYPT_E_NO_REVOCATION_CHECK', 'CRYPT_E_REVOCATION_OFFLINE', 'CRYPT_E_NOT_IN_REVOCATION_DATABASE', 'TRUST_E_EXPLICIT_DISTRUST']) {
      expect(ruleSet.byName.get(name)!.category, name).toBe('schannel')
      expect(ruleSet.byName.get(name)!.tags, name).toEqual(expect.arrayContaining([expect.stringMatching(/certificate|revocation|trust/)]))
    }
  })

  it('gives every code a meaning of one sentence', () => {
    for (const r of neighbours) expect(r.meaning, r.name).toMatch(/^[A-Z].*\.$/)
  })

  it('gives a hint to the codes users meet most', () => {
    const common = [
      'CRYPT_E_NO_REVOCATION_CHECK', 'CRYPT_E_REVOCATION_OFFLINE', 'CRYPT_E_REVOKED', 'CERT_E_UNTRUSTEDROOT', 'CERT_E_CN_NO_MATCH',
      'CERT_E_EXPIRED', 'CERT_E_CHAINING', 'CERT_E_REVOCATION_FAILURE', 'CERT_E_WRONG_USAGE', 'TRUST_E_NOSIGNATURE',
      'SCARD_E_NO_SMARTCARD', 'SCARD_W_REMOVED_CARD', 'SCARD_W_WRONG_CHV', 'SCARD_W_CHV_BLOCKED', 'SCARD_E_NO_SERVICE',
      'NTE_BAD_KEYSET', 'NTE_PERM', 'NTE_NO_KEY', 'NTE_BAD_DATA', 'CRYPT_E_NOT_FOUND',
    ]
    for (const name of common) expect(ruleSet.byName.get(name)!.hint, name).toMatch(/\S{3,}.*\S{3,}/)
  })

  it('says where each name is defined', () => {
    for (const r of neighbours) expect(r.sources.length, r.name).toBeGreaterThan(0)
  })

  it('resolves the documentation-only spelling CRYPT_E_OBJECT_LOCATOR_NOT_FOUND to the header name', () => {
    expect(ruleSet.byName.get('CRYPT_E_OBJECT_LOCATOR_NOT_FOUND')!.aliasOf).toBe('CRYPT_E_OBJECT_LOCATOR_OBJECT_NOT_FOUND')
    expect(ruleSet.byValue.get(0x8009202d)!.name).toBe('CRYPT_E_OBJECT_LOCATOR_OBJECT_NOT_FOUND')
  })

  it('lets SCARD_S_SUCCESS keep its own name although 0 is also SEC_E_OK', () => {
    const scard = ruleSet.byName.get('SCARD_S_SUCCESS')!
    expect(scard).toMatchObject({ value: 0, aliasOf: null, severity: 'success', category: 'smartcard' })
    expect(ruleSet.byValue.get(0)!.name).toBe('SEC_E_OK')
  })
})
