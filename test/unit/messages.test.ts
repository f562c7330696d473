import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileMatcher } from '../../src/match/compile.js'
import { loadRules } from '../../src/rules/load.js'
import { scanLine } from '../../src/match/scan.js'
import { compileMessages, messageMatcher, messagesKey, messageTables, type MessageTables } from '../../src/match/messages.js'
import type { Rule, RuleSet } from '../../src/rules/types.js'
import { annotateRecord } from '../../src/parse/record-line.js'
import { matcher as plainMatcher, ruleSet } from '../helpers/rules.js'

const matcher = compileMatcher(ruleSet, { messages: true })

/** [name, form, text] of every hit, in order. */
function found (line: string): Array<[string | null, string, string]> {
  return (scanLine(matcher, line) ?? []).map((h) => [h.rule?.name ?? null, h.form, h.text])
}
const names = (line: string): Array<string | null> => found(line).map(([name]) => name)

/** The code a message names: itself, or the one preferred where codes share a message. */
const SHARED: Record<string, string> = {
  SEC_E_BAD_PKGID: 'SEC_E_SECPKG_NOT_FOUND',
  SEC_I_CONTEXT_EXPIRED: 'SEC_E_CONTEXT_EXPIRED',
  SEC_E_NO_SPM: 'SEC_E_INTERNAL_ERROR',
  SEC_E_NOT_SUPPORTED: 'SEC_E_UNSUPPORTED_FUNCTION',
}
const withText = ruleSet.rules.filter((r) => r.family === 'sspi' && r.message !== null && r.name !== 'SEC_E_OK' && r.name !== 'SEC_E_NO_KERB_KEY')

describe('message text alone', () => {
  it.each(withText.map((r) => [r.name, r] as const))('%s is found by its message', (name, rule) => {
    const line = `2025-03-11 08:14:02,117 ERROR request failed: ${rule.message} (attempt 2)`
    expect(found(line)).toEqual([[SHARED[name] ?? name, 'message-text', rule.message]])
  })

  it('covers every SSPI code that has a message, but SEC_E_OK and SEC_E_NO_KERB_KEY', () => {
    expect(withText.length).toBe(ruleSet.rules.filter((r) => r.family === 'sspi').length - 2)
  })

  it('ignores case and the width of whitespace', () => {
    expect(found('WinRM: THE   LOGON\tattempt FAILED')).toEqual([['SEC_E_LOGON_DENIED', 'message-text', 'THE   LOGON\tattempt FAILED']])
  })

  it('takes the message with or without its final period', () => {
    expect(names('Login failed. The target principal name is incorrect. Cannot generate SSPI context.')).toEqual(['SEC_E_WRONG_PRINCIPAL'])
    expect(names('error: The target principal name is incorrect')).toEqual(['SEC_E_WRONG_PRINCIPAL'])
    expect(names('No authority could be contacted for authentication')).toEqual(['SEC_E_NO_AUTHENTICATING_AUTHORITY'])
  })

  it('matches the longest of two messages where one starts the other', () => {
    expect(names('The function completed successfully, but must be called again to complete the context.  Early start can be used.')).toEqual(['SEC_I_CONTINUE_NEEDED_MESSAGE_OK'])
    expect(names('The function completed successfully, but must be called again to complete the context.')).toEqual(['SEC_I_CONTINUE_NEEDED'])
  })

  it('tells apart messages that share a long prefix', () => {
    expect(names('The revocation status of the smartcard certificate used for authentication could not be determined. Please contact your system administrator.')).toEqual(['SEC_E_REVOCATION_OFFLINE_C'])
    expect(names('The revocation status of the domain controller certificate used for smartcard authentication could not be determined. There is additional information in the system event log. Please contact your system administrator.')).toEqual(['SEC_E_REVOCATION_OFFLINE_KDC'])
  })

  it('does not take a message glued to a word', () => {
    expect(found('xThe logon attempt failed')).toEqual([])
    expect(found('The logon attempt failedX')).toEqual([])
  })

  it('does not read SEC_E_OK into "The operation completed successfully." (every API prints it)', () => {
    expect(found('robocopy: The operation completed successfully.')).toEqual([])
  })

  it('finds every message of a line, in order', () => {
    expect(names('The logon attempt failed; then: The received certificate has expired.')).toEqual(['SEC_E_LOGON_DENIED', 'SEC_E_CERT_EXPIRED'])
  })

  it('is off unless asked for', () => {
    expect(scanLine(plainMatcher, 'Login failed. The target principal name is incorrect.')).toBeNull()
  })
})

describe('texts two codes share', () => {
  it('names SEC_E_TIME_SKEW for the Win32 text WinRM prints with 0x80090324, not ERROR_TIME_SKEW', () => {
    expect(names('WinRM cannot complete the operation: There is a time and/or date difference between the client and server.')).toEqual(['SEC_E_TIME_SKEW'])
  })
})

describe('explicit numbers win over message text', () => {
  it('reports the number, not the text, where Win32\'s ERROR_DOWNGRADE_DETECTED prints the very sentence of SEC_E_DOWNGRADE_DETECTED', () => {
    expect(found('Exception from HRESULT: 0x800704F1 The system cannot contact a domain controller to service the authentication request. Please try again later.').map(([n, form]) => [n, form])).toEqual([['ERROR_DOWNGRADE_DETECTED', 'hex']])
  })

  it('drops the text beside an HRESULT of another facility that the table does not know', () => {
    expect(found('Exception from HRESULT: 0x800704C9 The system cannot contact a domain controller to service the authentication request.')).toEqual([])
  })

  it('drops the text beside a negative decimal HRESULT', () => {
    expect(found('HResult=-2147023671 The system cannot contact a domain controller to service the authentication request.')).toEqual([])
  })

  it('reports only the explicit code when a line writes one beside a message', () => {
    expect(found('SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.').map(([n, form]) => [n, form])).toEqual([
      ['SEC_E_UNTRUSTED_ROOT', 'symbol'],
      ['SEC_E_UNTRUSTED_ROOT', 'hex'],
    ])
    expect(names('hr=0x8009030C The target principal name is incorrect.')).toEqual(['SEC_E_LOGON_DENIED'])
  })

  it('keeps the text beside E_FAIL, the HRESULT every Win32Exception carries whatever its error', () => {
    expect(names('System.ComponentModel.Win32Exception (0x80004005): The target principal name is incorrect')).toEqual(['SEC_E_WRONG_PRINCIPAL'])
    expect(names('ErrorCode=-2147467259 The logon attempt failed')).toEqual(['SEC_E_LOGON_DENIED'])
  })

  it('keeps the text beside a .NET exception-type HRESULT (facility 0x13: SqlException is always 0x80131904)', () => {
    expect(names('Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)')).toEqual(['SEC_E_UNTRUSTED_ROOT'])
    expect(names('SqlException ErrorCode: -2146232060 The target principal name is incorrect.')).toEqual(['SEC_E_WRONG_PRINCIPAL'])
  })

  it('still drops the text when a specific number sits beside a wrapper one', () => {
    expect(found('Win32Exception (0x80004005): Exception from HRESULT: 0x800704C9 The system cannot contact a domain controller to service the authentication request.')).toEqual([])
  })

  it('keeps a message whose line writes only a positive number (a port, a pid, a count)', () => {
    expect(names('pid 4412 port 636: The received certificate has expired.')).toEqual(['SEC_E_CERT_EXPIRED'])
  })

  it('applies the rule line by line in a block of many lines (summarize)', () => {
    const block = 'hr=0x8009030C first\nThe logon attempt failed\nhr=0x80090325 The received certificate has expired.\n'
    expect((scanLine(matcher, block) ?? []).map((h) => [h.rule?.name, h.form])).toEqual([
      ['SEC_E_LOGON_DENIED', 'hex'],
      ['SEC_E_LOGON_DENIED', 'message-text'],
      ['SEC_E_UNTRUSTED_ROOT', 'hex'],
    ])
  })

  it('never lets a message span two lines', () => {
    expect(scanLine(matcher, 'The logon attempt\nfailed\n')).toBeNull()
  })

  it('in a record, drops the message of one field when another field writes a code', () => {
    const codes = annotateRecord(matcher, { message: 'The target principal name is incorrect.', error: { code: '0x8009030C' } }, ['message', 'error.code'])
    expect(codes!.map((c) => [c.name, c.matches.map((m) => m.form)])).toEqual([['SEC_E_LOGON_DENIED', ['hex']]])
  })
})

describe('the second step', () => {
  it('compiles only the messages of the anchors a block of lines holds, once each', () => {
    const fresh = compileMatcher(ruleSet, { messages: true })
    expect(scanLine(fresh, 'Login failed. The target principal name is incorrect.\n')!.map((h) => h.rule?.name)).toEqual(['SEC_E_WRONG_PRINCIPAL'])
    expect(fresh.messages!.compiled.size).toBe(1)
    const [only] = fresh.messages!.compiled.values()
    expect(only!.source.length).toBeLessThan(500)
    scanLine(fresh, 'again: The target principal name is incorrect\n')
    expect(fresh.messages!.compiled.size).toBe(1)
  })

  it('finds the message text of one line without compiling a pattern', () => {
    const fresh = compileMatcher(ruleSet, { messages: true })
    expect(scanLine(fresh, 'Login failed. The target principal name is incorrect.')!.map((h) => h.rule?.name)).toEqual(['SEC_E_WRONG_PRINCIPAL'])
    expect(fresh.messages!.compiled.size).toBe(0)
  })

  it('is not taken on a line that writes a code, whose number wins anyway', () => {
    const fresh = compileMatcher(ruleSet, { messages: true })
    expect(scanLine(fresh, 'hr=0x8009030C The target principal name is incorrect.')!.map((h) => h.rule?.name)).toEqual(['SEC_E_LOGON_DENIED'])
    expect(fresh.messages!.compiled.size).toBe(0)
  })

  it('finds the message of a user rule with letters beyond ASCII whatever their case, as a built-in one in any case', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-messages-')), 'fr.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x80090F01', category: 'general', meaning: 'Ours.', message: 'Échec de la négociation du contexte de sécurité' }] }))
    const own = compileMatcher(loadRules({ rulesFiles: [file] }), { messages: true })
    expect(scanLine(own, 'svc: ÉCHEC DE LA NÉGOCIATION DU CONTEXTE DE SÉCURITÉ (retry)')?.map((h) => [h.rule?.name, h.form])).toEqual([['SEC_E_HOUSE_RULE', 'message-text']])
    expect(scanLine(own, 'svc: the TARGET Principal Name is incorrect.')?.map((h) => [h.rule?.name, h.form])).toEqual([['SEC_E_WRONG_PRINCIPAL', 'message-text']])
  })

  it('is taken on the lines of a block that write no code', () => {
    const fresh = compileMatcher(ruleSet, { messages: true })
    const block = 'hr=0x8009030C The target principal name is incorrect.\nretry: The target principal name is incorrect.\n'
    expect(scanLine(fresh, block)!.map((h) => [h.rule?.name, h.form])).toEqual([['SEC_E_LOGON_DENIED', 'hex'], ['SEC_E_WRONG_PRINCIPAL', 'message-text']])
    expect(fresh.messages!.compiled.size).toBe(1)
  })

  it('keeps a bounded number of compiled patterns, whatever mix of anchors the lines hold', () => {
    const fresh = compileMatcher(ruleSet, { messages: true })
    const texts = withText.slice(0, 40).map((r) => r.message!)
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) scanLine(fresh, `${texts[i]} / ${texts[j]}`)
    expect(fresh.messages!.compiled.size).toBeLessThanOrEqual(256)
  })

  it('tells apart messages with a common start whose anchors differ', () => {
    // Both start "The credentials supplied were not complete, and could not be verified."
    expect(names('The credentials supplied were not complete, and could not be verified. Additional information can be returned from the context.')).toEqual(['SEC_I_INCOMPLETE_CREDENTIALS'])
    expect(names('The credentials supplied were not complete, and could not be verified. The context could not be initialized.')).toEqual(['SEC_E_INCOMPLETE_CREDENTIALS'])
  })
})

describe('properties', () => {
  const spaces = fc.stringMatching(/^[ \t]{1,3}$/)
  it('finds a message whatever its case and spacing, between any words', () => {
    const rule = fc.constantFrom(...withText.filter((r) => SHARED[r.name] === undefined))
    fc.assert(fc.property(rule, fc.array(spaces, { minLength: 40, maxLength: 40 }), fc.boolean(), (r, gaps, upper) => {
      let i = 0
      const text = r.message!.split(/\s+/).join('\u0000').replace(/\u0000/g, () => gaps[i++ % gaps.length]!)
      const line = `ctx=auth msg="${upper ? text.toUpperCase() : text.toLowerCase()}" done`
      expect(names(line)).toEqual([r.name])
    }))
  })
})

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/sspi-codes.json', import.meta.url))
describe.runIf(existsSync(REFERENCE))('against ../shared/reference', () => {
  it('finds every system_message of the reference as it ends in FormatMessage output (CRLF)', () => {
    const entries = (JSON.parse(readFileSync(REFERENCE, 'utf8')) as Array<{ name: string, family: string, system_message: string | null }>)
      .filter((e) => e.family === 'sspi' && e.system_message !== null && e.name !== 'SEC_E_OK' && e.name !== 'SEC_E_NO_KERB_KEY')
    for (const e of entries) expect(names(`${e.system_message}\r`), e.name).toEqual([SHARED[e.name] ?? e.name])
  })
})

describe('the message tables the build writes into its bundles', () => {
  const tables = messageTables(ruleSet)!

  it('come back from JSON, as a bundle carries them, as the same matcher: every message names the same rule', () => {
    const made = messageMatcher(ruleSet, tables)
    const read = messageMatcher(ruleSet, JSON.parse(JSON.stringify(tables)) as MessageTables)
    expect(read.byMessage.size).toBeGreaterThan(200)
    for (const [message, rule] of made.byMessage) expect(read.byMessage.get(message)).toBe(rule)
    expect(read.byAnchor).toEqual(made.byAnchor)
    expect(read.anchorSource).toBe(made.anchorSource)
    expect(read.letterLed).toBe(made.letterLed)
  })

  /** The built-in rules with one rule changed (and looked up by name as changed). */
  const changed = (name: string, change: (r: Rule) => Rule): RuleSet => {
    const rules = ruleSet.rules.map((r) => (r.name === name ? change(r) : r))
    return { ...ruleSet, rules, byName: new Map(rules.map((r) => [r.name, r])) }
  }

  it('are taken only for rules whose every field they are made from is the same: texts, the rule a text names, its kind, severity and value', () => {
    const key = messagesKey(ruleSet)
    expect(messagesKey(changed('SEC_E_OK', (r) => ({ ...r, meaning: 'something else', hint: 'another hint' })))).toBe(key)
    for (const change of [
      (r: Rule): Rule => ({ ...r, texts: [...r.texts, 'The security package refused.'] }),
      (r: Rule): Rule => ({ ...r, severity: r.severity === 'error' ? 'success' : 'error' }),
      (r: Rule): Rule => ({ ...r, value: r.value + 1 }),
      (r: Rule): Rule => ({ ...r, kind: 'win32' }),
    ]) expect(messagesKey(changed('SEC_E_WRONG_PRINCIPAL', change))).not.toBe(key)
    // An alias's texts name the rule it is an alias of: that rule's fields are in the key too.
    const alias = ruleSet.rules.find((r) => r.aliasOf !== null && r.texts.length > 0)!
    expect(messagesKey(changed(alias.aliasOf!, (r) => ({ ...r, severity: r.severity === 'error' ? 'success' : 'error' })))).not.toBe(key)
    // And which rule that is: an alias made a code of its own has its target's value, kind and severity.
    expect(messagesKey(changed(alias.name, (r) => ({ ...r, aliasOf: null })))).not.toBe(key)
  })

  it('make the message matcher compileMessages makes, where no build made them', () => {
    const compiled = compileMessages(ruleSet)!
    expect(compiled.anchorSource).toBe(tables.anchorSource)
    expect([...compiled.byMessage].map(([m, r]) => [m, r.name])).toEqual(tables.byMessage)
  })
})
