import { editDistance } from '../lookup/suggest.js'

/** The subcommands, for a mistyped one given where a file was expected. */
export const COMMANDS = ['annotate', 'lookup', 'summarize', 'merge', 'rules', 'consume', 'publish'] as const

/** The closest of `candidates` to `word`, two edits away at most (a typo, a swap), or null. */
export function closest (word: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = 3
  for (const c of candidates) {
    const d = editDistance(word, c, 2)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

/**
 * The options typed (`--sumary`, `--jsn=x`, before any `--`) that are none
 * of `known`, each with the known option it is closest to.
 */
export function unknownOptions (typed: readonly string[], known: readonly string[]): Array<{ typed: string, meant: string | null }> {
  const out: Array<{ typed: string, meant: string | null }> = []
  for (const arg of typed) {
    if (arg === '--') break
    if (!arg.startsWith('--') || arg.length < 3) continue
    const name = arg.slice(2).split('=')[0]!
    const bare = name.startsWith('no-') && known.includes(name.slice(3)) ? name.slice(3) : name
    if (known.includes(bare)) continue
    out.push({ typed: `--${name}`, meant: closest(name, known.filter((k) => k.length > 1)) })
  }
  return out
}
