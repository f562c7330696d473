import { PREFILTER_WASM, PREFILTER_WASM_RELAXED } from './prefilter-binary.js'
import { compileRelaxed } from '../runtime/relaxed-simd.js'
import { addCandidate, LONG_LINE, type Prefilter } from './candidates.js'

const LF = 10

// The memory prefilter.wat works in (its 32 pages): the tables, the
// literals, one block of input and the candidates of one block.
const TABLES = 0
const LITERALS_END = 64 * 1024
/** Bytes handed to the engine at once; longer runs are cut at a line feed. */
const BLOCK = LONG_LINE + 1
const INPUT = LITERALS_END
/** Zero bytes after the input: the engine reads up to 31 past its end, and a comparison stops at a zero. */
const PAD = 32
/** Up to half a block of candidate lines (each holds a literal of two bytes and a line feed at least), two i32 each. */
const OUTPUT = align16(INPUT + BLOCK + PAD)
/** The first pass's notes: four i32 per 16 bytes of the block. */
const WORK = align16(OUTPUT + Math.ceil(BLOCK / 2) * 8)
const MEMORY_END = WORK + align16(BLOCK)
function align16 (n: number): number {
  return Math.ceil(n / 16) * 16
}
/** The pages prefilter.wat declares. */
const MEMORY_BYTES = 32 * 65536
if (MEMORY_END > MEMORY_BYTES) throw new Error('prefilter-wasm: the layout outgrows the engine\'s memory')

/** Teddy's buckets: two sets of eight, one bit each in a byte. */
const BUCKETS = 16
/** Places of a literal the nibble tables look at, and the longest start looked up. */
const PLACES = 4
const MASKS = TABLES + 256
const STARTS = TABLES + 320
const SLOTS = 512
const PAIRS = STARTS + SLOTS * 8
const LISTS = PAIRS + 8192

/** What prefilter.wat exports. */
interface Engine {
  readonly memory: { readonly buffer: ArrayBuffer }
  readonly lines: { readonly value: number }
  scan (input: number, length: number, out: number, tables: number, work: number): number
}

// The part of the WebAssembly API used here (the TypeScript lib in use has
// no DOM, where its types live).
interface WasmModule { readonly kind?: never }
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule
  Instance: new (module: WasmModule) => { readonly exports: unknown }
}

/** The engine's two builds: with relaxed SIMD's swizzle, and with the plain one. */
export type WasmBuild = 'relaxed' | 'plain'

const modules = new Map<WasmBuild, WasmModule | null>()

/**
 * The compiled module, once per thread; null where WebAssembly, its SIMD
 * or (for `relaxed`) relaxed SIMD is missing. The relaxed build's lookups
 * are one instruction each instead of two: the prefilter took ~10% less
 * time per million lines with it (in-process, min of 11, both corpora).
 */
function compiled (build: WasmBuild): WasmModule | null {
  let m = modules.get(build)
  if (m === undefined) {
    const compile = (): WasmModule => new WebAssembly.Module(Buffer.from(build === 'relaxed' ? PREFILTER_WASM_RELAXED : PREFILTER_WASM, 'base64'))
    try {
      m = build === 'relaxed' ? compileRelaxed(compile) : compile()
    } catch {
      m = null
    }
    modules.set(build, m)
  }
  return m
}

/**
 * The prefilter in WebAssembly (prefilter.wat): Teddy over 16 bytes at a
 * time, in the relaxed build where this Node runs it, else the plain one
 * (or the one asked for). null when the module cannot be compiled here, or
 * the literals do not fit its table space.
 */
export function wasmPrefilter (literals: readonly string[], build?: WasmBuild): Prefilter | null {
  const m = build === undefined ? compiled('relaxed') ?? compiled('plain') : compiled(build)
  if (m === null) return null
  const engine = new WebAssembly.Instance(m).exports as unknown as Engine
  const memory = new Uint8Array(engine.memory.buffer)
  if (!writeTables(memory, literals)) return null
  const out = new Int32Array(engine.memory.buffer, OUTPUT)
  return {
    engine: 'wasm',
    scan (bytes, a, b, into) {
      into.count = 0
      into.lines = 0
      for (let at = a; at < b;) {
        let end = b
        if (b - at >= BLOCK) {
          const lf = bytes.lastIndexOf(LF, at + BLOCK - 1)
          if (lf < at) {
            // A line longer than LONG_LINE: a candidate without a look (prefilter.ts).
            addCandidate(into, into.lines, at)
            const e = bytes.indexOf(LF, at)
            if (e === -1 || e >= b) break
            into.lines++
            at = e + 1
            continue
          }
          end = lf + 1
        }
        const length = end - at
        memory.set(bytes.subarray(at, end), INPUT)
        memory.fill(0, INPUT + length, INPUT + length + PAD)
        const n = engine.scan(INPUT, length, OUTPUT, TABLES, WORK)
        for (let k = 0; k < n; k++) addCandidate(into, into.lines + out[2 * k]!, at + out[2 * k + 1]!)
        into.lines += engine.lines.value
        at = end
      }
    },
  }
}

/**
 * The engine's tables (the layout is in prefilter.wat). A literal's start is
 * its first four bytes, or fewer when it is shorter or has a space sooner
 * (a space stands for more than one byte). Literals go to the Teddy buckets
 * one by one, each where it lets the fewest more places through
 * (bucketFor); the starts go to the hash table, each with its literals.
 */
function writeTables (memory: Uint8Array, literals: readonly string[]): boolean {
  memory.fill(0, TABLES, LITERALS_END)
  const view = new DataView(memory.buffer)
  const byStart = new Map<string, Buffer[]>()
  for (const literal of literals) {
    const bytes = Buffer.from(literal.slice(0, 255), 'latin1')
    const key = startOf(bytes).toString('latin1')
    byStart.set(key, [...(byStart.get(key) ?? []), bytes])
  }
  if (byStart.size > SLOTS / 2) return false

  const starts = [...byStart.keys()].sort().map((k) => Buffer.from(k, 'latin1'))
  const chosen = chooseBuckets(starts)
  for (let i = 0; i < starts.length; i++) {
    const bytes = starts[i]!
    const bucket = chosen[i]!
    const bit = 1 << (bucket % 8)
    for (let place = 0; place < PLACES; place++) {
      const low = TABLES + (bucket < 8 ? 0 : 128) + place * 32
      const high = low + 16
      if (place < bytes.length) {
        const c = bytes[place]!
        memory[low + (c & 15)]! |= bit
        memory[high + (c >> 4)]! |= bit
        // The upper case of a letter: the same low nibble, bit 5 clear.
        if (isLower(c)) memory[high + ((c & ~32) >> 4)]! |= bit
      } else {
        for (let i = 0; i < 16; i++) {
          memory[low + i]! |= bit
          memory[high + i]! |= bit
        }
      }
    }
  }

  const lengths = [...new Set([...byStart.keys()].map((k) => k.length))].sort((a, b) => b - a)
  lengths.forEach((n, i) => {
    view.setUint32(MASKS + i * 8, n === 4 ? 0xffffffff : (1 << (n * 8)) - 1, true)
    view.setUint32(MASKS + i * 8 + 4, n, true)
  })

  for (const start of byStart.keys()) {
    // Both cases of letters: the engine reads the pair as it is in the input.
    const firsts = cases(start.charCodeAt(0))
    // A one-byte start pairs with any byte.
    const seconds = start.length > 1 ? cases(start.charCodeAt(1)) : Array.from({ length: 256 }, (_, c) => c)
    for (const a of firsts) {
      for (const b of seconds) {
        const pair = a | (b << 8)
        memory[PAIRS + (pair >> 3)]! |= 1 << (pair & 7)
      }
    }
  }

  let at = LISTS
  for (const [start, list] of byStart) {
    const key = Buffer.alloc(4)
    key.write(start, 'latin1')
    const value = key.readUInt32LE(0)
    let slot = Math.imul(value, 0x9e3779b1) >>> 23
    while (view.getUint32(STARTS + slot * 8, true) !== 0) slot = (slot + 1) & (SLOTS - 1)
    view.setUint32(STARTS + slot * 8, value, true)
    view.setUint32(STARTS + slot * 8 + 4, at, true)
    // The literals of a start in groups that share the first test, so that
    // one failed test passes over them all: the built-in table's 44
    // `error <number>` literals (context.ts) were ~25 ms per million lines
    // of the shared corpus, tested one by one at every "error".
    // A group's first test is its head (the bytes up to the first space, at
    // most eight) and where its run of whitespace is; each literal keeps its own second test.
    const groups = new Map<string, { head: Buffer, space: number, literals: Array<{ rest: Buffer, upToSecond: number }> }>()
    for (const bytes of list) {
      const rest = bytes.subarray(start.length)
      // The first tests (prefilter.wat): the rest's bytes up to its first
      // space, and up to its second with the first taken as one 0x20.
      const space = rest.indexOf(32)
      const second = space === -1 ? -1 : rest.indexOf(32, space + 1)
      const upToFirst = Math.min(8, space === -1 ? rest.length : space)
      const upToSecond = space >= 8 || space === -1 ? upToFirst : Math.min(8, second === -1 ? rest.length : second)
      const head = rest.subarray(0, upToFirst)
      const runAt = space === -1 || space >= 8 ? 0 : space
      const key = `${head.toString('latin1')}|${upToFirst}|${runAt}`
      const group = groups.get(key) ?? { head, space: runAt, literals: [] }
      group.literals.push({ rest, upToSecond })
      groups.set(key, group)
    }
    if (groups.size > 255) return false
    memory[at++] = groups.size
    for (const { head, space, literals } of groups.values()) {
      const size = literals.reduce((n, l) => n + 17 + l.rest.length, 0)
      if (literals.length > 255 || size > 0xffff || at + 20 + size > LITERALS_END) return false
      for (let i = 0; i < 8; i++) {
        memory[at + i] = i < head.length ? 0xff : 0
        memory[at + 8 + i] = i < head.length ? head[i]! : 0
      }
      memory[at + 16] = space
      memory[at + 17] = literals.length
      view.setUint16(at + 18, size, true)
      at += 20
      for (const { rest, upToSecond } of literals) {
        for (let i = 0; i < 8; i++) {
          memory[at + i] = i < upToSecond ? 0xff : 0
          memory[at + 8 + i] = i < upToSecond ? rest[i]! : 0
        }
        memory[at + 16] = rest.length
        memory.set(rest, at + 17)
        at += 17 + rest.length
      }
    }
  }
  return true
}

const isLower = (c: number): boolean => c >= 97 && c <= 122
const cases = (c: number): number[] => (isLower(c) ? [c, c & ~32] : [c])

function startOf (bytes: Buffer): Buffer {
  const space = bytes.indexOf(32)
  return bytes.subarray(0, Math.min(PLACES, space === -1 ? bytes.length : space))
}

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
 * What one bucket's tables let through at each place: the masks of low and
 * high nibbles its starts have there (ANY past the end of a shorter start),
 * and the share of places that makes, by the weights above.
 */
interface BucketMasks {
  readonly low: readonly number[]
  readonly high: readonly number[]
  readonly passes: number
}

const ANY = -1
const EMPTY_BUCKET: BucketMasks = { low: new Array<number>(PLACES).fill(0), high: new Array<number>(PLACES).fill(0), passes: 0 }

function withStart (b: BucketMasks, start: Buffer): BucketMasks {
  const low = [...b.low]
  const high = [...b.high]
  let passes = 1
  for (let place = 0; place < PLACES; place++) {
    if (place >= start.length) low[place] = ANY
    if (low[place] === ANY) continue
    const c = start[place]!
    low[place]! |= 1 << (c & 15)
    high[place]! |= 1 << (c >> 4)
    if (isLower(c)) high[place]! |= 1 << ((c & ~32) >> 4)
    let q = 0
    for (let h = 0; h < 16; h++) {
      if (((high[place]! >> h) & 1) === 0) continue
      for (let l = 0; l < 16; l++) if ((low[place]! >> l) & 1) q += WEIGHTS[(h << 4) | l]!
    }
    passes *= q / ALL
  }
  return { low, high, passes }
}

/**
 * A bucket for each start, greedily: the starts that let most places through
 * first, each where it adds least (bucketFor). With the logon families' 127
 * starts the tables let through 4.6% of places in sorted order, 2.7% in this
 * one (by the weights above). Rounds of moving starts between buckets
 * brought that to 2.2% for ~5 ms of start-up, and the prefilter's time on the
 * shared corpus did not move (measured in-process, best of 5), so there are none.
 */
function chooseBuckets (starts: readonly Buffer[]): number[] {
  const alone = starts.map((s) => withStart(EMPTY_BUCKET, s).passes)
  const buckets: BucketMasks[] = Array.from({ length: BUCKETS }, () => EMPTY_BUCKET)
  const of = new Array<number>(starts.length).fill(-1)
  for (const i of starts.map((_, k) => k).sort((a, b) => alone[b]! - alone[a]!)) {
    of[i] = bucketFor(buckets, starts[i]!)
    buckets[of[i]!] = withStart(buckets[of[i]!]!, starts[i]!)
  }
  return of
}

/**
 * The bucket where a start adds least to the places the tables let through.
 * Teddy's tables pass any mix of the low and high nibbles in a bucket, so a
 * bucket of unlike starts passes far more than its own starts; measured on
 * the bench corpus with the built-in literals, sorted buckets let 13.8% of
 * places through, this choice 4.3% (with eight buckets).
 */
function bucketFor (buckets: readonly BucketMasks[], start: Buffer): number {
  let best = 0
  let bestCost = Infinity
  for (let b = 0; b < buckets.length; b++) {
    const cost = withStart(buckets[b]!, start).passes - buckets[b]!.passes
    if (cost < bestCost) {
      bestCost = cost
      best = b
    }
  }
  return best
}
