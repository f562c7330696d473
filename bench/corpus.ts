import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './paths.js'
import { Random } from './random.js'
import { BACKGROUND, iso, plain } from './background.js'

/**
 * The benchmark corpus: background lines with, at a given rate, lines that
 * carry SSPI codes in the notations real tools print, and look-alike lines
 * that must stay silent. The truth is known by construction, so the
 * benchmark can check that speed never comes from skipping work.
 */

interface Code { readonly name: string, readonly value: number, readonly error: boolean, readonly weight: number }
type Kind = 'symbol' | 'hex' | 'hex64' | 'barehex' | 'signed' | 'unsigned'
type Part = string | { kind: Kind, text: string }

/** The codes people meet most, weighted up; every other code still shows up now and then. */
const POPULAR: Record<string, number> = {
  SEC_E_UNTRUSTED_ROOT: 40, SEC_E_WRONG_PRINCIPAL: 35, SEC_E_LOGON_DENIED: 30, SEC_E_INVALID_TOKEN: 25,
  SEC_I_CONTINUE_NEEDED: 20, SEC_E_NO_CREDENTIALS: 15, SEC_E_TIME_SKEW: 12, SEC_E_ILLEGAL_MESSAGE: 12,
  SEC_E_CERT_EXPIRED: 12, SEC_E_ALGORITHM_MISMATCH: 10, SEC_E_TARGET_UNKNOWN: 10, SEC_E_NO_AUTHENTICATING_AUTHORITY: 10,
  SEC_E_INTERNAL_ERROR: 8, SEC_E_UNSUPPORTED_FUNCTION: 8, SEC_E_KDC_UNKNOWN_ETYPE: 6, SEC_E_DELEGATION_POLICY: 5,
}

/** Facts only (name, value): the canonical SSPI codes from the project's own rules file. */
function loadCodes (): Code[] {
  const doc = JSON.parse(readFileSync(join(ROOT, 'rules', 'sspi.json'), 'utf8')) as { codes: Array<{ name: string, hresult: string, aliasOf?: string }> }
  return doc.codes.filter((c) => c.aliasOf === undefined).map((c) => {
    const value = Number.parseInt(c.hresult.slice(2), 16) >>> 0
    return { name: c.name, value, error: value >= 0x80000000, weight: POPULAR[c.name] ?? 1 }
  })
}

const hex8 = (v: number): string => v.toString(16).padStart(8, '0')
const H = (r: Random, c: Code): Part => ({ kind: 'hex', text: '0x' + (r.chance(0.7) ? hex8(c.value).toUpperCase() : hex8(c.value)) })
const S = (c: Code): Part => ({ kind: 'symbol', text: c.name })
const BARE = (r: Random, c: Code): Part => ({ kind: 'barehex', text: r.chance(0.7) ? hex8(c.value).toUpperCase() : hex8(c.value) })
const SIGNED = (c: Code): Part => ({ kind: 'signed', text: String(c.value | 0) })
const UNSIGNED = (c: Code): Part => ({ kind: 'unsigned', text: String(c.value >>> 0) })
const HEX64 = (r: Random, c: Code): Part => ({ kind: 'hex64', text: r.chance(0.6) ? `0xFFFFFFFF${hex8(c.value).toUpperCase()}` : `0xffffffff${hex8(c.value)}` })

const URLS = ['https://git.corp.example/platform/api.git', 'https://nuget.corp.example/v3/index.json', 'https://sts.corp.example/adfs/ls']
const SPNS = ['MSSQLSvc/sql-01.corp.example:1433', 'HTTP/web-02.corp.example', 'WSMAN/app-04', 'cifs/fs-01.corp.example']

/** Templates by form: (random, code, time) -> parts. `errorOnly` forms print decimals, which only error codes get. */
const FORMS: Record<string, { weight: number, errorOnly?: boolean, make: Array<(r: Random, c: Code, t: Date) => Part[]> }> = {
  symbol_hex: { weight: 22, make: [
    (r, c) => [`fatal: unable to access '${r.pick(URLS)}/': schannel: next InitializeSecurityContext failed: `, S(c), ' (', H(r, c), ') - see the event log'],
    (r, c, t) => [`${iso(t)} curl: (35) schannel: failed to receive handshake, SSL/TLS connection failed: `, S(c), ' (', H(r, c), ')'],
  ] },
  win32exception: { weight: 14, make: [
    (r, c, t) => [`${iso(t)} fail: Microsoft.AspNetCore.Server.Kestrel[0] System.ComponentModel.Win32Exception (`, H(r, c), '): authentication failed'],
    (r, c) => ['   ---> System.ComponentModel.Win32Exception (', H(r, c), '): The handshake failed; see the inner exception'],
  ] },
  hr_eq: { weight: 12, make: [
    (r, c, t) => [`[${iso(t)}] AuthN AcceptSecurityContext failed hr=`, H(r, c), ' user=CORP\\jdoe'],
    (r, c, t) => [`${plain(t)}, Info                  CSI    SspiHandshake(): hr = `, H(r, c), ` (attempt ${1 + r.int(3)})`],
  ] },
  signed_decimal: { weight: 10, errorOnly: true, make: [
    (r, c, t) => [`${iso(t)} ERROR Microsoft.Data.SqlClient.SqlException: login failed during SSPI. HResult=`, SIGNED(c)],
    (r, c, t) => [`{"level":"error","time":"${iso(t)}","msg":"negotiate failed","nativeErrorCode":`, SIGNED(c), `,"spn":"${r.pick(SPNS)}"}`],
  ] },
  hresult_label: { weight: 10, make: [
    (r, c, t) => [`${plain(t)}, Error                 CBS    Failed to authenticate to update source [HRESULT = `, { kind: 'hex', text: '0x' + hex8(c.value) }, ' - ', S(c), ']'],
    (r, c, t) => [`${iso(t)} ERR ldap bind to dc-0${1 + r.int(4)} failed, HRESULT `, H(r, c)],
  ] },
  bare_symbol: { weight: 10, make: [
    (r, c, t) => [`${iso(t)} DEBUG sspi.c:${100 + r.int(400)} InitializeSecurityContextW -> `, S(c)],
    (r, c, t) => [`${iso(t)} negotiate: status=`, S(c), `, retrying with ${r.pick(['NTLM', 'Kerberos'])}`],
  ] },
  bare_hex: { weight: 5, make: [
    (r, c, t) => [`${plain(t)} Schannel: a fatal error occurred while creating a TLS client credential. Error code `, BARE(r, c)],
    (r, c, t) => [`${iso(t)} ldap: `, BARE(r, c), ': LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, v4563'],
  ] },
  hex_and_decimal: { weight: 4, errorOnly: true, make: [
    (r, c) => ['CertUtil: -verify command FAILED: ', { kind: 'hex', text: '0x' + hex8(c.value) }, ' (', SIGNED(c), ' ', S(c), ')'],
  ] },
  unsigned_decimal: { weight: 4, errorOnly: true, make: [
    (r, c, t) => [`${iso(t)} auth-proxy upstream=app-04 sspi_status=`, UNSIGNED(c), ` elapsed_ms=${r.int(900)}`],
  ] },
  sign_extended_hex: { weight: 4, errorOnly: true, make: [
    (r, c, t) => [`${iso(t)} ERROR native call InitializeSecurityContextW returned `, HEX64(r, c)],
  ] },
}

/** Look-alikes: none of these may be reported. */
const DECOYS: Array<(r: Random, c: Code, t: Date) => string> = [
  // Other facilities' values no table defines (0x80070057 is ERROR_INVALID_PARAMETER, 0xC0000409 a stack overrun), and a message of none.
  (r, c, t) => `${iso(t)} fail: System.ComponentModel.Win32Exception (0x${r.pick(['800F081F', '80070057', '80004005', '80072EE7', 'C0000409'])}): The operation was canceled by the user.`,
  (r, c, t) => `${iso(t)} ERROR HResult=${r.pick([-2147012894, -2147024809, -2147467259])} ErrorCode=${r.pick([2147954402, 2147942487])}`,
  (r, c, t) => `${iso(t)} INFO ActivityId: ${hex8(c.value)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)} completed`,
  (r, c, t) => `${iso(t)} INFO client certificate Thumbprint=${r.hex(10, true)}${hex8(c.value).toUpperCase()}${r.hex(22, true)}`,
  (r, c, t) => `${iso(t)} DEBUG handle 0x${hex8(c.value)}${r.hex(1 + r.int(6))} released, offset 0x${r.hex(1 + r.int(4))}${hex8(c.value)}`,
  (r, c, t) => `${iso(t)} INFO block blk_${c.value | 0}${r.digits(9)} bytes=${c.value >>> 0}${r.digits(3)} flags 0x00000000`,
]

/** Values in the security facility that no table defines: reported with name null. */
const UNKNOWN_VALUES = [0x800903a1, 0x800903b7, 0x800903e2]

export interface CodeTruth { hresult: string, lines: number, mentions: number }
export interface CorpusTruth {
  lines: number
  bytes: number
  injectedLines: number
  decoyLines: number
  linesWithCodes: number
  mentions: number
  byCode: Record<string, CodeTruth>
  unknown: Record<string, CodeTruth>
}

export interface CorpusOptions {
  lines: number
  seed: number
  /** Share of lines that carry a code. */
  rate?: number
  /** Share of look-alike lines. */
  decoyRate?: number
  /** Share of lines with an unknown facility-9 value. */
  unknownRate?: number
  format?: 'text' | 'ndjson'
  eol?: 'lf' | 'crlf'
}

/**
 * Generate the corpus, handing it out in blocks of text; returns the truth.
 * The same options always give the same bytes.
 */
export function generateCorpus (options: CorpusOptions, write: (block: string) => void): CorpusTruth {
  const { lines, seed, rate = 0.01, decoyRate = 0.005, unknownRate = 0.0005, format = 'text', eol = 'lf' } = options
  const r = new Random(seed)
  const codes = loadCodes()
  const pickCode = r.weighted(codes.map((c) => [c, c.weight] as const))
  const pickError = r.weighted(codes.filter((c) => c.error).map((c) => [c, c.weight] as const))
  const pickForm = r.weighted(Object.entries(FORMS).map(([k, f]) => [k, f.weight] as const))
  const pickBackground = r.weighted(BACKGROUND)
  const newline = eol === 'crlf' ? '\r\n' : '\n'
  const truth: CorpusTruth = { lines: 0, bytes: 0, injectedLines: 0, decoyLines: 0, linesWithCodes: 0, mentions: 0, byCode: {}, unknown: {} }
  const count = (table: Record<string, CodeTruth>, key: string, hresult: string, mentions: number): void => {
    const t = table[key] ??= { hresult, lines: 0, mentions: 0 }
    t.lines++
    t.mentions += mentions
    truth.linesWithCodes++
    truth.mentions += mentions
  }
  let block = ''
  const start = Date.UTC(2025, 2, 11, 8, 0, 0)
  for (let i = 0; i < lines; i++) {
    const t = new Date(start + i * 41)
    const x = r.next()
    let text: string
    if (x < rate) {
      const form = FORMS[pickForm()]!
      const code = form.errorOnly === true ? pickError() : pickCode()
      // Value 0 (SEC_E_OK) is only ever a symbol: numbers are not printed for it.
      const parts = code.value === 0 ? [`${iso(t)} InitializeSecurityContext -> `, S(code)] : r.pick(form.make)(r, code, t)
      text = parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')
      const mentions = parts.filter((p) => typeof p !== 'string').length
      truth.injectedLines++
      count(truth.byCode, code.name, '0x' + hex8(code.value).toUpperCase(), mentions)
    } else if (x < rate + unknownRate) {
      const v = r.pick(UNKNOWN_VALUES)
      const h = '0x' + hex8(v).toUpperCase()
      text = `${iso(t)} AcquireCredentialsHandle failed: ${h}`
      count(truth.unknown, h, h, 1)
    } else if (x < rate + unknownRate + decoyRate) {
      text = r.pick(DECOYS)(r, pickCode(), t)
      truth.decoyLines++
    } else {
      text = pickBackground()(r, t)
    }
    block += (format === 'ndjson' ? JSON.stringify({ '@timestamp': iso(t), host: `host-${i % 7}`, message: text }) : text) + newline
    truth.lines++
    if (block.length >= 1 << 20) {
      truth.bytes += Buffer.byteLength(block)
      write(block)
      block = ''
    }
  }
  if (block.length > 0) {
    truth.bytes += Buffer.byteLength(block)
    write(block)
  }
  return truth
}
