import { describe, expect, it } from 'vitest'
import { codesFromHits } from '../../src/enrich/codes.js'
import { scanLine } from '../../src/match/scan.js'
import { annotateLine } from '../../src/enrich/line-event.js'
import { matcher } from '../helpers/rules.js'

/** Each code of a line with the text of each place it was found. */
const grouped = (line: string): Array<[string, string[]]> =>
  (annotateLine(matcher, line) ?? []).map((c) => [c.name ?? String(c.value), c.matches.map((m) => m.text)])

describe('what each code says of itself', () => {
  it('names the table it is from and its number in that family\'s notation', () => {
    const [tls, card, cert] = annotateLine(matcher, 'SEC_E_UNTRUSTED_ROOT SCARD_W_REMOVED_CARD CERT_E_EXPIRED')!
    expect([tls, card, cert].map((c) => [c!.family, c!.value, c!.hresult])).toEqual([
      ['sspi', '0x80090325', '0x80090325'],
      ['smartcard', '0x80100069', '0x80100069'],
      ['cert', '0x800B0101', '0x800B0101'],
    ])
  })

  it('calls an unknown facility-9 value a security code', () => {
    expect(annotateLine(matcher, 'hr=0x800903A7')![0]).toMatchObject({ name: null, family: 'security', value: '0x800903A7', known: false })
  })
})

describe('the fields of a code entry', () => {
  it('are its table\'s facts, in the same order, then the places it was found, whatever the family', () => {
    const line = 'SEC_E_TIME_SKEW 0xC000006D 0x800903A7 KDC_ERR_PREAUTH_FAILED error 1326 ERROR_LOGON_FAILURE'
    const codes = annotateLine(matcher, line)!
    expect(new Set(codes.map((c) => c.family))).toEqual(new Set(['sspi', 'ntstatus', 'security', 'kerberos', 'win32']))
    for (const c of codes) {
      const { matches, ...facts } = c
      expect(Object.keys(c)).toEqual([...Object.keys(facts), 'matches'])
      expect(Object.keys(facts)).toEqual(['name', 'family', 'value', 'hresult', 'known', 'severity', 'facility', 'code', 'category', 'tags', 'meaning', 'hint'].filter((k) => k in facts))
      expect(matches.length).toBeGreaterThan(0)
    }
  })
})

describe('grouping a line\'s hits into codes', () => {
  it('gives one entry for a code named and numbered in the same line', () => {
    expect(grouped('SEC_E_UNTRUSTED_ROOT (0x80090325), HResult=-2146893019')).toEqual([
      ['SEC_E_UNTRUSTED_ROOT', ['SEC_E_UNTRUSTED_ROOT', '0x80090325', '-2146893019']],
    ])
  })

  it('gives an alias and the code that owns its value one entry', () => {
    expect(grouped('SEC_E_NO_SPM (0x80090304)')).toEqual([['SEC_E_INTERNAL_ERROR', ['SEC_E_NO_SPM', '0x80090304']]])
  })

  it('keeps codes in the order first met, success codes among failures', () => {
    expect(grouped('0x80090308 then SEC_I_CONTINUE_NEEDED then 0x00090312 and SEC_E_INVALID_TOKEN')).toEqual([
      ['SEC_E_INVALID_TOKEN', ['0x80090308', 'SEC_E_INVALID_TOKEN']],
      ['SEC_I_CONTINUE_NEEDED', ['SEC_I_CONTINUE_NEEDED', '0x00090312']],
    ])
  })

  it('gives one entry per unknown facility-9 value, however often it is written', () => {
    expect(grouped('0x800903A7 and 0x800903a7, then 0x800903A8')).toEqual([
      ['0x800903A7', ['0x800903A7', '0x800903a7']],
      ['0x800903A8', ['0x800903A8']],
    ])
  })

  it('adds a record\'s fields to one list, a code met again in a later field joining its entry', () => {
    const codes = codesFromHits(scanLine(matcher, 'SEC_E_LOGON_DENIED')!, 'message')
    codesFromHits(scanLine(matcher, '0x8009030C and 0x800903A7')!, 'error.code', codes)
    expect(codes.map((c) => [c.name ?? c.hresult, c.matches.map((m) => `${m.field}:${m.text}`)])).toEqual([
      ['SEC_E_LOGON_DENIED', ['message:SEC_E_LOGON_DENIED', 'error.code:0x8009030C']],
      ['0x800903A7', ['error.code:0x800903A7']],
    ])
  })
})
