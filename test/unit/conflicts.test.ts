import { describe, expect, it } from 'vitest'
import { findConflict } from '../../src/enrich/conflicts.js'
import { annotateLine } from '../../src/enrich/line-event.js'
import { annotateRecord, recordConflict } from '../../src/parse/record-line.js'
import { matcher } from '../helpers/rules.js'

const conflict = (line: string) => findConflict(line, annotateLine(matcher, line) ?? [])

describe('a name paired with another code\'s number', () => {
  it.each([
    ['0x8009030D (SEC_E_INVALID_TOKEN)'],
    ['SEC_E_INVALID_TOKEN (0x8009030D)'],
    ['[HRESULT = 0x80090322 - SEC_E_UNTRUSTED_ROOT]'],
    ['CertUtil: -verify command FAILED: 0x80090325 (-2146893019 SEC_E_WRONG_PRINCIPAL)'],
    ['SEC_E_TIME_SKEW=0x800903A7'],
  ])('is flagged in %s', (line) => {
    expect(conflict(line)).not.toBeNull()
  })

  it('says which is which', () => {
    expect(conflict('0x8009030D (SEC_E_INVALID_TOKEN)')!.note).toBe('SEC_E_INVALID_TOKEN is written beside 0x8009030D, which is SEC_E_UNKNOWN_CREDENTIALS; SEC_E_INVALID_TOKEN is 0x80090308')
  })

  it.each([
    ['a matching pair', 'SEC_E_UNTRUSTED_ROOT (0x80090325)'],
    ['an alias with its value', 'SEC_E_NO_SPM (0x80090304)'],
    ['two codes apart in one line', 'first SEC_I_CONTINUE_NEEDED, then the server answered 0x8009030C'],
    ['two numbers side by side', '0x80090325 0x80090322'],
    ['two names side by side', 'SEC_E_TIME_SKEW / SEC_E_LOGON_DENIED'],
  ])('is not flagged for %s', (_what, line) => {
    expect(conflict(line)).toBeNull()
  })
})

describe('conflicts in records', () => {
  it('pairs a name and a number only within one field', () => {
    const record = { message: 'bind failed 0x8009030D (SEC_E_INVALID_TOKEN)', error: { code: 'SEC_E_LOGON_DENIED' } }
    const codes = annotateRecord(matcher, record, ['message', 'error.code'])!
    expect(recordConflict(record, codes)!.note).toMatch(/^SEC_E_INVALID_TOKEN is written beside 0x8009030D/)
  })

  it('does not pair a name in one field with a number in another', () => {
    const record = { message: 'AcceptSecurityContext hr=0x8009030D', error: { code: 'SEC_E_INVALID_TOKEN' } }
    const codes = annotateRecord(matcher, record, ['message', 'error.code'])!
    expect(codes).toHaveLength(2)
    expect(recordConflict(record, codes)).toBeNull()
  })
})
