import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { ruleSet } from '../helpers/rules.js'

const fr = loadRules({ lang: 'fr' })
const ja = loadRules({ lang: 'ja' })
const hint = (name: string): string => ruleSet.byName.get(name)!.hint ?? ''
const everyHint = ruleSet.rules.map((r) => r.hint ?? '').join('\n')

describe('hints an expert would give', () => {
  it('never suggests weakening Extended Protection for SEC_E_BAD_BINDINGS: TLS termination and LDAP channel binding instead', () => {
    const h = hint('SEC_E_BAD_BINDINGS')
    expect(h).toMatch(/Do not turn Extended Protection off: that reopens NTLM relay/)
    expect(h).toMatch(/Terminate TLS on the server itself/)
    expect(h).toMatch(/event 3039/)
  })

  it('never suggests turning revocation off for CRYPT_E_NO_REVOCATION_CHECK: fail open instead', () => {
    const h = hint('CRYPT_E_NO_REVOCATION_CHECK')
    expect(h).toContain('curl --ssl-revoke-best-effort')
    expect(h).toContain('http.schannelCheckRevoke best-effort')
    expect(h).not.toMatch(/ssl-no-revoke|schannelCheckRevoke false/)
  })

  it('finds duplicate SPNs with setspn -X, wherever duplicates are mentioned', () => {
    for (const r of ruleSet.rules) {
      const h = r.hint ?? ''
      if (/duplicate/i.test(h) && /setspn/.test(h)) expect(h, r.name).toContain('setspn -X')
      expect(h, r.name).not.toMatch(/duplicates? (?:SPNs? )?with setspn -Q/)
    }
  })

  it('names CredSSP\'s encryption oracle remediation for SEC_E_UNSUPPORTED_FUNCTION on RDP and WinRM', () => {
    expect(hint('SEC_E_UNSUPPORTED_FUNCTION')).toMatch(/RDP and WinRM.*CredSSP's encryption oracle remediation/)
  })

  it('names an expired or must-change password for SEC_E_INTERNAL_ERROR on RDP with NLA', () => {
    expect(hint('SEC_E_INTERNAL_ERROR')).toMatch(/RDP with Network Level Authentication.*expired, or set to change at next logon/)
  })

  it.each([
    'certutil -verify -urlfetch', 'w32tm /stripchart', 'nltest /sc_verify', 'netsh winhttp show proxy',
    'certutil -viewstore -enterprise NTAuth', '36874', '36887',
  ])('gives the command admins reach for first: %s', (command) => {
    expect(everyHint).toContain(command)
  })

  it('puts the four certificate codes of the KDC with their smart card siblings', () => {
    expect(['SEC_E_KDC_CERT_EXPIRED', 'SEC_E_KDC_CERT_REVOKED', 'SEC_E_ISSUING_CA_UNTRUSTED_KDC', 'SEC_E_REVOCATION_OFFLINE_KDC'].map((n) => ruleSet.byName.get(n)!.category)).toEqual(Array(4).fill('smartcard'))
  })
})

describe('the translations use the words of the Windows UI', () => {
  const pairs = (other: typeof fr) => ruleSet.rules.map((r) => {
    const t = other.byName.get(r.name)!
    return { name: r.name, en: `${r.meaning} ${r.hint ?? ''}`, text: `${t.meaning} ${t.hint ?? ''}` }
  })

  it.each([
    [/(?<!-)\bcredentials?\b/i, /informations d'identification/, /\bidentifiants\b|informations de connexion/],
    [/\bpeer\b/i, /homologue/, /\bpair\b/],
    [/Subject Alternative Name/, /Autre nom de l'objet/, /Nom alternatif du sujet/],
    [/Enhanced Key Usage|\bEKU\b/, /Utilisation améliorée de la clé/, /[Uu]tilisation (?:étendue|avancée) de la clé/],
  ])('French: where the English says %s, the French says %s, never %s', (en, want, never) => {
    for (const p of pairs(fr)) {
      expect(p.text, p.name).not.toMatch(never)
      if (en.test(p.en) && !/credential (?:handle|provider|guard|manager|delegation|ssp)/i.test(p.en)) expect(p.text, p.name).toMatch(want)
    }
  })

  it.each([
    [/\bpeer\b/i, /ピア/],
    [/Trusted Root Certification Authorities/, /信頼されたルート証明機関/],
  ])('Japanese: where the English says %s, the Japanese says %s', (en, want) => {
    for (const p of pairs(ja)) if (en.test(p.en)) expect(p.text, p.name).toMatch(want)
  })
})
