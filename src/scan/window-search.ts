import { WINDOW_SEARCH_WASM } from './prefilter-binary.js'
import { PLACES, weightsOfBytes, type WindowSearch } from './teddy-windows.js'

// The memory window-search.wat works in: the weight tables, the buckets,
// then the windows' masks, low then high.
const WINDOWS = 66688
const PAGE = 65536

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer, grow: (pages: number) => number }
  setup (all: number, highAt: number): void
  weigh (of: number): void
  reset (): void
  put (window: number, bucket: number): void
  leastAlone (from: number, to: number): number
  cheapest (from: number, to: number): number
}

// The part of the WebAssembly API used here (the TypeScript lib in use has no DOM).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => unknown
  Instance: new (module: unknown) => { readonly exports: unknown }
  compile: (bytes: Uint8Array) => Promise<unknown>
}

let search: WindowSearch | null | undefined
/** The module compiled ahead (compileAhead), once it is. */
let compiledAhead: unknown
let compiling = false

/**
 * Compile the module on V8's background threads, for a choice made later
 * in a run: a prefilter that starts from the build's windows keys its
 * literals again a few megabytes in, and compiling there, on the thread
 * that scans, took ~1.9 ms of the ~15 ms that takes (cpu-prof, the shared
 * corpus). Nothing waits on it: a choice made before it is done compiles
 * as before.
 */
export function compileAhead (): void {
  if (search !== undefined || compiling) return
  compiling = true
  WebAssembly.compile(wasmBytes()).then((m) => { compiledAhead = m }, () => {})
}

const wasmBytes = (): Uint8Array => Buffer.from(WINDOW_SEARCH_WASM, 'base64')

/**
 * chooseWindows' search in WebAssembly (window-search.wat), compiled once
 * per thread when first asked for; null where the module does not
 * compile. Keying again the ~40 literals the bench corpus moves a few
 * megabytes into a run took ~3-4 ms with it, ~8-9 ms with the search in
 * JavaScript still cold (listing the windows, in JavaScript, is most of
 * what is left).
 */
export function wasmWindowSearch (): WindowSearch | null {
  if (search === undefined) {
    try {
      search = instantiate()
    } catch {
      search = null
    }
  }
  return search
}

function instantiate (): WindowSearch {
  const e = new WebAssembly.Instance(compiledAhead ?? new WebAssembly.Module(wasmBytes())).exports as Exports
  // low8 and high8 made by the module from the bytes' weights, laid where
  // the windows' masks go later: made by byteWeights, in JavaScript still
  // cold, they took ~1-3 ms of keying again (cpu-prof, self time).
  const { of, all } = weightsOfBytes()
  new Float64Array(e.memory.buffer, WINDOWS, of.length).set(of)
  e.weigh(WINDOWS)
  return {
    masks (count) {
      const size = count * PLACES * 4
      const end = WINDOWS + 2 * size
      if (end > e.memory.buffer.byteLength) e.memory.grow(Math.ceil((end - e.memory.buffer.byteLength) / PAGE))
      e.setup(all, size)
      return { low: new Int32Array(e.memory.buffer, WINDOWS, count * PLACES), high: new Int32Array(e.memory.buffer, WINDOWS + size, count * PLACES) }
    },
    reset: () => e.reset(),
    put: (window, bucket) => e.put(window, bucket),
    leastAlone: (from, to) => e.leastAlone(from, to),
    cheapest: (from, to) => e.cheapest(from, to),
  }
}
