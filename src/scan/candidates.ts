/**
 * Which lines of a block of bytes may hold a code, found before any byte is
 * decoded: as ripgrep and Hyperscan do, the regular expression does not
 * look at every byte, a literal search does. The literals are the
 * matcher's own (match/literals.ts); a line with none of them cannot hold
 * anything the combined pattern finds, so the line scanner hands only the
 * others to the pattern and counts the rest.
 *
 * The contract, the same for both engines: a literal is found where its
 * bytes are, ASCII letters in either case, and a space in it matches a run
 * of whitespace bytes other than the line feed, or of bytes of multi-byte
 * characters (a superset of what the message pattern takes for whitespace).
 * Lines end at a line feed, which no literal holds. A line longer than
 * LONG_LINE is named whatever it holds: the engine looks at a block of that
 * size at a time, and a literal's run of whitespace has no length limit.
 * Some literals are messages' (the matcher's message text): a named line
 * is marked where it holds one of those, wherever in the line it is.
 */
export interface Prefilter {
  readonly engine: 'wasm' | 'js'
  /** The candidate lines of bytes[a, b), written into `into`. */
  scan (bytes: Buffer, a: number, b: number, into: Candidates): void
}

/** What a scan found. Reused from block to block by its owner. */
export interface Candidates {
  /** Line feeds in the block: its lines, when it ends with one. */
  lines: number
  /** How many candidate lines. */
  count: number
  /**
   * Per candidate line, in order, two numbers: the line feeds before it in
   * the block (its index), and the offset in `bytes` where it starts.
   */
  at: Int32Array
  /**
   * Per candidate line, 1 where it holds a message's literal (or is longer
   * than LONG_LINE, unlooked at), else 0: only such a line can hold message
   * text, and a line without a code is searched for it only then.
   */
  messages: Uint8Array
}

/** Lines longer than this (in bytes, LF not counted) are always candidates; rare in logs, cut at 1 MiB by default. */
export const LONG_LINE = 256 * 1024

export function createCandidates (): Candidates {
  return { lines: 0, count: 0, at: new Int32Array(1024), messages: new Uint8Array(512) }
}

/** Add one candidate line to `into`, growing it as needed. */
export function addCandidate (into: Candidates, index: number, start: number, message: boolean): void {
  const k = into.count * 2
  if (k + 2 > into.at.length) {
    const grown = new Int32Array(into.at.length * 2)
    grown.set(into.at)
    into.at = grown
    const marks = new Uint8Array(into.messages.length * 2)
    marks.set(into.messages)
    into.messages = marks
  }
  into.at[k] = index
  into.at[k + 1] = start
  into.messages[into.count] = message ? 1 : 0
  into.count++
}

