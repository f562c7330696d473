import type { Severity } from '../rules/types.js'

/** `0x` + 8 upper-case hex digits, the one spelling used in all output. */
export function hresultHex (value: number): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase().padStart(8, '0')
}

/** The unsigned value of an HRESULT printed as a signed 32-bit integer (`-2146893019`). */
export function hresultFromSigned (n: number): number {
  return n >>> 0
}

/** The int32 spelling: what .NET's HResult and most JSON loggers print. */
export function signedDecimal (value: number): string {
  return String(value | 0)
}

/** The uint32 spelling: what a SECURITY_STATUS printed with %u looks like. */
export function unsignedDecimal (value: number): string {
  return String(value >>> 0)
}

export interface HresultParts {
  readonly severity: Severity
  readonly facility: number
  readonly code: number
}

/** Split an HRESULT into its fields ([MS-ERREF] 2.1: S bit 31, facility bits 16-28, code bits 0-15). */
export function decodeHresult (value: number): HresultParts {
  return {
    severity: (value >>> 31) === 1 ? 'error' : 'success',
    facility: (value >>> 16) & 0x1fff,
    code: value & 0xffff,
  }
}

/** FACILITY_SECURITY (also called FACILITY_SSPI): SEC_E_*, SEC_I_*, NTE_*, CRYPT_E_*. */
export const FACILITY_SECURITY = 9

const HEX_PREFIXED = /^0x(?:ffffffff)?([0-9a-f]{1,8})l?$/i
const BARE_HEX = /^[0-9a-f]{8}$/i
const DECIMAL = /^[+-]?\d{1,10}$/

/**
 * Read an HRESULT written in any of the notations logs use: `0x80090325`,
 * `0x80090325L`, `0xFFFFFFFF80090325`, `80090325` (8 digits read as hex, as
 * Windows tools print them), `-2146893019` or `2148074277`. Returns the
 * uint32 value, or null when the text is none of these or out of range.
 */
export function parseHresult (text: string): number | null {
  const s = text.trim()
  const hex = HEX_PREFIXED.exec(s)
  if (hex !== null) return Number.parseInt(hex[1]!, 16) >>> 0
  if (BARE_HEX.test(s)) return Number.parseInt(s, 16) >>> 0
  if (DECIMAL.test(s)) {
    const n = Number(s)
    if (n >= -0x80000000 && n <= 0xffffffff) return n >>> 0
  }
  return null
}
