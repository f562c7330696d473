import type { AnnotatedCode } from './codes.js'

/**
 * Event 4625 writes a failed logon as a pair: a Status that only says the
 * logon failed, and a Sub Status that says why (0xC000006D with 0xC000006A,
 * a wrong password). Admins read the Sub Status; so do the counts and the
 * code a line is filed under. Both codes stay in the event's codes[].
 *
 * The generic ones, most generic first: STATUS_LOGON_FAILURE (0xC000006D)
 * gives way to any other NTSTATUS of the line, STATUS_ACCOUNT_RESTRICTION
 * (0xC000006E, "some account restriction") to any but the first.
 */
const GENERIC = ['STATUS_LOGON_FAILURE', 'STATUS_ACCOUNT_RESTRICTION']

/** Whether `code` is a generic Status beside a more telling NTSTATUS in `codes`. */
function outranked (code: AnnotatedCode, codes: readonly AnnotatedCode[]): boolean {
  const rank = GENERIC.indexOf(code.name ?? '')
  if (rank === -1) return false
  return codes.some((c) => c.family === 'ntstatus' && c.name !== null && c.name !== code.name && (GENERIC.indexOf(c.name) === -1 || GENERIC.indexOf(c.name) > rank))
}

/**
 * The codes a line is counted and filed under: all of them, but a generic
 * Status that a Sub Status explains. The same array when nothing is left
 * out, which is every line without an NTSTATUS.
 */
export function informativeCodes (codes: readonly AnnotatedCode[]): readonly AnnotatedCode[] {
  if (codes.length < 2 || !codes.some((c) => c.family === 'ntstatus')) return codes
  const kept = codes.filter((c) => !outranked(c, codes))
  return kept.length === codes.length ? codes : kept
}
