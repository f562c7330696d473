import { shownValue, type AnnotatedCode } from './codes.js'

/** What is wrong in a line that pairs a name with another code's number. */
export interface Conflict {
  readonly note: string
}

/** Between a name and the number written with it: spaces and the punctuation that joins them, no words. */
const JOINER = /^[\s()[\]{}:=,/|-]{0,4}$/

/**
 * A name written right beside the number of a different code, as in
 * `0x8009030D (SEC_E_INVALID_TOKEN)` (0x8009030D is
 * SEC_E_UNKNOWN_CREDENTIALS): wrong tables get copied into tickets and code.
 * Only a name and a number joined by spaces or punctuation count as a pair;
 * two codes mentioned apart in one line are no conflict.
 */
export function findConflict (line: string, codes: readonly AnnotatedCode[]): Conflict | null {
  return findConflictIn(() => line, codes)
}

/**
 * The same in a record: offsets are per field (each match says which), so
 * only a name and a number in the same field can be a pair.
 */
export function findConflictIn (textOf: (field: string | undefined) => string, codes: readonly AnnotatedCode[]): Conflict | null {
  if (codes.length < 2) return null
  const places = codes.flatMap((c) => c.matches.map((m) => ({ code: c, field: m.field, symbol: m.form === 'symbol', start: m.start, end: m.end, text: m.text })))
    .sort((a, b) => (a.field === b.field ? a.start - b.start : (a.field ?? '') < (b.field ?? '') ? -1 : 1))
  for (let i = 1; i < places.length; i++) {
    const a = places[i - 1]!
    const b = places[i]!
    if (a.field !== b.field || a.symbol === b.symbol || a.code === b.code) continue
    if (!JOINER.test(textOf(a.field).slice(a.end, b.start))) continue
    const [name, number] = a.symbol ? [a, b] : [b, a]
    const numberIs = number.code.name ?? `${shownValue(number.code)}, which the table does not know`
    return { note: `${name.text} is written beside ${number.text}, which is ${numberIs}; ${name.code.name} is ${shownValue(name.code)}` }
  }
  return null
}
