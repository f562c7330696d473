import { addCandidate, LONG_LINE, type Prefilter } from './candidates.js'

const LF = 10
const SPACE = 32

/** Bytes to lower case, ASCII letters only. */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c | 32 : c))

/** What a space in a literal matches (candidates.ts): whitespace but LF, and bytes of multi-byte characters. */
const isBlank = (c: number): boolean => c === SPACE || (c >= 9 && c <= 13 && c !== LF) || c >= 0x80

/**
 * The prefilter's contract (candidates.ts) in plain JavaScript, a byte at a
 * time: where the pair of bytes starting at a place (folded) starts some
 * literal, the literals that start so are compared there; a line that holds
 * one is named, and the rest of it skipped once it is known to hold a
 * message's literal (or no literal is a message's). Serves where WebAssembly is
 * missing, and is the oracle the WebAssembly engine is tested against.
 * Measured in-process on the bench corpus, min of 3: ~1.3 s per million
 * lines, the WebAssembly engine ~0.13 s; one case-insensitive regular
 * expression of the literals, the first version of this file, took ~4 s.
 */
export function jsPrefilter (literals: readonly string[], messages: ReadonlySet<string> = new Set()): Prefilter {
  // The literals by the folded pair of bytes they start with (first | second << 8).
  const byPair: Array<Literal[] | undefined> = new Array<Literal[] | undefined>(65536).fill(undefined)
  const someMessage = literals.some((l) => messages.has(l))
  for (const literal of literals) {
    const bytes = Uint8Array.from(Buffer.from(literal, 'latin1'))
    // After a one-byte literal any byte may come (0 past the end of the
    // block), after a first byte and a space any blank.
    const seconds = bytes.length === 1 ? ALL_BYTES : bytes[1] === SPACE ? ALL_BYTES.filter(isBlank) : [bytes[1]!]
    for (const second of seconds) {
      const pair = bytes[0]! | (second << 8)
      byPair[pair] = [...(byPair[pair] ?? []), { bytes, message: messages.has(literal) }]
    }
  }
  return {
    engine: 'js',
    scan (bytes, a, b, into) {
      into.count = 0
      let index = 0
      let lineStart = a
      for (let i = a; i < b; i++) {
        const c = bytes[i]!
        if (c === LF) {
          if (i - lineStart > LONG_LINE) addCandidate(into, index, lineStart, true)
          index++
          lineStart = i + 1
          continue
        }
        const starting = byPair[FOLD[c]! | ((i + 1 < b ? FOLD[bytes[i + 1]!]! : 0) << 8)]
        if (starting === undefined) continue
        const found = kindsAt(bytes, i, b, starting, CODE | MESSAGE)
        if (found === 0) continue
        const end = bytes.indexOf(LF, i)
        const lineEnd = end === -1 || end >= b ? b : end
        // A line a code's literal named is still looked through for a
        // message's; one longer than LONG_LINE is marked as the engine,
        // which does not look at it, marks it.
        const message = lineEnd - lineStart > LONG_LINE || (found & MESSAGE) !== 0 || (someMessage && messageIn(bytes, i + 1, lineEnd, b, byPair))
        addCandidate(into, index, lineStart, message)
        if (lineEnd === b) {
          lineStart = b
          break
        }
        index++
        lineStart = end + 1
        i = end
      }
      if (b - lineStart > LONG_LINE) addCandidate(into, index, lineStart, true)
      into.lines = index
    },
  }
}

const ALL_BYTES = Array.from({ length: 256 }, (_, c) => c)

interface Literal {
  readonly bytes: Uint8Array
  readonly message: boolean
}

const CODE = 1
const MESSAGE = 2

/** The kinds (of those in `want`) of the literals found at bytes[i…), within bytes[…b): CODE, MESSAGE, both or 0. */
function kindsAt (bytes: Buffer, i: number, b: number, literals: readonly Literal[], want: number): number {
  let found = 0
  for (const { bytes: literal, message } of literals) {
    const kind = message ? MESSAGE : CODE
    if ((want & kind) !== 0 && (found & kind) === 0 && literalAt(bytes, i, b, literal)) found |= kind
    if ((found & MESSAGE) !== 0) break
  }
  return found
}

/** Whether a message's literal starts somewhere in bytes[from, end), the rest of a line within bytes[…b). */
function messageIn (bytes: Buffer, from: number, end: number, b: number, byPair: ReadonlyArray<Literal[] | undefined>): boolean {
  for (let i = from; i < end; i++) {
    const starting = byPair[FOLD[bytes[i]!]! | ((i + 1 < b ? FOLD[bytes[i + 1]!]! : 0) << 8)]
    if (starting !== undefined && kindsAt(bytes, i, b, starting, MESSAGE) !== 0) return true
  }
  return false
}

/** Whether `literal` is found at bytes[i…), within bytes[…b). */
function literalAt (bytes: Buffer, i: number, b: number, literal: Uint8Array): boolean {
  let at = i
  for (let k = 0; k < literal.length; k++) {
    if (at >= b) return false
    if (literal[k] === SPACE) {
      if (!isBlank(bytes[at]!)) return false
      while (at < b && isBlank(bytes[at]!)) at++
    } else {
      if (FOLD[bytes[at]!] !== literal[k]) return false
      at++
    }
  }
  return true
}
