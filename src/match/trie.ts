/**
 * Turn a list of literal strings into one regular-expression source that
 * shares their common prefixes: ["SEC_E_A", "SEC_E_B"] becomes "SEC_E_(?:A|B)".
 * A flat alternation of ~100 names makes the engine re-read the shared
 * "SEC_E_" for every candidate; the factored form reads it once.
 *
 * `char` renders one character (to escape it, or to widen it into a class
 * such as `[aA]` or `\\?_`). Longer literals come before their own prefixes
 * so that, without lookarounds, the longest one would win. `afterFirst`
 * adds something after the first character of every word (compile.ts puts
 * its token-edge lookbehind there).
 */
export function trieSource (words: Iterable<string>, char: (c: string) => string = escapeChar, afterFirst: (first: string) => string = () => ''): string {
  // The trie is never built as nodes: on the sorted, de-duplicated words,
  // the words below one node are a contiguous range, and its children are
  // the runs of equal characters at the node's depth. Building Map nodes
  // for the 471-name table cost ~10 MB of RSS at every start (measured with
  // process.memoryUsage), for a structure thrown away at once.
  const sorted = [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (sorted.some((w) => w.length === 0)) throw new Error('trieSource: empty word')
  if (sorted.length === 0) return '(?!)'
  const render = (lo: number, hi: number, depth: number): string => {
    // Sorted order puts a word that ends here first among its range.
    const end = sorted[lo]!.length === depth
    const branches: string[] = []
    for (let i = end ? lo + 1 : lo; i < hi;) {
      const c = sorted[i]![depth]!
      let j = i + 1
      while (j < hi && sorted[j]![depth] === c) j++
      branches.push(char(c) + (depth === 0 ? afterFirst(char(c)) : '') + render(i, j, depth + 1))
      i = j
    }
    if (branches.length === 0) return ''
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`
    if (!end) return body
    // A word ends here and longer ones continue: the continuation is optional.
    return branches.length === 1 && branches[0]!.length === 1 ? `${body}?` : `(?:${body})?`
  }
  return render(0, sorted.length, 0)
}

export function escapeChar (c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c
}

/** Hex digits in either case: `a` becomes `[aA]`, digits stay as they are. */
export function hexCaseless (c: string): string {
  const lower = c.toLowerCase()
  const upper = c.toUpperCase()
  return lower === upper ? escapeChar(c) : `[${lower}${upper}]`
}
