import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { RulesError } from '../../src/rules/rules-error.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-rules-'))
let n = 0
function userFile (doc: unknown): string {
  const file = join(dir, `user-${++n}.json`)
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc))
  return file
}
function loadError (doc: unknown): RulesError {
  const file = userFile(doc)
  try {
    loadRules({ rulesFiles: [file] })
  } catch (err) {
    expect(err).toBeInstanceOf(RulesError)
    expect((err as RulesError).file).toBe(file)
    return err as RulesError
  }
  throw new Error('expected the rules to be refused')
}

const newCode = { name: 'SEC_E_MADE_UP', hresult: '0x800903F0', category: 'general', meaning: 'A test code.', hint: 'Check the test.' }

describe('user rules files', () => {
  it('add a new code', () => {
    const rs = loadRules({ rulesFiles: [userFile({ codes: [newCode] })] })
    const r = rs.byName.get('SEC_E_MADE_UP')!
    expect(r).toMatchObject({ value: 0x800903f0, severity: 'error', family: 'user', hint: 'Check the test.' })
    expect(rs.byValue.get(0x800903f0)).toBe(r)
  })

  it('override only the fields they give of a built-in code', () => {
    const rs = loadRules({ rulesFiles: [userFile({ codes: [{ name: 'SEC_E_UNTRUSTED_ROOT', hint: 'Ask the PKI team (ext. 4242).' }] })] })
    const r = rs.byName.get('SEC_E_UNTRUSTED_ROOT')!
    expect(r.hint).toBe('Ask the PKI team (ext. 4242).')
    expect(r.category).toBe('schannel')
    expect(r.hresult).toBe('0x80090325')
  })

  it('may add a category and use it', () => {
    const rs = loadRules({ rulesFiles: [userFile({ categories: [{ id: 'house', title: 'House', description: 'Our own.' }], codes: [{ ...newCode, category: 'house' }] })] })
    expect(rs.byName.get('SEC_E_MADE_UP')!.category).toBe('house')
  })

  it('normalise a lower-case HRESULT to upper case', () => {
    const rs = loadRules({ rulesFiles: [userFile({ codes: [{ ...newCode, hresult: '0x800903f0' }] })] })
    expect(rs.byName.get('SEC_E_MADE_UP')!.hresult).toBe('0x800903F0')
  })
})

describe('rules validation names the file, the entry and the field', () => {
  it('refuses a file that is not JSON', () => {
    expect(loadError('{ "codes": [').message).toMatch(/not valid JSON/)
  })

  it('says so on one line, even when the bad text holds a line break', () => {
    expect(loadError('nope\n').message).not.toContain('\n')
  })

  it('refuses an unknown top-level field', () => {
    expect(loadError({ codez: [] }).message).toMatch(/field "codez": unknown field/)
  })

  it('refuses an unknown entry field', () => {
    const err = loadError({ codes: [{ ...newCode, meanign: 'typo' }] })
    expect(err.entry).toBe('codes[0] (SEC_E_MADE_UP)')
    expect(err.field).toBe('meanign')
  })

  it('refuses a malformed HRESULT', () => {
    const err = loadError({ codes: [{ ...newCode, hresult: '0x8009030' }] })
    expect(err.field).toBe('hresult')
    expect(err.message).toMatch(/8 hex digits, got "0x8009030"/)
  })

  it('refuses a number where a string is expected', () => {
    const err = loadError({ codes: [{ ...newCode, hresult: 2148074277 }] })
    expect(err.message).toMatch(/field "hresult".*got number/)
  })

  it('refuses a name that is not a constant name', () => {
    expect(loadError({ codes: [{ ...newCode, name: 'sec_e_lower' }] }).field).toBe('name')
  })

  it('refuses a name used twice in one file', () => {
    const err = loadError({ codes: [newCode, newCode] })
    expect(err.entry).toBe('codes[1] (SEC_E_MADE_UP)')
    expect(err.message).toMatch(/duplicate name/)
  })

  it('refuses a severity that contradicts bit 31', () => {
    expect(loadError({ codes: [{ ...newCode, severity: 'success' }] }).message).toMatch(/contradicts 0x800903F0/)
  })

  it('refuses an unknown category', () => {
    expect(loadError({ codes: [{ ...newCode, category: 'kerberoz' }] }).message).toMatch(/unknown category "kerberoz"/)
  })

  it('accepts an error code without a hint: hints are for the codes people meet', () => {
    const { hint: _, ...noHint } = newCode
    const rs = loadRules({ rulesFiles: [userFile({ codes: [noHint] })] })
    expect(rs.byName.get('SEC_E_MADE_UP')!.hint).toBeNull()
  })

  it('refuses a new code without a value', () => {
    const { hresult: _, ...noValue } = newCode
    expect(loadError({ codes: [noValue] }).field).toBe('hresult')
  })

  it('refuses a second name for a value unless it is marked as an alias', () => {
    expect(loadError({ codes: [{ ...newCode, hresult: '0x80090325' }] }).message).toMatch(/already SEC_E_UNTRUSTED_ROOT.*aliasOf/)
    const rs = loadRules({ rulesFiles: [userFile({ codes: [{ ...newCode, hresult: '0x80090325', aliasOf: 'SEC_E_UNTRUSTED_ROOT' }] })] })
    expect(rs.byValue.get(0x80090325)!.name).toBe('SEC_E_UNTRUSTED_ROOT')
    expect(rs.aliases.get('SEC_E_UNTRUSTED_ROOT')).toContain('SEC_E_MADE_UP')
  })

  it('refuses tags that are not a list of lower-case words', () => {
    expect(loadError({ codes: [{ ...newCode, tags: 'tls' }] }).field).toBe('tags')
    expect(loadError({ codes: [{ ...newCode, tags: ['TLS'] }] }).field).toBe('tags')
  })

  it('reports a missing file by name', () => {
    expect(() => loadRules({ rulesFiles: [join(dir, 'nope.json')] })).toThrow(/nope\.json: cannot read: ENOENT/)
  })
})

describe('user rules files of the logon families', () => {
  it('add an NTSTATUS by its value in a file whose family is ntstatus', () => {
    const rs = loadRules({ rulesFiles: [userFile({ family: 'ntstatus', codes: [{ name: 'STATUS_HOUSE_RULE', value: '0xC0000999', category: 'account', meaning: 'Ours.' }] })] })
    expect(rs.byName.get('STATUS_HOUSE_RULE')).toMatchObject({ kind: 'ntstatus', value: 0xc0000999, status: 0xc0000999, hresult: null, severity: 'error', family: 'ntstatus' })
  })

  it('add a Kerberos number as a number', () => {
    const rs = loadRules({ rulesFiles: [userFile({ family: 'kerberos', codes: [{ name: 'KDC_ERR_HOUSE_RULE', value: 120, category: 'kerberos', meaning: 'Ours.' }] })] })
    expect(rs.byNumber.get('kerberos')!.get(120)!.name).toBe('KDC_ERR_HOUSE_RULE')
  })

  it('refuse an HRESULT for a Kerberos code, naming the family to use', () => {
    expect(loadError({ codes: [{ name: 'KDC_ERR_PREAUTH_FAILED', hresult: '0x80090318' }] }).message).toMatch(/KDC_ERR_PREAUTH_FAILED is a kerberos code; give its value in a file whose "family" is "kerberos"/)
  })

  it('refuse a Win32 value wider than 16 bits and a Kerberos value that is not a number', () => {
    expect(loadError({ family: 'win32', codes: [{ name: 'ERROR_HOUSE', value: '0x80070005', category: 'general', meaning: 'x' }] }).message).toMatch(/a Win32 error fits in 16 bits/)
    expect(loadError({ family: 'kerberos', codes: [{ name: 'KDC_ERR_HOUSE', value: '0x18', category: 'kerberos', meaning: 'x' }] }).message).toMatch(/expected a Kerberos error number such as 24/)
  })

  it('let a hint be overridden by name alone, in any family', () => {
    expect(loadRules({ rulesFiles: [userFile({ codes: [{ name: 'STATUS_ACCOUNT_LOCKED_OUT', hint: 'Call the service desk.' }] })] }).byName.get('STATUS_ACCOUNT_LOCKED_OUT')!.hint).toBe('Call the service desk.')
  })
})
