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

/** The windows the build chooses for these literals (built-windows.ts): per literal its window's start and bucket. */
export function windowsToBuild (literals: readonly string[]): Array<[number, number]> {
  return chooseWindows(literals.map(literalBytes)).map((k) => [k.at, k.bucket])
}

/**
 * Each literal's window and bucket: as the build chose them (`built`, for
 * the built-in rules' literals: built-windows.ts), else chosen now, by the
 * search `search` gives.
 */
export function keyLiterals (literals: readonly Buffer[], built: ReadonlyArray<readonly [number, number]> | null, search: () => WindowSearch | undefined = () => undefined): KeyedLiteral[] {
  return keyedAsBuilt(literals, built) ?? chooseWindows(literals, null, search())
}

/** The build's choice, where each window is one its literal may be keyed on. */
export function keyedAsBuilt (literals: readonly Buffer[], built: ReadonlyArray<readonly [number, number]> | null): KeyedLiteral[] | null {
  if (built === null || built.length !== literals.length) return null
  const keyed: KeyedLiteral[] = []
  for (let i = 0; i < literals.length; i++) {
    const bytes = literals[i]!
    const [at, bucket] = built[i]!
    if (!(bucket >= 0 && bucket < BUCKETS) || !startsWindow(bytes, at)) return null
    keyed.push({ bytes, at, window: bytes.subarray(at, at + (at === 0 ? startLength(bytes) : PLACES)), bucket })
  }
  return keyed
}

/** A choice made again for some literals: the others keep theirs, and some windows are not to be chosen. */
export interface Rechoice {
  /** Per literal, its window and bucket as they stay, or null to choose again. */
  readonly keep: ReadonlyArray<KeyedLiteral | null>
  /** Of the windows of literal i (where they start), those it may be keyed on (when none, any). */
  readonly allowed: (i: number, starts: readonly number[]) => number[]
}

/**
 * The buckets as chooseWindows fills them, and what it asks of them. The
 * functions below are the search in JavaScript (jsSearch); window-search.wat
 * is the same in WebAssembly, for a choice made while a scan runs.
 */
export interface WindowSearch {
  /** Room for the nibble masks of `count` windows, place by place, which windowsOf then writes. */
  masks (count: number): { readonly low: Int32Array, readonly high: Int32Array }
  /** Empties the buckets. */
  reset (): void
  /** Window w into bucket b. */
  put (window: number, bucket: number): void
  /** The least share of places an empty bucket lets through with one of the windows [from, to). */
  leastAlone (from: number, to: number): number
  /** Of the windows [from, to) and the buckets, where one adds the fewest places: window * BUCKETS + bucket. */
  cheapest (from: number, to: number): number
}

/** The search in JavaScript. */
export function jsSearch (): WindowSearch {
  let w: WindowMasks = { low: new Int32Array(0), high: new Int32Array(0) }
  let buckets = emptyBuckets()
  return {
    masks: (count) => (w = { low: new Int32Array(count * PLACES), high: new Int32Array(count * PLACES) }),
    reset: () => { buckets = emptyBuckets() },
    put: (window, bucket) => put(buckets, w, window, bucket),
    leastAlone: (from, to) => leastAlone(w, from, to),
    cheapest: (from, to) => cheapest(buckets, w, from, to),
  }
}

/**
 * Each literal's window and bucket, greedily: the literals whose best window
 * lets most places through first, each where some window of it adds least.
 * A window already in a bucket adds nothing there, so the 44 `error
 * <number>` literals keep sharing one. At equal cost the earlier window
 * wins, the start first: the engine then has nothing to compare backwards.
 * Cold, for the built-in literals' 6,892 windows, it takes ~17 ms (~4 ms
 * warm): hence the build's choice.
 *
 * The loops are small functions of their own: keying again runs this while
 * a scan goes on, and V8 then optimizes what is hot; one large function
 * took its optimizing compiler ~60 ms of a core, which a process that ends
 * soon after waits for at exit.
 */
export function chooseWindows (literals: readonly Buffer[], given: Rechoice | null = null, search: WindowSearch = jsSearch()): KeyedLiteral[] {
  const w = windowsOf(literals, given, search)
  search.reset()
  const keyed = new Array<KeyedLiteral>(literals.length)
  // The kept windows fill their buckets first.
  for (let i = 0; i < literals.length; i++) {
    const kept = given?.keep[i]
    if (kept == null) continue
    keyed[i] = kept
    search.put(w.first[i]!, kept.bucket)
  }
  const hardest = new Float64Array(literals.length)
  const toChoose: number[] = []
  for (let i = 0; i < literals.length; i++) {
    if (given?.keep[i] != null) continue
    hardest[i] = search.leastAlone(w.first[i]!, w.first[i + 1]!)
    toChoose.push(i)
  }
  for (const i of toChoose.sort((a, b) => hardest[b]! - hardest[a]! || a - b)) {
    const choice = search.cheapest(w.first[i]!, w.first[i + 1]!)
    const best = Math.floor(choice / BUCKETS)
    search.put(best, choice % BUCKETS)
    const bytes = literals[i]!
    keyed[i] = { bytes, at: w.offset[best]!, window: bytes.subarray(w.offset[best]!, w.offset[best]! + w.lengths[best]!), bucket: choice % BUCKETS }
  }
  return keyed
}

/** Each window's nibble masks, place by place (ANY past a window's end). */
interface WindowMasks {
  readonly low: Int32Array
  readonly high: Int32Array
}

/** The windows to choose from, literal after literal, and their masks. */
interface Windows extends WindowMasks {
  /** Where literal i's windows begin; first[literals.length] is their count. */
  readonly first: readonly number[]
  readonly offset: readonly number[]
  readonly lengths: readonly number[]
}

/** Every window of every literal, but those `given` forbids; a literal `given` keeps has its own window only. */
function windowsOf (literals: readonly Buffer[], given: Rechoice | null, search: WindowSearch): Windows {
  const owner: number[] = []
  const offset: number[] = []
  const lengths: number[] = []
  const first: number[] = []
  for (let i = 0; i < literals.length; i++) {
    first.push(owner.length)
    const kept = given?.keep[i]
    const all = kept != null ? [kept.at] : windowStarts(literals[i]!)
    const allowed = given === null || kept != null ? all : given.allowed(i, all)
    for (const at of allowed.length > 0 ? allowed : all) {
      owner.push(i)
      offset.push(at)
      lengths.push(at === 0 ? startLength(literals[i]!) : PLACES)
    }
  }
  first.push(owner.length)
  const { low, high } = search.masks(owner.length)
  for (let w = 0; w < owner.length; w++) masksOf(literals[owner[w]!]!, offset[w]!, lengths[w]!, low, high, w * PLACES)
  return { first, offset, lengths, low, high }
}

/** The nibble masks of the window of `length` bytes at `at` in `bytes`, written at [to, to + PLACES). */
function masksOf (bytes: Buffer, at: number, length: number, low: Int32Array, high: Int32Array, to: number): void {
  for (let place = 0; place < PLACES; place++) {
    if (place >= length) {
      low[to + place] = ANY
      high[to + place] = 0
      continue
    }
    const c = bytes[at + place]!
    low[to + place] = 1 << (c & 15)
    high[to + place] = highOf(c)
  }
}

/** The buckets' masks per place, the share of places each place's masks pass, and the share the bucket passes. */
interface Buckets {
  readonly low: Int32Array
  readonly high: Int32Array
  readonly share: Float64Array
  readonly passes: Float64Array
}

const emptyBuckets = (): Buckets => ({
  low: new Int32Array(BUCKETS * PLACES),
  high: new Int32Array(BUCKETS * PLACES),
  share: new Float64Array(BUCKETS * PLACES),
  passes: new Float64Array(BUCKETS),
})

/** Window w into bucket b. */
function put (buckets: Buckets, w: WindowMasks, window: number, b: number): void {
  let passes = 1
  for (let place = 0; place < PLACES; place++) {
    const k = b * PLACES + place
    const wl = w.low[window * PLACES + place]!
    if (wl === ANY || buckets.low[k] === ANY) {
      buckets.low[k] = ANY
      buckets.share[k] = 1
      continue
    }
    buckets.low[k] = buckets.low[k]! | wl
    buckets.high[k] = buckets.high[k]! | w.high[window * PLACES + place]!
    buckets.share[k] = shareOf(buckets.low[k]!, buckets.high[k]!)
    passes *= buckets.share[k]!
  }
  buckets.passes[b] = passes
}

/** The least share of places an empty bucket lets through with one of the windows [from, to). */
function leastAlone (w: WindowMasks, from: number, to: number): number {
  let least = Infinity
  for (let window = from; window < to; window++) {
    let passes = 1
    for (let place = 0; place < PLACES; place++) {
      const wl = w.low[window * PLACES + place]!
      if (wl !== ANY) passes *= shareOf(wl, w.high[window * PLACES + place]!)
    }
    least = Math.min(least, passes)
  }
  return least
}

/** Of the windows [from, to) and the buckets, where one adds the fewest places: window * BUCKETS + bucket. */
function cheapest (buckets: Buckets, w: WindowMasks, from: number, to: number): number {
  let best = from * BUCKETS
  let bestCost = Infinity
  for (let window = from; window < to; window++) {
    for (let b = 0; b < BUCKETS; b++) {
      const cost = addedPasses(buckets, w, window, b)
      if (cost < bestCost) {
        bestCost = cost
        best = window * BUCKETS + b
        // Nothing is cheaper than a bucket that passes the window already.
        if (cost === 0) return best
      }
    }
  }
  return best
}

/** The share of places bucket b would let through more with window w in it. */
function addedPasses (buckets: Buckets, w: WindowMasks, window: number, b: number): number {
  let passes = 1
  for (let place = 0, k = b * PLACES, x = window * PLACES; place < PLACES; place++, k++, x++) {
    const wl = w.low[x]!
    const bl = buckets.low[k]!
    if (wl === ANY || bl === ANY) continue
    const l = bl | wl
    const h = buckets.high[k]! | w.high[x]!
    passes *= l === bl && h === buckets.high[k] ? buckets.share[k]! : shareOf(l, h)
  }
  return passes - buckets.passes[b]!
}

/**
 * Where the windows a literal may be keyed on start: at 0 its start, then
 * every four bytes inside a word, of printable ASCII (a space stands for a
 * run of whitespace, and a byte of a multi-byte character may be taken for
 * one). Keeping only each literal's rarest inner windows by the weights
 * below chose worse ones: the prefilter took 9% and 14% longer on the two
 * bench corpora (in-process, best of 15).
 */
export function windowStarts (bytes: Buffer): readonly number[] {
  let out = startsOf.get(bytes)
  if (out === undefined) {
    out = findStarts(bytes)
    startsOf.set(bytes, out)
  }
  return out
}
/** Per literal, its window starts: asked for at start-up and again each time literals are keyed again. */
const startsOf = new WeakMap<Buffer, readonly number[]>()

function findStarts (bytes: Buffer): number[] {
  const out = [0]
  let word = 0
  for (let at = 0; at < bytes.length; at++) {
    word = bytes[at]! > SPACE && bytes[at]! < 127 ? word + 1 : 0
    if (word >= PLACES && at + 1 - PLACES > 0) out.push(at + 1 - PLACES)
  }
  return out
}

/** Whether a window of `bytes` starts at `at` (one of windowStarts, without listing them all). */
function startsWindow (bytes: Buffer, at: number): boolean {
  if (at === 0) return true
  if (!(at > 0 && at + PLACES <= bytes.length)) return false
  for (let i = at; i < at + PLACES; i++) if (!(bytes[i]! > SPACE && bytes[i]! < 127)) return false
  return true
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
/** The weights of the bytes, and shareOf's tables made from them. */
export interface Weights {
  /** The sum of the 256 bytes' weights. */
  readonly all: number
  /**
   * The weight of the bytes with high nibble h and a low nibble in the
   * eight bits of m, at h * 256 + m, for the low eight nibbles (low8) and
   * the high eight (high8): a bucket's share at a place is then a few
   * lookups, not 256 additions. A choice asks it ~30,000 times.
   */
  readonly low8: Float64Array
  readonly high8: Float64Array
}

let weights: Weights | undefined

/**
 * The weights, made when a choice first asks for them. The command keys
 * the built-in rules' literals as the build chose (built-windows.ts), so
 * most runs never ask: made as the module loaded, they took ~2-3 ms of
 * every start, in code still cold.
 */
export function byteWeights (): Weights {
  if (weights !== undefined) return weights
  const { of, all } = weightsOfBytes()
  const low8 = new Float64Array(16 * 256)
  const high8 = new Float64Array(16 * 256)
  for (let h = 0; h < 16; h++) {
    for (let m = 1; m < 256; m++) {
      const l = 31 - Math.clz32(m & -m)
      low8[h * 256 + m] = low8[h * 256 + (m & (m - 1))]! + of[(h << 4) | l]!
      high8[h * 256 + m] = high8[h * 256 + (m & (m - 1))]! + of[(h << 4) | (l + 8)]!
    }
  }
  weights = { all, low8, high8 }
  return weights
}

let weighed: { readonly of: Float64Array, readonly all: number } | undefined

/** Each byte's weight (a letter's two cases have its lower case's), and their sum: what low8 and high8 are made from. */
export function weightsOfBytes (): { readonly of: Float64Array, readonly all: number } {
  if (weighed !== undefined) return weighed
  const of = Float64Array.from({ length: 256 }, (_, c) => weightOf(isLower(c | 32) ? c | 32 : c))
  weighed = { of, all: of.reduce((a, b) => a + b, 0) }
  return weighed
}

/** The share of places a place's masks let through. */
function shareOf (low: number, high: number): number {
  const { low8, high8, all } = weights ?? byteWeights()
  let q = 0
  for (let m = high; m !== 0; m &= m - 1) {
    const h = 31 - Math.clz32(m & -m)
    q += low8[h * 256 + (low & 255)]! + high8[h * 256 + (low >> 8)]!
  }
  return q / all
}

const ANY = -1
