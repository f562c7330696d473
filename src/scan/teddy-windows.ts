/**
 * Where the WebAssembly prefilter looks for each literal: which four bytes
 * of it (its window) Teddy's nibble tables and the hash table key on, and
 * which of the sixteen buckets it is in. prefilter-wasm.ts writes the
 * tables from this choice; the engine then compares the bytes before the
 * window backwards and the bytes after it forwards.
 *
 * A literal's window is its start, or four bytes inside one of its words.
 * A message's word pair begins with an everyday word ("client", "session",
 * "received"), and Teddy's tables pass any mix of the nibbles of a bucket's
 * windows, so starts alone filled the buckets with common letters. Chosen
 * with the bucket, the window falls where it adds the fewest places:
 * simulated on the first 20 MB of the two bench corpora, 3.9% and 4.5% of
 * places passed with starts only, 2.0% and 2.0% with windows.
 */
import { builtWindows } from './built-windows.js'

/** Teddy's buckets: two sets of eight. */
export const BUCKETS = 16
/** Bytes of a window: the places the nibble tables look at. */
export const PLACES = 4

const SPACE = 32

/** One literal, where it is looked for. */
export interface KeyedLiteral {
  /** The literal's bytes, lower case; a space stands for a run of whitespace. */
  readonly bytes: Buffer
  /** Where its window starts in `bytes`. */
  readonly at: number
  /** bytes[at, at + length): four bytes, or at 0 fewer when the literal's first word is shorter. */
  readonly window: Buffer
  readonly bucket: number
}

/** A literal's bytes as the engine holds them. */
export const literalBytes = (literal: string): Buffer => Buffer.from(literal.slice(0, 255), 'latin1')

/** What the build writes into its bundles for these literals (built-windows.ts): their key, and per literal its window's start and bucket. */
export function windowsToBuild (literals: readonly string[]): [string, Array<[number, number]>] {
  const bytes = literals.map(literalBytes)
  return [bytes.map((b) => b.toString('latin1')).join('\n'), chooseWindows(bytes).map((k) => [k.at, k.bucket])]
}

/**
 * Each literal's window and bucket: as the build chose them, for the
 * built-in rules' literals (built-windows.ts), else chosen now.
 */
export function keyLiterals (literals: readonly Buffer[], built = builtWindows(literals.map((l) => l.toString('latin1')))): KeyedLiteral[] {
  return keyedAsBuilt(literals, built) ?? chooseWindows(literals)
}

/** The build's choice, where each window is one its literal may be keyed on. */
function keyedAsBuilt (literals: readonly Buffer[], built: ReadonlyArray<readonly [number, number]> | null): KeyedLiteral[] | null {
  if (built === null || built.length !== literals.length) return null
  const keyed: KeyedLiteral[] = []
  for (let i = 0; i < literals.length; i++) {
    const bytes = literals[i]!
    const [at, bucket] = built[i]!
    if (!(bucket >= 0 && bucket < BUCKETS) || !windowStarts(bytes).includes(at)) return null
    keyed.push({ bytes, at, window: bytes.subarray(at, at + (at === 0 ? startLength(bytes) : PLACES)), bucket })
  }
  return keyed
}

/** A choice made again for some literals: the others keep theirs, and some windows are not to be chosen. */
export interface Rechoice {
  /** Per literal, its window and bucket as they stay, or null to choose again. */
  readonly keep: ReadonlyArray<KeyedLiteral | null>
  /** Whether literal i may be keyed on its window at `at` (when none may, any may). */
  readonly allowed: (i: number, at: number) => boolean
}

/**
 * Each literal's window and bucket, greedily: the literals whose best window
 * lets most places through first, each where some window of it adds least.
 * A window already in a bucket adds nothing there, so the 44 `error
 * <number>` literals keep sharing one. At equal cost the earlier window
 * wins, the start first: the engine then has nothing to compare backwards.
 * Cold, for the built-in literals' 1,707 windows, it takes ~17 ms (~4 ms
 * warm): hence the build's choice.
 */
export function chooseWindows (literals: readonly Buffer[], given: Rechoice | null = null): KeyedLiteral[] {
  // The windows to choose from, and each place's nibble masks (ANY past its
  // end): every window of every literal, but those `given` forbids; a
  // literal `given` keeps has its own window only.
  const owner: number[] = []
  const offset: number[] = []
  const lengths: number[] = []
  const first: number[] = []
  for (let i = 0; i < literals.length; i++) {
    first.push(owner.length)
    const kept = given?.keep[i]
    const all = kept != null ? [kept.at] : windowStarts(literals[i]!)
    const allowed = given === null || kept != null ? all : all.filter((at) => given.allowed(i, at))
    for (const at of allowed.length > 0 ? allowed : all) {
      owner.push(i)
      offset.push(at)
      lengths.push(at === 0 ? startLength(literals[i]!) : PLACES)
    }
  }
  first.push(owner.length)
  const windows = owner.length
  const wLow = new Int32Array(windows * PLACES)
  const wHigh = new Int32Array(windows * PLACES)
  for (let w = 0; w < windows; w++) {
    const bytes = literals[owner[w]!]!
    for (let place = 0; place < PLACES; place++) {
      if (place >= lengths[w]!) {
        wLow[w * PLACES + place] = ANY
        continue
      }
      const c = bytes[offset[w]! + place]!
      wLow[w * PLACES + place] = 1 << (c & 15)
      wHigh[w * PLACES + place] = highOf(c)
    }
  }
  const bLow = new Int32Array(BUCKETS * PLACES)
  const bHigh = new Int32Array(BUCKETS * PLACES)
  const bShare = new Float64Array(BUCKETS * PLACES)
  const bPasses = new Float64Array(BUCKETS)
  /** Window w into bucket b. */
  const put = (b: number, w: number): void => {
    let passes = 1
    for (let place = 0; place < PLACES; place++) {
      const k = b * PLACES + place
      const wl = wLow[w * PLACES + place]!
      if (wl === ANY || bLow[k] === ANY) {
        bLow[k] = ANY
        bShare[k] = 1
        continue
      }
      bLow[k] = bLow[k]! | wl
      bHigh[k] = bHigh[k]! | wHigh[w * PLACES + place]!
      bShare[k] = shareOf(bLow[k]!, bHigh[k]!)
      passes *= bShare[k]!
    }
    bPasses[b] = passes
  }
  const keyed = new Array<KeyedLiteral>(literals.length)
  // The kept windows fill their buckets first.
  for (let i = 0; i < literals.length; i++) {
    const kept = given?.keep[i]
    if (kept == null) continue
    keyed[i] = kept
    put(kept.bucket, first[i]!)
  }
  /** The share of places an empty bucket lets through with window w. */
  const alone = (w: number): number => {
    let passes = 1
    for (let place = 0; place < PLACES; place++) {
      const wl = wLow[w * PLACES + place]!
      if (wl !== ANY) passes *= shareOf(wl, wHigh[w * PLACES + place]!)
    }
    return passes
  }
  const hardest = new Float64Array(literals.length)
  const toChoose: number[] = []
  for (let i = 0; i < literals.length; i++) {
    if (given?.keep[i] != null) continue
    let least = Infinity
    for (let w = first[i]!; w < first[i + 1]!; w++) least = Math.min(least, alone(w))
    hardest[i] = least
    toChoose.push(i)
  }
  for (const i of toChoose.sort((a, b) => hardest[b]! - hardest[a]! || a - b)) {
    let best = first[i]!
    let bucket = 0
    let bestCost = Infinity
    for (let w = first[i]!; w < first[i + 1]!; w++) {
      for (let b = 0; b < BUCKETS; b++) {
        let passes = 1
        for (let place = 0, k = b * PLACES, x = w * PLACES; place < PLACES; place++, k++, x++) {
          const wl = wLow[x]!
          if (wl === ANY || bLow[k] === ANY) continue
          const l = bLow[k]! | wl
          const h = bHigh[k]! | wHigh[x]!
          passes *= l === bLow[k] && h === bHigh[k] ? bShare[k]! : shareOf(l, h)
        }
        const cost = passes - bPasses[b]!
        if (cost < bestCost) {
          bestCost = cost
          best = w
          bucket = b
        }
      }
    }
    put(bucket, best)
    const bytes = literals[i]!
    keyed[i] = { bytes, at: offset[best]!, window: bytes.subarray(offset[best]!, offset[best]! + lengths[best]!), bucket }
  }
  return keyed
}

/**
 * Where the windows a literal may be keyed on start: at 0 its start, then
 * every four bytes inside a word, of printable ASCII (a space stands for a
 * run of whitespace, and a byte of a multi-byte character may be taken for
 * one). Keeping only each literal's rarest inner windows by the weights
 * below chose worse ones: the prefilter took 9% and 14% longer on the two
 * bench corpora (in-process, best of 15).
 */
export function windowStarts (bytes: Buffer): number[] {
  const out = [0]
  let word = 0
  for (let at = 0; at < bytes.length; at++) {
    word = bytes[at]! > SPACE && bytes[at]! < 127 ? word + 1 : 0
    if (word >= PLACES && at + 1 - PLACES > 0) out.push(at + 1 - PLACES)
  }
  return out
}

/** A literal's start: its first four bytes, fewer when its first word is shorter. */
function startLength (bytes: Buffer): number {
  const space = bytes.indexOf(SPACE)
  return Math.min(PLACES, space === -1 ? bytes.length : space)
}

/** The high nibbles a byte is found with: both cases of a letter. */
const highOf = (c: number): number => (1 << (c >> 4)) | (isLower(c) ? 1 << ((c & ~32) >> 4) : 0)

export const isLower = (c: number): boolean => c >= 97 && c <= 122

/**
 * Bytes of log text from common to rare: English letters by frequency,
 * then digits and punctuation. Only the order matters, as a guess at how
 * often a bucket's tables let a place through; literals are never chosen
 * by it.
 */
const COMMON = ' etaoinsrlcdhu0123456789mpfgywbvkxjqz.:-_/,()[]='

/** How often a byte is met in logs, by the guess above (printable bytes not listed count as rare). */
const weightOf = (c: number): number => {
  const i = COMMON.indexOf(String.fromCharCode(c))
  return i === -1 ? (c >= 32 && c < 127 ? 0.2 : 0.05) : 10 / (1 + i * 0.3)
}
const WEIGHTS = Float64Array.from({ length: 256 }, (_, c) => weightOf(isLower(c | 32) ? c | 32 : c))
const ALL = WEIGHTS.reduce((a, b) => a + b, 0)

/**
 * The weight of the bytes with high nibble h and a low nibble in the eight
 * bits of m, for the low eight nibbles (LOW8) and the high eight (HIGH8):
 * a bucket's share at a place is then a few lookups, not 256 additions.
 * The choice above asks it ~30,000 times at start-up.
 */
const LOW8 = new Float64Array(16 * 256)
const HIGH8 = new Float64Array(16 * 256)
for (let h = 0; h < 16; h++) {
  for (let m = 1; m < 256; m++) {
    const l = 31 - Math.clz32(m & -m)
    LOW8[h * 256 + m] = LOW8[h * 256 + (m & (m - 1))]! + WEIGHTS[(h << 4) | l]!
    HIGH8[h * 256 + m] = HIGH8[h * 256 + (m & (m - 1))]! + WEIGHTS[(h << 4) | (l + 8)]!
  }
}

/** The share of places a place's masks let through. */
function shareOf (low: number, high: number): number {
  let q = 0
  for (let m = high; m !== 0; m &= m - 1) {
    const h = 31 - Math.clz32(m & -m)
    q += LOW8[h * 256 + (low & 255)]! + HIGH8[h * 256 + (low >> 8)]!
  }
  return q / ALL
}

const ANY = -1
