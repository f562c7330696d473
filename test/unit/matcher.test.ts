import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { scanLine } from '../../src/match/scan.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileMatcher, patternLength, patternTooLarge, triesToBuild, V8_OPTIMIZED_SOURCE_MAX } from '../../src/match/compile.js'
import { loadRules } from '../../src/rules/load.js'
import { signedDecimal, unsignedDecimal } from '../../src/match/hresult.js'
import { hresultRules, hasCheapSpellings, matcher, ruleSet } from '../helpers/rules.js'

/** [name, form, text] of every hit, in order. */
function found (line: string): Array<[string | null, string, string]> {
  return (scanLine(matcher, line) ?? []).map((h) => [h.rule?.name ?? null, h.form, h.text])
}

describe('symbols', () => {
  it('finds a symbol with its exact offsets', () => {
    const line = "fatal: unable to access 'https://git.example/': schannel: SEC_E_UNTRUSTED_ROOT"
    const [hit] = scanLine(matcher, line)!
    expect(hit).toMatchObject({ form: 'symbol', start: 58, end: 78 })
    expect(line.slice(hit!.start, hit!.end)).toBe('SEC_E_UNTRUSTED_ROOT')
  })

  it('finds a markdown-escaped symbol and reports the text as written', () => {
    expect(found('see SEC\\_E\\_UNTRUSTED\\_ROOT in the docs')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'symbol', 'SEC\\_E\\_UNTRUSTED\\_ROOT']])
  })

  it('ignores a symbol inside a longer identifier', () => {
    expect(found('SEC_E_UNTRUSTED_ROOTX MY_SEC_E_UNTRUSTED_ROOT SEC_E_UNTRUSTED_ROOT_2 xSEC_E_LOGON_DENIED')).toEqual([])
  })

  it('finds the longer of two names that share a prefix', () => {
    expect(found('SEC_E_REVOCATION_OFFLINE_KDC and SEC_E_REVOCATION_OFFLINE_C')).toEqual([
      ['SEC_E_REVOCATION_OFFLINE_KDC', 'symbol', 'SEC_E_REVOCATION_OFFLINE_KDC'],
      ['SEC_E_REVOCATION_OFFLINE_C', 'symbol', 'SEC_E_REVOCATION_OFFLINE_C'],
    ])
  })

  it('maps an alias to the code that owns its value', () => {
    expect(found('status SEC_E_NO_SPM')).toEqual([['SEC_E_INTERNAL_ERROR', 'symbol', 'SEC_E_NO_SPM']])
  })

  it('finds SEC_E_OK by name', () => {
    expect(found('InitializeSecurityContext -> SEC_E_OK')).toEqual([['SEC_E_OK', 'symbol', 'SEC_E_OK']])
  })
})

describe('hex', () => {
  it('finds 0x hex in either case', () => {
    expect(found('hr=0x8009030C hr = 0x8009030c')).toEqual([
      ['SEC_E_LOGON_DENIED', 'hex', '0x8009030C'],
      ['SEC_E_LOGON_DENIED', 'hex', '0x8009030c'],
    ])
  })

  it('takes a trailing L (a C literal) as part of the token', () => {
    expect(found('#define X 0x80090325L')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'hex', '0x80090325L']])
  })

  it('finds the sign-extended 64-bit spelling', () => {
    expect(found('returned 0xFFFFFFFF80090322 / 0xffffffff80090322')).toEqual([
      ['SEC_E_WRONG_PRINCIPAL', 'hex64', '0xFFFFFFFF80090322'],
      ['SEC_E_WRONG_PRINCIPAL', 'hex64', '0xffffffff80090322'],
    ])
  })

  it('finds SEC_I success values', () => {
    expect(found('InitializeSecurityContext returned 0x00090312')).toEqual([['SEC_I_CONTINUE_NEEDED', 'hex', '0x00090312']])
  })

  it('finds 8 hex digits standing alone, without 0x', () => {
    expect(found('80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, v1db1')).toEqual([['SEC_E_INVALID_TOKEN', 'barehex', '80090308']])
    expect(found('Error code 80090325')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'barehex', '80090325']])
    expect(found('sync failed (8009033e)')).toEqual([['SEC_E_SMARTCARD_LOGON_REQUIRED', 'barehex', '8009033e']])
  })

  it('reports an unknown facility-9 value with no rule', () => {
    const [hit] = scanLine(matcher, 'AcquireCredentialsHandle failed: 0x800903A7')!
    expect(hit).toMatchObject({ rule: null, value: 0x800903a7, form: 'hex', text: '0x800903A7' })
  })
})

describe('decimals', () => {
  it('finds the signed value of an error code', () => {
    expect(found('HResult=-2146893019')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'signed', '-2146893019']])
    expect(found('"nativeErrorCode":-2146893044,')).toEqual([['SEC_E_LOGON_DENIED', 'signed', '-2146893044']])
  })

  it('finds the unsigned value of an error code', () => {
    expect(found('SECURITY_STATUS 2148074277')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'unsigned', '2148074277']])
  })

  it('finds a decimal that ends a sentence: a period with no letter or digit after it is punctuation', () => {
    expect(found('InitializeSecurityContext returned error -2146893022.')).toEqual([['SEC_E_WRONG_PRINCIPAL', 'signed', '-2146893022']])
    expect(found('TLS handshake failed with -2146893019. Retrying')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'signed', '-2146893019']])
    expect(found('status 2148074277.\tnext')).toEqual([['SEC_E_UNTRUSTED_ROOT', 'unsigned', '2148074277']])
  })

  it('still leaves a decimal alone when a digit or letter follows its period (a version, a field path)', () => {
    expect(found('build -2146893022.5 and 2148074277.x')).toEqual([])
  })

  it('does not take the decimal of a success code (590610 is just a number)', () => {
    expect(found('processed 590610 records')).toEqual([])
  })
})

describe('the neighbouring security families', () => {
  it.each([
    ['CRYPT_E_NO_REVOCATION_CHECK', 'curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - The revocation function was unable to check revocation for the certificate.', 'hex', '0x80092012'],
    ['CERT_E_UNTRUSTEDROOT', 'CertVerifyCertificateChainPolicy 0x800B0109', 'hex', '0x800B0109'],
    ['CERT_E_CN_NO_MATCH', 'SSL policy error 800b010f on connect', 'barehex', '800b010f'],
    ['SCARD_W_REMOVED_CARD', 'SCardTransmit returned -2146434967', 'signed', '-2146434967'],
    ['SCARD_E_NO_SMARTCARD', 'scard status=2148532236', 'unsigned', '2148532236'],
    ['NTE_BAD_KEYSET', 'CryptAcquireContext: 0xFFFFFFFF80090016', 'hex64', '0xFFFFFFFF80090016'],
    ['ERROR_ALL_SIDS_FILTERED', 'logon rejected 0xC0090002', 'hex', '0xC0090002'],
    ['CRYPT_E_REVOCATION_OFFLINE', 'chain status CRYPT_E_REVOCATION_OFFLINE', 'symbol', 'CRYPT_E_REVOCATION_OFFLINE'],
  ])('finds %s in its notation', (name, line, form, text) => {
    expect(found(line)).toEqual([[name, form, text]])
  })

  it('finds a value of facility 11 or 16 only when the table knows it', () => {
    expect(found('status 0x800B0999 and 0x80109999')).toEqual([])
  })

  it('takes the three 0xC009000x codes by name, 0x hex and signed decimal, not bare or unsigned (a measured cost)', () => {
    const odd = hresultRules.filter((r) => !hasCheapSpellings(r)).map((r) => r.name)
    expect(odd).toEqual(['ERROR_AUDITING_DISABLED', 'ERROR_ALL_SIDS_FILTERED', 'ERROR_BIZRULES_NOT_ENABLED'])
    expect(found('audit C0090001 3221815297 0xC0090001 -1073151999').map(([name, form]) => [name, form])).toEqual([
      ['ERROR_AUDITING_DISABLED', 'hex'],
      ['ERROR_AUDITING_DISABLED', 'signed'],
    ])
    expect(ruleSet.byName.get('ERROR_AUDITING_DISABLED')!.value).toBe(0xc0090001)
  })

  it('keeps SCARD_S_SUCCESS apart from SEC_E_OK, though both are 0', () => {
    expect(found('SCardEstablishContext -> SCARD_S_SUCCESS')).toEqual([['SCARD_S_SUCCESS', 'symbol', 'SCARD_S_SUCCESS']])
  })
})

describe('look-alikes stay silent', () => {
  it.each([
    ['another facility', 'DISM failed: 0x800F081F, crash 0xC0000409, disk 0x80070070'],
    ['a GUID starting with a code', 'ActivityId: 80090325-1f2e-4abc-a123-0123456789ab request completed'],
    ['a braced GUID', 'CLSID {80090308-AAAA-BBBB-CCCC-DDDDEEEEFFFF} registered'],
    ['a GUID ending with a code', 'correlation=0a1b2c3d-0a1b-0a1b-0a1b-800903228a1f'],
    ['a thumbprint holding a code', 'Thumbprint=A1B2C3D4E580090325F6A7B8C9D0E1F2A3B4C5D6'],
    ['a longer hex run', 'handle 0x80090325abc released'],
    ['an offset ending with a code', 'offset 0x48b580090317 mapped'],
    ['a sha256 holding a code', 'object sha256:0123456789abcdef012380090325aaaabbbbccccddddeeeeffff0123 verified'],
    ['a block id holding a signed code', 'Receiving block blk_-2146893033975299669 src: /10.251.1.2:40010'],
    ['a byte count starting with an unsigned code', 'transferred bytes=2148074277123 in 90ms'],
    ['a decimal with a trailing digit', 'ack=-21468930440'],
    ['a decimal after a dot', 'version 1.2148074277'],
    ['other facilities in decimal', 'HResult=-2147012894 ErrorCode=2147954402'],
    ['a zero value', 'flags 0x00000000 and 00000000'],
    ['a word ending in hex digits', 'build abc80090325'],
  ])('%s', (_kind, line) => {
    expect(found(line)).toEqual([])
  })

  // The leading edge of each kind of token, one character before it.
  it.each([
    ['a name run into by a letter', 'XSEC_E_UNTRUSTED_ROOT'],
    ['a name run into by a digit', '9SEC_E_UNTRUSTED_ROOT'],
    ['a name run into by an underscore', 'MY_SEC_E_UNTRUSTED_ROOT'],
    ['a name after a backslash', 'path\\SEC_E_UNTRUSTED_ROOT'],
    ['0x hex run into by a letter', 'z0x80090325'],
    ['0x hex run into by a hyphen', 'id-0x80090325'],
    ['bare hex run into by an underscore', 'tag_80090325'],
    ['bare hex run into by a hyphen', 'id-80090325'],
    ['an unsigned decimal run into by a letter', 'v2148074277'],
    ['an unsigned decimal after a dot', 'x.2148074277'],
    ['a signed decimal run into by a digit', '7-2146893019'],
    ['a signed decimal after a hyphen', 'x--2146893019'],
  ])('%s', (_kind, token) => {
    expect(found(`at ${token} now`)).toEqual([])
    // The same token with a space before it is found: only the edge differs.
    expect(found(`at ${token.replace(/^(\S*?)(SEC_E|0x8|8009|2148|-2146)/, '$1 $2')} now`)).toHaveLength(1)
  })
})

describe('every code in every notation', () => {
  const spellings = (r: (typeof hresultRules)[number]): Array<[string, string]> => {
    const hex = r.hresult.slice(2)
    const list: Array<[string, string]> = [['symbol', r.name], ['symbol', r.name.replaceAll('_', '\\_')]]
    if (r.value === 0) return list
    list.push(['hex', `0x${hex}`], ['hex', `0x${hex.toLowerCase()}`], ['hex', `0x${hex}L`])
    if (hasCheapSpellings(r)) list.push(['barehex', hex])
    if (r.severity === 'error') list.push(['hex64', `0xFFFFFFFF${hex}`], ['signed', signedDecimal(r.value)])
    if (r.severity === 'error' && hasCheapSpellings(r)) list.push(['unsigned', unsignedDecimal(r.value)])
    return list
  }

  it.each(hresultRules.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    for (const [form, text] of spellings(rule)) {
      const line = `2024-03-04T08:00:00Z app[42]: call failed (${text}) after 3 tries`
      const hits = scanLine(matcher, line)
      expect(hits, `${form} ${text}`).toHaveLength(1)
      expect(hits![0]).toMatchObject({ rule, form, text, start: 43, end: 43 + text.length })
    }
  })
})

describe('properties', () => {
  const filler = fc.string({ unit: fc.constantFrom(' ', ':', '(', ')', '=', ',', '"', '[', ']', '\t', 'a', 'Z', '.', '/') })
  const anyRule = fc.constantFrom(...hresultRules.filter((r) => r.value !== 0))

  it('finds a code between any separators, at its exact offsets', () => {
    fc.assert(fc.property(filler, anyRule, filler, (before, rule, after) => {
      const sep = (s: string): string => (s === '' ? ' ' : s)
      const pre = sep(before).replace(/[A-Za-z.]$/, ' ') + ' '
      const post = ' ' + sep(after)
      const line = pre + rule.hresult + post
      const hits = scanLine(matcher, line)
      expect(hits).not.toBeNull()
      const hit = hits!.find((h) => h.form === 'hex')!
      expect(hit.rule).toBe(rule)
      expect(line.slice(hit.start, hit.end)).toBe(rule.hresult)
    }))
  })

  it('finds the same tokens with its edge lookbehinds before the token (the form the bench gives rg)', () => {
    const leading = compileMatcher(ruleSet, { edges: 'leading' })
    expect(leading.pattern.source).not.toBe(matcher.pattern.source)
    const spelling = fc.constantFrom(...hresultRules.filter((r) => r.value !== 0).flatMap((r) => [r.name, r.hresult, r.hresult.slice(2), signedDecimal(r.value), unsignedDecimal(r.value)]))
    const glue = fc.string({ unit: fc.constantFrom(' ', '-', '_', '.', '\\', 'x', '0', '8', 'F', 'S', '2', '(', '\n'), maxLength: 3 })
    const line = fc.array(fc.oneof(spelling, glue), { maxLength: 12 }).map((parts) => parts.join(''))
    const tokens = (m: typeof matcher, text: string): string[] => [...text.matchAll(new RegExp(m.pattern.source, 'g'))].map((x) => `${x.index}:${x[0]}`)
    fc.assert(fc.property(line, (text) => {
      expect(tokens(leading, text)).toEqual(tokens(matcher, text))
    }), { numRuns: 2000 })
  })

  it('never reports a code glued inside a longer run of hex digits', () => {
    const hexRun = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 12 })
    fc.assert(fc.property(hexRun, anyRule, hexRun, (left, rule, right) => {
      expect(scanLine(matcher, `id ${left}${rule.hresult.slice(2)}${right} end`)).toBeNull()
    }))
  })

  it('never reports a decimal glued inside a longer run of digits', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 })
    const errorRule = fc.constantFrom(...hresultRules.filter((r) => r.severity === 'error'))
    fc.assert(fc.property(digits, errorRule, fc.boolean(), (more, rule, signed) => {
      const dec = signed ? signedDecimal(rule.value) : unsignedDecimal(rule.value)
      expect(scanLine(matcher, `n=${dec}${more} m=9${dec.replace('-', '')}`)).toBeNull()
    }))
  })

  it('returns the same hits whatever the pattern scanned before (no state leaks between lines)', () => {
    fc.assert(fc.property(fc.array(fc.string(), { maxLength: 5 }), anyRule, (noise, rule) => {
      for (const n of noise) scanLine(matcher, n)
      expect(scanLine(matcher, `x ${rule.name} y`)![0]!.rule).toBe(rule)
    }))
  })
})

describe('the alternations the build writes into its bundles', () => {
  it('are those the pattern is made of', () => {
    const [, tries] = triesToBuild(matcher)
    for (const part of [tries.symbols, tries.knownHexDigits, tries.decimals]) expect(matcher.codePattern.source).toContain(part)
  })

  it('are keyed by what they are made from: a rules file with a new name, hex value or decimal gets its own', () => {
    const [builtIn] = triesToBuild(matcher)
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-rules-')), 'own.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'GATEWAY_E_HOUSE_RULE', hresult: '0x80090F01', category: 'general', meaning: 'Ours.' }] }))
    const [own] = triesToBuild(compileMatcher(loadRules({ rulesFiles: [file] })))
    expect(own).not.toBe(builtIn)
    expect(triesToBuild(compileMatcher(ruleSet, { messages: true }))[0]).toBe(builtIn)
  })
})

describe('the size of the combined pattern', () => {
  it('stays within what V8 optimises for the built-in table, message text included', () => {
    // Past 20,480 characters V8 compiles a pattern without its optimisations:
    // measured 30x slower on Node 20 and 22, 6x on 24 (compile.ts).
    expect(compileMatcher(ruleSet, { messages: true }).pattern.source.length).toBeLessThanOrEqual(V8_OPTIMIZED_SOURCE_MAX)
    expect(patternTooLarge(compileMatcher(ruleSet, { messages: true }))).toBe(false)
  })

  it('is told without being made: its length is the pattern\'s once made', () => {
    const fresh = compileMatcher(ruleSet, { messages: true })
    const told = patternLength(fresh)
    expect(told).toBe(fresh.pattern.source.length)
    expect(patternLength(matcher)).toBe(matcher.pattern.source.length)
  })

  it('is known to be too large when added rules push it past that', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-rules-')), 'many.json')
    // Names are matched by shape (one trie of first words), so it takes new
    // first words, or messages, to grow the pattern.
    const word = (i: number): string => [...i.toString(26)].map((d) => String.fromCharCode(97 + Number.parseInt(d, 26))).join('').padStart(3, 'q')
    const codes = Array.from({ length: 400 }, (_, i) => ({
      name: `GATEWAY${word(i).toUpperCase()}_HOUSE_RULE`,
      hresult: `0x8009${(0x900 + i).toString(16).toUpperCase().padStart(4, '0')}`,
      category: 'general',
      meaning: 'Ours.',
      message: `The gateway ${word(i)}rule refused the ${word(i + 400)}call`,
    }))
    writeFileSync(file, JSON.stringify({ codes }))
    expect(patternTooLarge(compileMatcher(loadRules({ rulesFiles: [file] }), { messages: true }))).toBe(true)
  })
})
