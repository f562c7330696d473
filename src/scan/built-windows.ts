/**
 * The windows and buckets (teddy-windows.ts) of the built-in rules'
 * literals, chosen when the command was built (scripts/bundle-cli.mjs) and
 * written into its bundles: choosing them takes ~17 ms at start-up, before
 * the JIT has warmed to the loop, against the ~20 ms a million lines of the
 * shared corpus gain from them. The library, built by tsc alone, chooses at
 * start-up. Keyed by the literals, one per line: the build chooses for the
 * built-in rules with message text on and off, and any other list (a
 * --rules file) is chosen for as it is.
 */
declare const SSPI_BUILT_WINDOWS: Readonly<Record<string, ReadonlyArray<readonly [number, number]>>> | undefined

/** Per literal, where its window starts and its bucket, as built; null when the build chose for another list. */
export function builtWindows (literals: readonly string[]): ReadonlyArray<readonly [number, number]> | null {
  if (typeof SSPI_BUILT_WINDOWS === 'undefined') return null
  return SSPI_BUILT_WINDOWS[literals.join('\n')] ?? null
}
