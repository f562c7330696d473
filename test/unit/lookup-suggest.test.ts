import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { lookup } from '../../src/lookup/lookup.js'
import { suggestNames } from '../../src/lookup/suggest.js'
import { ruleSet } from '../helpers/rules.js'
import { loadRules } from '../../src/rules/load.js'

describe('suggestions for a query that names no code', () => {
  it('offers the name a typo was meant to be, first', () => {
    expect(suggestNames(ruleSet, 'SEC_E_UNTRUSTED_ROT')[0]).toBe('SEC_E_UNTRUSTED_ROOT')
    expect(suggestNames(ruleSet, 'sec_e_wrong_principle')[0]).toBe('SEC_E_WRONG_PRINCIPAL')
  })

  it('offers every name that holds the words given, whatever the underscores', () => {
    const s = suggestNames(ruleSet, 'untrusted root')
    expect(s).toEqual(expect.arrayContaining(['SEC_E_UNTRUSTED_ROOT', 'CERT_E_UNTRUSTEDROOT']))
    expect(s.every((n) => n.includes('UNTRUSTED'))).toBe(true)
  })

  it('finds words of other scripts in the texts of the language loaded: 失効 (revoked) in Japanese', () => {
    const ja = loadRules({ lang: 'ja' })
    expect(suggestNames(ja, '失効')).toEqual(expect.arrayContaining(['CERT_E_REVOKED', 'CRYPT_E_REVOKED']))
  })

  it('keeps an accented word whole: révocation, not r and vocation', () => {
    const fr = loadRules({ lang: 'fr' })
    expect(suggestNames(fr, 'révocation')).toContain('CRYPT_E_REVOCATION_OFFLINE')
  })

  it('offers the codes whose Windows message holds the words given', () => {
    expect(suggestNames(ruleSet, 'principal name')).toContain('SEC_E_WRONG_PRINCIPAL')
    expect(suggestNames(ruleSet, 'clocks skewed')).toContain('SEC_E_TIME_SKEW')
  })

  it('offers the codes whose meaning holds the words given, for codes with no Windows message in the table', () => {
    expect(suggestNames(ruleSet, 'certificate expired')).toEqual(expect.arrayContaining(['SEC_E_CERT_EXPIRED', 'CERT_E_EXPIRED']))
    expect(suggestNames(ruleSet, 'smart card removed')).toContain('SCARD_W_REMOVED_CARD')
  })

  it('offers nothing for words no code is about', () => {
    expect(suggestNames(ruleSet, 'banana')).toEqual([])
    expect(suggestNames(ruleSet, 'x')).toEqual([])
    expect(suggestNames(ruleSet, 'sec')).toEqual([])
  })

  it('offers at most ten names, each a name in the table', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (q) => {
      const s = suggestNames(ruleSet, q)
      expect(s.length).toBeLessThanOrEqual(10)
      for (const n of s) expect(ruleSet.byName.has(n)).toBe(true)
    }))
  })

  it('comes with lookup\'s answer to an unknown word, and not with a known code', () => {
    expect(lookup(ruleSet, 'untrusted').suggestions).toContain('SEC_E_UNTRUSTED_ROOT')
    expect(lookup(ruleSet, 'SEC_E_UNTRUSTED_ROOT').suggestions).toEqual([])
  })
})
