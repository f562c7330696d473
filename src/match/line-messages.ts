import { isBlankAt, type MessageHit, type MessageMatcher } from './messages.js'

/** A character as a character class holds it: letters and digits as they are, the rest by code. */
const inClass = (c: number): string => (isAsciiWord(c) ? String.fromCharCode(c) : `\\u${c.toString(16).padStart(4, '0')}`)

/**
 * Message text in one line, found without the messages' patterns: at each
 * place a message may start, the sorted messages are narrowed character by
 * character, as a trie would be walked. The same hits as the message
 * patterns (messages.ts, patternFor) give: a message starts where no ASCII
 * letter or digit is before it, a space in it stands for a run of
 * whitespace, ASCII letters in either case; it ends with an optional period
 * or before anything but a letter or digit; where messages share a start
 * the longest that ends so wins, and the search goes on after it.
 *
 * Why not the patterns: the line scanner sends here only the lines the
 * prefilter marks as holding a message's literal (scan/candidates.ts), a few
 * hundred per million on the shared corpus, and compiling the anchors'
 * pattern and the messages' patterns for them, twice each as V8 does
 * (bytecode, then machine code), was most of what they cost: ~30 ms per
 * run on the shared corpus against ~3 ms once compiled (in-process).
 *
 * Messages with a character beyond ASCII are left to the patterns, whose
 * `i` flag folds such letters as it always has: undefined then.
 */
export function messagesInLine (m: MessageMatcher, line: string): MessageHit[] | null | undefined {
  const sorted = sortedMessages(m)
  if (sorted === null) return undefined
  let hits: MessageHit[] | null = null
  const found = { message: '' }
  const { messages, pairs, starts } = sorted
  starts.lastIndex = 0
  while (starts.test(line)) {
    const i = starts.lastIndex - 1
    // The range of messages its first two characters start (a run of whitespace is one).
    let at = i + 1
    let second = at < line.length ? line.charCodeAt(at) : 0
    if (isBlankAt(line, at)) {
      second = SPACE
      do at++; while (at < line.length && isBlankAt(line, at))
    } else {
      at++
    }
    const pair = 2 * (fold(line.charCodeAt(i)) * 128 + (second < 128 ? fold(second) : 0))
    if (pairs[pair] === pairs[pair + 1]) continue
    const end = longestAt(messages, pairs[pair]!, pairs[pair + 1]!, line, at, found)
    if (end === -1) continue
    ;(hits ??= []).push({ rule: m.byMessage.get(found.message)!, text: line.slice(i, end), start: i, end })
    starts.lastIndex = end
  }
  return hits
}

/**
 * The messages in code-unit order; per pair of ASCII characters, the range
 * of them it starts, as [from, to); and the places a message may start: a
 * character that starts one, after none of [A-Za-z0-9]. The places are
 * found by a pattern so small it compiles in microseconds, and the pairs
 * turn most of them away at a look. Walked in JavaScript, place by place
 * and character by character, the first 656 such lines of a run (the
 * shared corpus) took ~15 ms, interpreted before V8 compiled the loops.
 */
interface Sorted {
  readonly messages: readonly string[]
  readonly pairs: Int32Array
  readonly starts: RegExp
}

const sortedByMatcher = new WeakMap<MessageMatcher, Sorted | null>()

/** The messages sorted, built on first use; null where one holds a character beyond ASCII, or is one character long. */
function sortedMessages (m: MessageMatcher): Sorted | null {
  let sorted = sortedByMatcher.get(m)
  if (sorted === undefined) {
    const messages = [...m.byMessage.keys()]
    sorted = null
    if (!messages.some((t) => t.length < 2 || /[^\x00-\x7f]/.test(t))) {
      // The tables come sorted (messages.ts); a matcher made otherwise may not.
      if (!messages.every((t, i) => i === 0 || messages[i - 1]! < t)) messages.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      const pairs = new Int32Array(2 * 128 * 128)
      const first = new Set<number>()
      for (let k = 0; k < messages.length; k++) {
        const pair = 2 * (messages[k]!.charCodeAt(0) * 128 + messages[k]!.charCodeAt(1))
        // Sorted: the messages of a pair are together.
        if (pairs[pair] === pairs[pair + 1]) pairs[pair] = k
        pairs[pair + 1] = k + 1
        first.add(messages[k]!.charCodeAt(0))
      }
      let chars = ''
      for (const c of first) chars += inClass(c) + (c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : '')
      sorted = { messages, pairs, starts: new RegExp(`(?<![A-Za-z0-9])[${chars}]`, 'g') }
    }
    sortedByMatcher.set(m, sorted)
  }
  return sorted
}

/**
 * Where the longest message that starts before line[at] ends (past its
 * period, if one follows it), or -1; the message in `found`. The messages
 * [lo, hi) of `sorted` are those that start with what was read so far, two
 * characters; the one as long as what was read is their first.
 */
function longestAt (sorted: readonly string[], lo: number, hi: number, line: string, at: number, found: { message: string }): number {
  let end = -1
  for (let depth = 2; lo < hi; depth++) {
    if (sorted[lo]!.length === depth) {
      const next = at < line.length ? line.charCodeAt(at) : -1
      if (next === PERIOD || !isAsciiWord(next)) {
        end = next === PERIOD ? at + 1 : at
        found.message = sorted[lo]!
      }
      lo++
      if (lo === hi) break
    }
    if (at >= line.length) break
    let c = line.charCodeAt(at)
    if (isBlankAt(line, at)) {
      c = SPACE
      do at++; while (at < line.length && isBlankAt(line, at))
    } else {
      c = fold(c)
      at++
    }
    lo = firstFrom(sorted, lo, hi, depth, c)
    hi = firstFrom(sorted, lo, hi, depth, c + 1)
  }
  return end
}

/** The first index in [lo, hi) whose message has a character at `depth` of at least `c` (all there are that long). */
function firstFrom (sorted: readonly string[], lo: number, hi: number, depth: number, c: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]!.charCodeAt(depth) < c) lo = mid + 1
    else hi = mid
  }
  return lo
}

const PERIOD = 46

/** An ASCII letter in lower case, as messages are; any other character as it is. */
const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c)
const SPACE = 32

/** [A-Za-z0-9] (-1, past the line's end, is not). */
const isAsciiWord = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)
