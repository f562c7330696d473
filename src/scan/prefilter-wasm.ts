import { PREFILTER_WASM, PREFILTER_WASM_RELAXED } from './prefilter-binary.js'
import { compileRelaxed } from '../runtime/relaxed-simd.js'
import { addCandidate, LONG_LINE, type Prefilter } from './candidates.js'
import { chooseWindows, isLower, keyedAsBuilt, keyLiterals, literalBytes, PLACES, windowStarts, windowsToBuild, type KeyedLiteral, type WindowSearch } from './teddy-windows.js'
import { builtPrefilter, type BuiltPrefilter } from './built-windows.js'
import { compileAhead, wasmWindowSearch } from './window-search.js'

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

const MASKS = TABLES + 256
const STARTS = TABLES + 320
const SLOTS = 512
/** 1 when every window is four bytes long: how the engine reads NEAR. */
const FOUR_BYTES = TABLES + 288
/** 1 when some literal is a message's: the engine then tells which lines hold one. */
const MESSAGES = TABLES + 292
/** 8 KiB of bits the engine tests at a place before the hash table (writeNearTest). */
const NEAR = STARTS + SLOTS * 8
const COUNTS = NEAR + 8192
const LISTS = COUNTS + SLOTS * 4

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
 * Whether the literals may fit the tables: each takes a 17-byte head and
 * its bytes (less only where literals keyed on one window share the bytes
 * before it). Asked before windows are chosen: choosing them for literals
 * that then did not fit took ~50-80 ms for a rules file of 300 to 1,200
 * long messages.
 */
export function mayFitTables (literals: readonly string[]): boolean {
  let bytes = 0
  for (const l of literals) bytes += 17 + Math.min(l.length, 255)
  return bytes <= LITERALS_END - LISTS
}

/** The build asked for, or the relaxed one where this Node runs it and else the plain one. */
const moduleFor = (build?: WasmBuild): WasmModule | null => (build === undefined ? compiled('relaxed') ?? compiled('plain') : compiled(build))

/** Whether the engine compiles on this runtime (in the build asked for, or either). */
export function wasmRuns (build?: WasmBuild): boolean {
  return moduleFor(build) !== null
}

export interface WasmPrefilterOptions {
  /** The build of the engine; default the relaxed one where this Node runs it, else the plain one. */
  readonly build?: WasmBuild
  /** Which literals are messages' (the candidates tell which lines hold one: candidates.ts). */
  readonly messages?: ReadonlySet<string>
  /** Bytes scanned before the windows' counts are looked at. */
  readonly adaptEvery?: number
  /** What the build wrote for these literals (built-windows.ts); default looked up by them, null for none. */
  readonly built?: BuiltPrefilter | null
}

/**
 * The prefilter in WebAssembly (prefilter.wat): Teddy over 16 bytes at a
 * time, in the relaxed build where this Node runs it, else the plain one
 * (or the one asked for). null when the module cannot be compiled here, or
 * the literals do not fit its table space.
 */
export function wasmPrefilter (literals: readonly string[], options: WasmPrefilterOptions = {}): WasmPrefilter | null {
  const m = moduleFor(options.build)
  if (m === null) return null
  const engine = new WebAssembly.Instance(m).exports as unknown as Engine
  const memory = new Uint8Array(engine.memory.buffer)
  const bytesOf = literals.map(literalBytes)
  const messages = options.messages ?? NO_MESSAGES
  const kinds = literals.map((l) => messages.has(l))
  const adaptEvery = options.adaptEvery ?? ADAPT_EVERY
  // The search is made only when windows are chosen here (the built-in
  // rules' come from the build) or chosen again; its module is compiled
  // ahead for that.
  const search = (): WindowSearch | undefined => wasmWindowSearch() ?? undefined
  const fromBuild = options.built === undefined ? builtPrefilter(builtKey(bytesOf, kinds)) : options.built
  const asBuilt = fromBuild === null ? null : keyedAsBuilt(bytesOf, fromBuild.windows)
  let keyed = asBuilt ?? keyLiterals(bytesOf, null, search)
  let slots = asBuilt !== null ? readTables(memory, fromBuild!.tables) : writeTables(memory, keyed, kinds)
  if (slots === null) return null
  compileAhead()
  const out = new Int32Array(engine.memory.buffer, OUTPUT)
  const counts = new Uint32Array(engine.memory.buffer, COUNTS, SLOTS)
  // Per literal, the windows (by where they start) the input turned out to
  // be full of, with the word each is in and how often it was found.
  const spent = literals.map(() => new Map<number, { word: number, rate: number }>())
  let seen = 0
  let rounds = 0
  /**
   * Where the input is full of a window (a word of its own: "package",
   * "request"), its literals are keyed again on windows in their other
   * words. The weights the windows are chosen by know letters, not words,
   * and an everyday word costs the engine a look up and a compare at every
   * occurrence: on the bench corpus, "security package" keyed on `pack`
   * was found at 521,000 places per million lines, 28% of the places that
   * reached the hash table.
   */
  const adapt = (): void => {
    rounds++
    const sharing = new Map<string, number>()
    for (let i = 0; i < keyed.length; i++) {
      const key = entryOf(keyed[i]!, kinds[i]!).key
      sharing.set(key, (sharing.get(key) ?? 0) + 1)
    }
    const hot = new Map<string, number>()
    for (const [key, slot] of slots!) {
      const mark = sharing.get(key)! > FEW_LITERALS ? HOT_BYTES : FEW_HOT_BYTES
      if (counts[slot]! * mark > seen) hot.set(key, counts[slot]! / seen)
    }
    seen = 0
    if (hot.size === 0) {
      rounds = ADAPT_ROUNDS
      return
    }
    // A literal whose every word is spent takes a window of those words not
    // found hot itself ("client's key", "clie" hot: "nt's"; the prefilter
    // 2-3% faster on each bench corpus), and when none is left goes back to
    // the one found least often. Never a window of digits only: logs hold
    // runs of digits everywhere (stamps, ids, counters), and a bucket with
    // one lets most of them through. Keyed on their numbers, the
    // `error <number>` literals put ~40 such windows in the buckets: on the
    // shared corpus with message text, 2.1% of places passed Teddy, 1.2%
    // in the buckets holding them; left on "rror" (their groups' heads,
    // entryOf, make a place there cheap), 1.4%, and the prefilter took
    // 64-65 ms per million lines against 70-71 (our corpus 69 against 73-75;
    // in-process, best of 11). A literal left no other window stays.
    // Asked only of the literals keyed again (chooseWindows keeps the rest
    // as they are): adapt runs cold.
    const windowsLeft = (i: number, starts: readonly number[]): number[] => {
      const b = bytesOf[i]!
      const own = spent[i]!
      const words = new Set([...own.values()].map((w) => w.word))
      let to: readonly number[]
      if (!starts.every((w) => words.has(wordAt(b, w)))) to = starts.filter((at) => !words.has(wordAt(b, at)))
      else if (!starts.every((w) => own.has(w))) to = starts.filter((at) => !own.has(at))
      else {
        const [least] = [...own].reduce((x, y) => (y[1].rate < x[1].rate ? y : x))
        to = [least]
      }
      return to.filter((at) => !digitsOnly(b, at))
    }
    const allowed: Array<number[] | undefined> = []
    const keep = keyed.map((k, i) => {
      const rate = hot.get(k.window.toString('latin1'))
      if (rate === undefined) return k
      spent[i]!.set(k.at, { word: wordAt(k.bytes, k.at), rate })
      const to = windowsLeft(i, windowStarts(k.bytes))
      allowed[i] = to
      return to.length === 0 ? k : null
    })
    const next = chooseWindows(bytesOf, { keep, allowed: (i) => allowed[i]! }, search())
    const nextSlots = writeTables(memory, next, kinds)
    if (nextSlots !== null) {
      keyed = next
      slots = nextSlots
    } else {
      slots = writeTables(memory, keyed, kinds)
      rounds = ADAPT_ROUNDS
    }
  }
  return {
    engine: 'wasm',
    windows: () => keyed.map((k) => k.window.toString('latin1')),
    scan (bytes, a, b, into) {
      into.count = 0
      into.lines = 0
      for (let at = a; at < b;) {
        let end = b
        if (b - at >= BLOCK) {
          const lf = bytes.lastIndexOf(LF, at + BLOCK - 1)
          if (lf < at) {
            // A line longer than LONG_LINE: a candidate without a look (prefilter.ts).
            addCandidate(into, into.lines, at, true)
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
        for (let k = 0; k < n; k++) {
          const start = out[2 * k + 1]!
          addCandidate(into, into.lines + out[2 * k]!, at + (start & OFFSET), start >>> 30 === 1)
        }
        into.lines += engine.lines.value
        at = end
        seen += length
        if (rounds < ADAPT_ROUNDS && seen >= adaptEvery) adapt()
      }
    },
  }
}

/** A candidate's offset, below the bit that says it holds a message's literal (prefilter.wat). */
const OFFSET = 0x3fffffff
const NO_MESSAGES: ReadonlySet<string> = new Set()

/** The WebAssembly prefilter, which also tells the window each literal is looked for at now. */
export interface WasmPrefilter extends Prefilter {
  readonly windows: () => string[]
}

/** Bytes scanned before the windows' counts are looked at, and rounds of keying again at most. */
const ADAPT_EVERY = 4 * 1024 * 1024
const ADAPT_ROUNDS = 2
/** A window found more than once per this many bytes is one the input is full of. */
const HOT_BYTES = 2048
/**
 * And a window of a few literals, more than once per this many. Moving a
 * window that many literals share spreads them over windows of their own,
 * which crowd the buckets (the `error <number>` literals, 44 then, onto digits:
 * slower at the lower mark); a message has words enough to move to. At
 * this mark against HOT_BYTES, with the messages whole (literals.ts),
 * in-process: the prefilter 108 -> 98 ms per million lines on our corpus,
 * 99 -> 90 on the shared one, 139 -> 133 on NDJSON.
 */
const FEW_HOT_BYTES = 8192
/**
 * Up to this many literals on one window are a few. Nine messages share
 * `mple` ("complete", "implementation"), which every `corp.example` host
 * name of the bench corpus holds: counted as many at eight, the window
 * stayed, looked up once per 2.4 KB (~56,000 times per million lines). At
 * twelve, in-process, min of three passes, three runs: the prefilter 73-76
 * -> 69-70 ms per million lines on our corpus, 68-73 -> 67-70 on the
 * shared one, NDJSON the same (96-102 against 98-100).
 */
const FEW_LITERALS = 12

/** Whether the window of `bytes` at `at` (up to four bytes, within one word) is made of digits only. */
function digitsOnly (bytes: Buffer, at: number): boolean {
  const end = Math.min(bytes.length, at + PLACES)
  for (let i = at; i < end && bytes[i] !== 32; i++) if (bytes[i]! < 48 || bytes[i]! > 57) return false
  return true
}

/** Which word of a literal (0 for the first) the byte at `at` is in. */
function wordAt (bytes: Buffer, at: number): number {
  let word = 0
  for (let i = 0; i < at; i++) if (bytes[i] === 32) word++
  return word
}

/**
 * What the tables hold of one literal at its window. Kept per keyed
 * literal: keying again rewrites the tables with most literals where they
 * were, and working these out anew each time was most of the ~3 ms a cold
 * rewrite took with the messages' literals.
 */
interface Entry {
  /** The window's bytes, and as the engine reads them, four bytes little-endian (zero past a shorter window). */
  readonly key: string
  readonly value: number
  /**
   * The literals keyed on a window in groups that share the first tests, so
   * that one failed test passes over them all: the built-in table's
   * `error <number>` literals (context.ts; 44 then, 38 now) were ~25 ms per million lines
   * of the shared corpus, tested one by one at every "error". A group's
   * first test is its head (the bytes after the window up to the first
   * space, at most eight), where its run of whitespace is, and the bytes
   * before the window; each literal keeps its own second test. Where the
   * bytes after the window begin with the space, as those literals' do,
   * the head is the run written as one 0x20 and up to two bytes after it
   * (LED_HEAD), so that the literals part into groups by the number's
   * first digits, and a place followed by other bytes is turned away by
   * a few groups' heads, not by every literal.
   */
  readonly groupKey: string
  readonly head: Uint8Array
  /**
   * The group's [space] byte: where its run of whitespace is, the top bit
   * for a head that begins with it, and MESSAGE for a group of messages'
   * literals (a group holds literals of one kind).
   */
  readonly space: number
  readonly back: Uint8Array
  readonly rest: Uint8Array
  readonly upToSecond: number
}

const entries = new WeakMap<KeyedLiteral, Entry>()

/**
 * The bytes of a head that begins with the run of whitespace. Three: the
 * built-in literals that go on from "error" with a space (38 numbers and
 * "code:") part into 8 groups, the largest of 17; at four, into 19, each
 * of whose heads every place that holds "error" is tested against.
 */
const LED_HEAD = 3
/** [space]'s top bit (prefilter.wat). */
const LED = 0x80
/** [space]'s bit for a group of messages' literals (prefilter.wat). */
const MESSAGE = 0x40

function entryOf (k: KeyedLiteral, message: boolean): Entry {
  let e = entries.get(k)
  if (e !== undefined) return e
  const { bytes, at, window } = k
  const key = latin1(window)
  let value = 0
  for (let i = window.length - 1; i >= 0; i--) value = (value << 8) | window[i]!
  // Plain Uint8Arrays, not Buffers: Buffer's subarray, still cold at
  // start-up, was 1.8 of the 3.5 ms the first writeTables took with the
  // messages' 340 literals (cpu-prof, eight runs).
  const rest = new Uint8Array(bytes.buffer, bytes.byteOffset + at + window.length, bytes.length - at - window.length)
  const back = new Uint8Array(at)
  for (let i = 0; i < at; i++) back[i] = bytes[at - 1 - i]!
  // The first tests (prefilter.wat): the rest's bytes up to its first
  // space, and up to its second with the first taken as one 0x20.
  const space = rest.indexOf(32)
  const second = space === -1 ? -1 : rest.indexOf(32, space + 1)
  const upToFirst = Math.min(8, space === -1 ? rest.length : space)
  const upToSecond = space >= 8 || space === -1 ? upToFirst : Math.min(8, second === -1 ? rest.length : second)
  const led = space === 0
  const head = rest.subarray(0, led ? Math.min(LED_HEAD, upToSecond) : upToFirst)
  const groupSpace = (space === -1 || space >= 8 ? 0 : led ? LED : space) | (message ? MESSAGE : 0)
  const groupKey = `${latin1(head)}|${head.length}|${groupSpace}|${latin1(back)}`
  e = { key, value: value >>> 0, groupKey, head, space: groupSpace, back, rest, upToSecond }
  entries.set(k, e)
  return e
}

/** Bytes as a latin1 string (up to 255 of them: a literal's). */
const latin1 = (bytes: Uint8Array): string => String.fromCharCode.apply(null, bytes as unknown as number[])

/**
 * The engine's tables (the layout is in prefilter.wat). Each literal is
 * looked for at its window (teddy-windows.ts): the window's bytes go to the
 * Teddy bucket chosen for it and, as a key, to the hash table, which lists
 * the literals keyed so, in groups.
 */
function writeTables (memory: Uint8Array, keyed: readonly KeyedLiteral[], messages: readonly boolean[]): Map<string, number> | null {
  memory.fill(0, TABLES, LITERALS_END)
  const view = new DataView(memory.buffer)
  const slots = new Map<string, number>()
  const byKey = new Map<string, Entry[]>()
  view.setUint32(MESSAGES, messages.includes(true) ? 1 : 0, true)
  for (let i = 0; i < keyed.length; i++) {
    const e = entryOf(keyed[i]!, messages[i]!)
    const group = byKey.get(e.key)
    if (group === undefined) byKey.set(e.key, [e])
    else group.push(e)
  }
  if (byKey.size > SLOTS / 2) return null

  for (const { window, bucket } of keyed) {
    const bit = 1 << (bucket % 8)
    for (let place = 0; place < PLACES; place++) {
      const low = TABLES + (bucket < 8 ? 0 : 128) + place * 32
      const high = low + 16
      if (place < window.length) {
        const c = window[place]!
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

  const lengths = [...new Set([...byKey.keys()].map((k) => k.length))].sort((a, b) => b - a)
  lengths.forEach((n, i) => {
    view.setUint32(MASKS + i * 8, n === 4 ? 0xffffffff : (1 << (n * 8)) - 1, true)
    view.setUint32(MASKS + i * 8 + 4, n, true)
  })

  writeNearTest(memory, view, [...byKey.values()].map((list) => list[0]!))

  let at = LISTS
  for (const [key, list] of byKey) {
    const value = list[0]!.value
    let slot = Math.imul(value, 0x9e3779b1) >>> 23
    while (view.getUint32(STARTS + slot * 8, true) !== 0) slot = (slot + 1) & (SLOTS - 1)
    view.setUint32(STARTS + slot * 8, value, true)
    view.setUint32(STARTS + slot * 8 + 4, at, true)
    slots.set(key, slot)
    const groups = new Map<string, { head: Uint8Array, space: number, back: Uint8Array, literals: Entry[] }>()
    for (const e of list) {
      const group = groups.get(e.groupKey)
      if (group === undefined) groups.set(e.groupKey, { head: e.head, space: e.space, back: e.back, literals: [e] })
      else group.literals.push(e)
    }
    if (groups.size > 255) return null
    memory[at++] = groups.size
    for (const { head, space, back, literals } of groups.values()) {
      const size = literals.reduce((n, l) => n + 17 + l.rest.length, 0)
      if (literals.length > 255 || size > 0xffff || at + 21 + back.length + size > LITERALS_END) return null
      for (let i = 0; i < 8; i++) {
        memory[at + i] = i < head.length ? 0xff : 0
        memory[at + 8 + i] = i < head.length ? head[i]! : 0
      }
      memory[at + 16] = space
      memory[at + 17] = literals.length
      view.setUint16(at + 18, size, true)
      memory[at + 20] = back.length
      memory.set(back, at + 21)
      at += 21 + back.length
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
  return slots
}

/**
 * What the build writes for these literals (built-windows.ts), and the key
 * a prefilter of them looks it up by: the windows chooseWindows chooses,
 * and the tables written for them, the bytes writeTables leaves as runs of
 * [zeros: u16][length: u16][bytes] in base64. Most of the 64 KiB is zeros
 * (the hash table's empty slots, the near test's unset bits, the counts,
 * the space after the lists): ~27 KB of runs with message text on.
 */
export function prefilterToBuild (literals: readonly string[], messages: ReadonlySet<string> = NO_MESSAGES): [string, BuiltPrefilter] {
  const bytesOf = literals.map(literalBytes)
  const kinds = literals.map((l) => messages.has(l))
  const windows = windowsToBuild(literals)
  const keyed = keyedAsBuilt(bytesOf, windows)
  const memory = new Uint8Array(LITERALS_END)
  if (keyed === null || writeTables(memory, keyed, kinds) === null) throw new Error('prefilter-wasm: the built windows do not fit the tables')
  const runs: number[] = []
  for (let at = 0; at < memory.length;) {
    let from = at
    while (from < memory.length && memory[from] === 0 && from - at < 0xffff) from++
    let to = from
    // A run ends at eight zeros: a new run's head is four bytes.
    while (to < memory.length && to - from < 0xffff && !(memory[to] === 0 && zerosAt(memory, to, 8))) to++
    runs.push((from - at) & 255, (from - at) >> 8, (to - from) & 255, (to - from) >> 8)
    for (let i = from; i < to; i++) runs.push(memory[i]!)
    at = to
  }
  return [builtKey(bytesOf, kinds).join('\n'), { windows, tables: Buffer.from(runs).toString('base64') }]
}

/** The literals as the build's key lists them: one per line, a message's marked by a leading U+0001 (a kind changes the tables). */
const builtKey = (bytesOf: readonly Buffer[], kinds: readonly boolean[]): string[] => bytesOf.map((b, i) => (kinds[i] ? '\u0001' : '') + b.toString('latin1'))

const zerosAt = (bytes: Uint8Array, at: number, n: number): boolean => {
  for (let i = at; i < Math.min(bytes.length, at + n); i++) if (bytes[i] !== 0) return false
  return true
}

/**
 * The tables the build wrote (prefilterToBuild) into the engine's memory,
 * which is still all zeros; the hash table's slots by window, as
 * writeTables returns them.
 */
function readTables (memory: Uint8Array, tables: string): Map<string, number> {
  const runs = Buffer.from(tables, 'base64')
  for (let i = 0, at = TABLES; i < runs.length;) {
    at += runs[i]! | (runs[i + 1]! << 8)
    const n = runs[i + 2]! | (runs[i + 3]! << 8)
    memory.set(new Uint8Array(runs.buffer, runs.byteOffset + i + 4, n), at)
    at += n
    i += 4 + n
  }
  const view = new DataView(memory.buffer)
  const slots = new Map<string, number>()
  for (let slot = 0; slot < SLOTS; slot++) {
    // A window's bytes little-endian; a window shorter than four bytes ends at the first zero.
    let value = view.getUint32(STARTS + slot * 8, true)
    if (value === 0) continue
    let key = ''
    for (; value !== 0; value >>>= 8) key += String.fromCharCode(value & 255)
    slots.set(key, slot)
  }
  return slots
}

/**
 * The test at a place before the hash table: a bit per 16-bit hash of a
 * window's four bytes folded (the multiplier is prefilter.wat's too), or,
 * where some window is shorter than four bytes, a bit per pair of bytes a
 * window begins with, in both cases of letters as the engine reads the
 * input's bytes unfolded.
 */
function writeNearTest (memory: Uint8Array, view: DataView, windows: readonly Entry[]): void {
  const four = windows.every((e) => e.key.length === 4)
  view.setUint32(FOUR_BYTES, four ? 1 : 0, true)
  const set = (bit: number): void => { memory[NEAR + (bit >> 3)]! |= 1 << (bit & 7) }
  for (const { key, value } of windows) {
    if (four) {
      set(Math.imul(value, 0x2545f491) >>> 16)
      continue
    }
    const firsts = cases(key.charCodeAt(0))
    // A one-byte key pairs with any byte.
    const seconds = key.length > 1 ? cases(key.charCodeAt(1)) : Array.from({ length: 256 }, (_, c) => c)
    for (const a of firsts) for (const b of seconds) set(a | (b << 8))
  }
}

const cases = (c: number): number[] => (isLower(c) ? [c, c & ~32] : [c])
