import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { scanLine } from '../../src/match/scan.js'
import { compileMatcher } from '../../src/match/compile.js'
import { annotateLine } from '../../src/enrich/line-event.js'
import { readRecordLine } from '../../src/parse/record-line.js'
import { lookupExact, lookupPasted } from '../../src/lookup/lookup.js'
import { ruleSet } from '../helpers/rules.js'

const withMessages = compileMatcher(ruleSet, { messages: true })

/** [name, form, text] of every hit in a line, message text on. */
function found (line: string): Array<[string | null, string, string]> {
  return (scanLine(withMessages, line) ?? []).map((h) => [h.rule?.name ?? null, h.form, h.text])
}
const names = (line: string): Array<string | null> => found(line).map(([n]) => n)

describe('the logon families', () => {
  const family = (f: string) => ruleSet.rules.filter((r) => r.family === f && r.aliasOf === null)

  it('holds the NTSTATUS values of logon and trust failures', () => {
    expect(family('ntstatus').length).toBeGreaterThanOrEqual(51)
    expect(ruleSet.byName.get('STATUS_LOGON_FAILURE')).toMatchObject({ kind: 'ntstatus', value: 0xc000006d, status: 0xc000006d, hresult: null, severity: 'error' })
  })

  it('holds the Win32 logon errors with their HRESULT form, and the WinHTTP TLS failures', () => {
    expect(ruleSet.byName.get('ERROR_LOGON_FAILURE')).toMatchObject({ kind: 'win32', value: 1326, status: 0x8007052e, hresult: '0x8007052E' })
    for (const [name, hresult] of [['ERROR_WINHTTP_SECURE_FAILURE', '0x80072F8F'], ['ERROR_WINHTTP_SECURE_INVALID_CA', '0x80072F0D'], ['ERROR_WINHTTP_SECURE_CERT_CN_INVALID', '0x80072F06'], ['ERROR_WINHTTP_SECURE_CERT_DATE_INVALID', '0x80072F05']] as const) {
      expect(ruleSet.byName.get(name)!.hresult, name).toBe(hresult)
    }
    expect(ruleSet.byName.get('ERROR_INTERNET_INVALID_CA')!.aliasOf).toBe('ERROR_WINHTTP_SECURE_INVALID_CA')
  })

  it('holds every Kerberos error number of RFC 4120, 4556 and 6113, by its KDC_ERR_, KRB_AP_ERR_ or KRB_ERR_ name', () => {
    const kerberos = family('kerberos')
    expect(kerberos).toHaveLength(77)
    for (const r of kerberos) expect(r.name, r.name).toMatch(/^(KDC_ERR_|KRB_AP_ERR_|KRB_ERR_|KRB_AP_PATH_)/)
    expect(ruleSet.byName.get('KDC_ERROR_CLIENT_NOT_TRUSTED')!.aliasOf).toBe('KDC_ERR_CLIENT_NOT_TRUSTED')
    expect(ruleSet.byName.get('KDC_ERR_NONE')!.severity).toBe('success')
  })

  it('puts the account-state codes in a category of their own', () => {
    expect(['STATUS_ACCOUNT_LOCKED_OUT', 'STATUS_ACCOUNT_DISABLED', 'STATUS_ACCOUNT_EXPIRED', 'STATUS_INVALID_LOGON_HOURS', 'STATUS_INVALID_WORKSTATION', 'ERROR_LOGON_TYPE_NOT_GRANTED'].map((n) => ruleSet.byName.get(n)!.category)).toEqual(Array(6).fill('account'))
  })
})

describe('what each new code says of itself in output', () => {
  it('gives the NTSTATUS as its value, and no hresult', () => {
    const [c] = annotateLine(withMessages, 'Status: 0xC000006D')!
    expect(c).toMatchObject({ name: 'STATUS_LOGON_FAILURE', family: 'ntstatus', value: '0xC000006D', facility: 0, code: 0x6d })
    expect(c).not.toHaveProperty('hresult')
  })

  it('gives a Win32 error in its own notation, with its HRESULT', () => {
    expect(annotateLine(withMessages, 'hr=0x8007052E')![0]).toMatchObject({ family: 'win32', value: '0x0000052E', hresult: '0x8007052E' })
  })

  it('gives a Kerberos error number as a number, and neither hresult nor facility', () => {
    const [c] = annotateLine(withMessages, 'Failure Code: 0x18')!
    expect(c).toMatchObject({ name: 'KDC_ERR_PREAUTH_FAILED', family: 'kerberos', value: 24 })
    expect(Object.keys(c!)).not.toContain('hresult')
    expect(Object.keys(c!)).not.toContain('facility')
  })
})

describe('NTSTATUS', () => {
  it.each(['0xC000006D', '0xc000006d', '0xC000006d'])('is found as %s, in any case', (hex) => {
    expect(found(`An account failed to log on. Status: ${hex} Sub Status: 0xC000006A`)).toEqual([
      ['STATUS_LOGON_FAILURE', 'hex', hex],
      ['STATUS_WRONG_PASSWORD', 'hex', '0xC000006A'],
    ])
  })

  it('is found by its name and by Samba\'s NT_STATUS_ name', () => {
    expect(found('auth_check_password_recv: sam authentication for user [CORP\\bob] FAILED with error NT_STATUS_WRONG_PASSWORD')).toEqual([['STATUS_WRONG_PASSWORD', 'symbol', 'NT_STATUS_WRONG_PASSWORD']])
    expect(names('LsaLogonUser failed: STATUS_ACCOUNT_LOCKED_OUT')).toEqual(['STATUS_ACCOUNT_LOCKED_OUT'])
  })

  it('is found in netlogon.log\'s SamLogon lines', () => {
    expect(names('02/17 10:12:44 [LOGON] [2344] CORP: SamLogon: Transitive Network logon of CORP\\alice from WS-17 (via FS-01) Returns 0xC000006A')).toEqual(['STATUS_WRONG_PASSWORD'])
  })

  it('takes a decimal in parentheses', () => {
    expect(found('LogonUser returned (-1073741715)')).toEqual([['STATUS_LOGON_FAILURE', 'signed', '-1073741715']])
    expect(found('ntstatus (3221225581)')).toEqual([['STATUS_LOGON_FAILURE', 'unsigned', '3221225581']])
  })

  it('takes a decimal beside the name of the same code', () => {
    expect(found('STATUS_LOGON_FAILURE -1073741715').map(([, form]) => form)).toEqual(['symbol', 'signed'])
    expect(found('status=3221225581 STATUS_LOGON_FAILURE').map(([, form]) => form)).toEqual(['unsigned', 'symbol'])
  })

  it('leaves a decimal alone anywhere else: ids, counters, sizes', () => {
    expect(found('request 3221225581 took 12 ms')).toEqual([])
    expect(found('offset=-1073741715 len=4')).toEqual([])
    expect(found('STATUS_ACCOUNT_DISABLED (3221225581)').map(([n]) => n)).toEqual(['STATUS_ACCOUNT_DISABLED', 'STATUS_LOGON_FAILURE'])
  })

  it('leaves a decimal beside another code\'s name alone', () => {
    expect(found('STATUS_ACCOUNT_DISABLED 3221225581')).toEqual([['STATUS_ACCOUNT_DISABLED', 'symbol', 'STATUS_ACCOUNT_DISABLED']])
  })
})

describe('Win32', () => {
  it('is found as its HRESULT and that HRESULT\'s decimals', () => {
    expect(found('The system returned 0x8007052E')).toEqual([['ERROR_LOGON_FAILURE', 'hex', '0x8007052E']])
    expect(found('HResult=-2147023570')).toEqual([['ERROR_LOGON_FAILURE', 'signed', '-2147023570']])
    expect(found('code 2147943726')).toEqual([['ERROR_LOGON_FAILURE', 'unsigned', '2147943726']])
    expect(found('Task Scheduler: Last Run Result 8007052E')).toEqual([['ERROR_LOGON_FAILURE', 'barehex', '8007052E']])
  })

  it('is found by its ERROR_ name', () => {
    expect(names('WNetAddConnection2 failed: ERROR_ACCOUNT_LOCKED_OUT')).toEqual(['ERROR_ACCOUNT_LOCKED_OUT'])
  })

  it('takes the Win32 code after "data" in an AD LDAP bind error, not the build tag or the DSID', () => {
    expect(found('80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 775, v3839')).toEqual([
      ['SEC_E_INVALID_TOKEN', 'barehex', '80090308'],
      ['ERROR_ACCOUNT_LOCKED_OUT', 'ldap-data', '775'],
    ])
  })

  it('takes no code from "data 0" or from a data token of no logon error', () => {
    expect(found('LdapErr: DSID-0C090A5C, comment: In order to perform this operation a successful bind must be completed on the connection., data 0, v4563')).toEqual([])
    expect(found('comment: AcceptSecurityContext error, data 0, v4563')).toEqual([])
  })

  it('takes a plain number after "System error", as net.exe prints it', () => {
    expect(found('System error 1326 has occurred.')).toEqual([['ERROR_LOGON_FAILURE', 'decimal', '1326']])
    expect(found('System error 5 has occurred.')).toEqual([['ERROR_ACCESS_DENIED', 'decimal', '5']])
  })

  it('takes a number of three digits or more between "error " and a colon', () => {
    expect(found('LogonUser failed with error 1326: The user name or password is incorrect.').map(([n, form]) => [n, form])).toEqual([['ERROR_LOGON_FAILURE', 'decimal']])
  })

  it('leaves plain numbers alone without that context', () => {
    expect(found('listening on 1326, 1909 workers')).toEqual([])
    expect(found('error 1326 retries')).toEqual([])
    expect(found('rsync error 5: protocol mismatch')).toEqual([])
  })
})

describe('Kerberos', () => {
  it('is found by name anywhere', () => {
    expect(names('kinit: KDC_ERR_PREAUTH_FAILED while getting initial credentials')).toEqual(['KDC_ERR_PREAUTH_FAILED'])
    expect(names('KRB_AP_ERR_MODIFIED from server HTTP/web-02')).toEqual(['KRB_AP_ERR_MODIFIED'])
  })

  it.each([
    ['Failure Code:', 'Kerberos pre-authentication failed. Account Name: alice Service Name: krbtgt/CORP Failure Code: 0x18 Pre-Authentication Type: 2', 'KDC_ERR_PREAUTH_FAILED'],
    ['Result Code:', 'A Kerberos authentication ticket (TGT) was requested. Result Code: 0x6 Ticket Encryption Type: 0xFFFFFFFF', 'KDC_ERR_C_PRINCIPAL_UNKNOWN'],
    ['Error Code:', 'A Kerberos Error Message was received: on logon session CORP\\alice Error Code: 0x19 KDC_ERR_PREAUTH_REQUIRED', 'KDC_ERR_PREAUTH_REQUIRED'],
    ['zero-padded', 'Failure Code: 0x00000025', 'KRB_AP_ERR_SKEW'],
    ['lower-case hex letters', 'Failure Code: 0x1f', 'KRB_AP_ERR_BAD_INTEGRITY'],
  ])('takes the number after %s', (_label, line, name) => {
    expect(names(line)).toContain(name)
    expect(found(line).find(([n]) => n === name)![1]).toMatch(/^(field|symbol)$/)
  })

  it('takes the Status of events 4768, 4769 and 4771 written as XML', () => {
    const xml = (id: number, status: string): string => `<Event><System><EventID>${id}</EventID></System><EventData><Data Name="TargetUserName">alice</Data><Data Name="Status">${status}</Data><Data Name="PreAuthType">2</Data></EventData></Event>`
    expect(found(xml(4771, '0x18'))).toEqual([['KDC_ERR_PREAUTH_FAILED', 'field', '0x18']])
    expect(names(xml(4768, '0x12'))).toEqual(['KDC_ERR_CLIENT_REVOKED'])
    expect(names(xml(4624, '0x18'))).toEqual([])
  })

  it('takes the Status of those events in a JSON line', () => {
    expect(names('{"EventID":4769,"Status":"0x1b","ServiceName":"HTTP/web-02"}')).toEqual(['KDC_ERR_MUST_USE_USER2USER'])
    expect(names('{"EventID":4625,"Status":"0x1b"}')).toEqual([])
  })

  it('takes the Status field of a 4768/4769/4771 record, naming the field', () => {
    const line = JSON.stringify({ winlog: { event_id: 4771, event_data: { TargetUserName: 'alice', Status: '0x18', PreAuthType: '2', TicketOptions: '0x40810010' } }, message: 'Kerberos pre-authentication failed.' })
    const reading = readRecordLine(withMessages, null, line, false)
    expect(reading.codes!.map((c) => [c.name, c.matches.map((m) => [m.field, m.form, m.text])])).toEqual([
      ['KDC_ERR_PREAUTH_FAILED', [['winlog.event_data.Status', 'field', '0x18']]],
    ])
  })

  it('never reports 0x0: it is success in every one of these fields', () => {
    expect(found('Failure Code: 0x0')).toEqual([])
    expect(found('Result Code: 0x00000000')).toEqual([])
    expect(found('<EventID>4769</EventID> <Data Name="Status">0x0</Data>')).toEqual([])
    expect(readRecordLine(withMessages, null, JSON.stringify({ EventID: 4768, Status: '0x0' }), false).codes).toBeNull()
  })

  it('never takes encryption types, ticket options, pre-authentication types or ids, whatever their number', () => {
    const line = 'Ticket Options: 0x40810010 Ticket Encryption Type: 0x12 Pre-Authentication Type: 2 Logon ID: 0x3E7 Keywords: 0x8010000000000000 Client Port: 0'
    expect(found(line)).toEqual([])
    expect(found('<EventID>4769</EventID><Data Name="TicketEncryptionType">0x12</Data><Data Name="TicketOptions">0x40810000</Data>')).toEqual([])
  })

  it('leaves Status alone in a record that is not a Kerberos ticket event', () => {
    expect(readRecordLine(withMessages, null, JSON.stringify({ EventID: 4625, Status: '0x18' }), false).codes).toBeNull()
  })

  it('is found by the text Java prints, with the number in parentheses after it', () => {
    expect(found('javax.security.auth.login.LoginException: Clock skew too great (37)')).toEqual([['KRB_AP_ERR_SKEW', 'message-text', 'Clock skew too great']])
    expect(names('KrbException: Pre-authentication information was invalid (24)')).toEqual(['KDC_ERR_PREAUTH_FAILED'])
  })

  it('does not take short generic texts as Kerberos codes', () => {
    expect(found('Ticket expired')).toEqual([])
    expect(found('warning: Protocol version mismatch')).toEqual([])
  })
})

describe('message text of the new families', () => {
  it.each([
    ['The user name or password is incorrect.', 'ERROR_LOGON_FAILURE'],
    ['Logon failure: unknown user name or bad password.', 'ERROR_LOGON_FAILURE'],
    ['Failure Reason: Unknown user name or bad password.', 'STATUS_LOGON_FAILURE'],
    ['The referenced account is currently locked out and may not be logged on to.', 'ERROR_ACCOUNT_LOCKED_OUT'],
    ['The trust relationship between this workstation and the primary domain failed.', 'ERROR_TRUSTED_RELATIONSHIP_FAILURE'],
  ])('names the code of "%s"', (text, name) => {
    expect(names(`2025-03-11 08:14:07 app: ${text}`)).toEqual([name])
  })

  it('follows the number when a line writes one (explicit numbers win)', () => {
    expect(names('net use failed: 0x80070775 The user name or password is incorrect.')).toEqual(['ERROR_ACCOUNT_LOCKED_OUT'])
  })
})

describe('a number at the end of a sentence', () => {
  it.each([['returned error -2146893022.', 'SEC_E_WRONG_PRINCIPAL'], ['failed with -2146893019.', 'SEC_E_UNTRUSTED_ROOT'], ['LogonUser returned -2147023570.', 'ERROR_LOGON_FAILURE']])('is still a number: %s', (line, name) => {
    expect(names(line)).toEqual([name])
  })
})

describe('lookup of the new codes', () => {
  it.each([
    ['0xC000006D', 'STATUS_LOGON_FAILURE'], ['c000006d', 'STATUS_LOGON_FAILURE'], ['-1073741715', 'STATUS_LOGON_FAILURE'], ['3221225581', 'STATUS_LOGON_FAILURE'],
    ['NT_STATUS_LOGON_FAILURE', 'STATUS_LOGON_FAILURE'], ['nt_status_logon_failure', 'STATUS_LOGON_FAILURE'],
    ['0x8007052E', 'ERROR_LOGON_FAILURE'], ['1326', 'ERROR_LOGON_FAILURE'], ['-2147023570', 'ERROR_LOGON_FAILURE'],
    ['KDC_ERR_PREAUTH_FAILED', 'KDC_ERR_PREAUTH_FAILED'], ['0x18', 'KDC_ERR_PREAUTH_FAILED'], ['24', 'KDC_ERR_PREAUTH_FAILED'],
  ])('knows %s', (query, name) => {
    expect(lookupExact(ruleSet, query).map((r) => r.name)).toEqual([name])
  })

  it('gives both codes for a small number that is a Win32 error and a Kerberos number, the Win32 error first', () => {
    expect(lookupExact(ruleSet, '5').map((r) => [r.name, r.family, r.value])).toEqual([['ERROR_ACCESS_DENIED', 'win32', '0x00000005'], ['KDC_ERR_S_OLD_MAST_KVNO', 'kerberos', 5]])
  })

  it('explains each code of a pasted LDAP bind error', () => {
    expect(lookupPasted(ruleSet, '80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 52e, v3839').map((r) => r.name)).toEqual(['SEC_E_INVALID_TOKEN', 'ERROR_LOGON_FAILURE'])
  })
})

describe('properties', () => {
  const kerberos = ruleSet.rules.filter((r) => r.kind === 'kerberos' && r.aliasOf === null && r.value !== 0)
  const label = fc.constantFrom('Ticket Options:', 'Ticket Encryption Type:', 'Pre-Authentication Type:', 'Logon ID:', 'Keywords:', 'Client Port:', 'Status:', 'Sub Status:', 'Flags:', 'Type:')

  it('never takes a small number under any label but the failure and result ones', () => {
    fc.assert(fc.property(label, fc.integer({ min: 0, max: 0xff }), fc.boolean(), (l, n, pad) => {
      const hex = '0x' + (pad ? n.toString(16).padStart(8, '0') : n.toString(16))
      expect(found(`${l} ${hex}`)).toEqual([])
    }))
  })

  it('takes every Kerberos number after Failure Code:, at its exact offsets', () => {
    fc.assert(fc.property(fc.constantFrom(...kerberos), fc.boolean(), fc.boolean(), (rule, upper, pad) => {
      let hex = rule.value.toString(16)
      if (upper) hex = hex.toUpperCase()
      if (pad) hex = hex.padStart(8, '0')
      const line = `Account Name: alice Failure Code: 0x${hex} Pre-Authentication Type: 2`
      const hits = scanLine(withMessages, line)!.filter((h) => h.form === 'field')
      expect(hits).toHaveLength(1)
      expect(hits[0]!.rule).toBe(rule)
      expect(line.slice(hits[0]!.start, hits[0]!.end)).toBe(`0x${hex}`)
    }))
  })
})
