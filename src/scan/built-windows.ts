import { readFileSync } from 'node:fs'

/**
 * What the build chose and wrote for the prefilter of the built-in rules'
 * literals (scripts/bundle-cli.mjs): each literal's window and bucket
 * (teddy-windows.ts), and the engine's tables as they are written for that
 * choice (prefilter-wasm.ts). Choosing the windows takes ~17 ms at
 * start-up, before the JIT has warmed to the loop, against the ~20 ms a
 * million lines of the shared corpus gain from them; writing the tables,
 * in code as cold, 2-3.5 ms with message text on. Keyed by the literals,
 * one per line, a message's marked (prefilter-wasm.ts): the build writes
 * for the built-in rules with message text on and off, and any other list
 * (a --rules file) is chosen and written for as it is.
 *
 * The bundles read it from a file of its own, next to the command's, when
 * a prefilter is first made: written into the bundle, its ~160 KB were
 * deserialized with the code cache at every start, lookup's too (~4 ms).
 * The library, built by tsc alone, chooses and writes at start-up.
 */
declare const SSPI_BUILT_PREFILTERS: string | undefined

export interface BuiltPrefilter {
  /** Per literal, where its window starts and its bucket. */
  readonly windows: ReadonlyArray<readonly [number, number]>
  /** The tables, in runs (prefilter-wasm.ts: prefilterToBuild). */
  readonly tables: string
}

/** The file's name, which the build writes into dist/. */
export const BUILT_PREFILTERS_FILE = 'prefilter-built.json'

let built: Readonly<Record<string, BuiltPrefilter>> | null | undefined

/** What the build wrote for these literals; null when it wrote for other lists, or nothing (the library, or a bundle without its file). */
export function builtPrefilter (literals: readonly string[]): BuiltPrefilter | null {
  if (built === undefined) built = readBuilt()
  return built?.[literals.join('\n')] ?? null
}

function readBuilt (): Readonly<Record<string, BuiltPrefilter>> | null {
  if (typeof SSPI_BUILT_PREFILTERS === 'undefined') return null
  try {
    return JSON.parse(readFileSync(new URL(SSPI_BUILT_PREFILTERS, import.meta.url), 'utf8')) as Record<string, BuiltPrefilter>
  } catch {
    return null
  }
}
