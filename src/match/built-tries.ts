/**
 * The alternations of the combined pattern (compile.ts: names by shape, hex
 * and decimal values) for the built-in rules, made when the command was
 * built (scripts/bundle-cli.mjs) and written into its bundles, keyed by the
 * very names and numbers they are made from (compile.ts, triesKey): made at
 * start-up they took ~3 ms of every start, in code still cold. The library,
 * built by tsc alone, makes them at start-up, as a command does for any
 * other rules.
 */
declare const SSPI_BUILT_TRIES: Readonly<Record<string, CodeTries>> | undefined

/** The combined pattern's alternations of names, hex values and decimals. */
export interface CodeTries {
  readonly symbols: string
  readonly hexDigits: string
  readonly knownHexDigits: string
  readonly decimals: string
}

/** The alternations built for this key, or null. */
export function builtTries (key: string): CodeTries | null {
  if (typeof SSPI_BUILT_TRIES === 'undefined') return null
  return SSPI_BUILT_TRIES[key] ?? null
}
