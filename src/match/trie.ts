/**
 * Turn a list of literal strings into one regular-expression source that
 * shares their common prefixes: ["SEC_E_A", "SEC_E_B"] becomes "SEC_E_(?:A|B)".
 * A flat alternation of ~100 names makes the engine re-read the shared
 * "SEC_E_" for every candidate; the factored form reads it once.
 *
 * `char` renders one character (to escape it, or to widen it into a class
 * such as `[aA]` or `\\?_`). Longer literals come before their own prefixes
 * so that, without lookarounds, the longest one would win.
 */
export function trieSource (words: Iterable<string>, char: (c: string) => string = escapeChar): string {
  interface Node { end: boolean, next: Map<string, Node> }
  const root: Node = { end: false, next: new Map() }
  let count = 0
  for (const w of words) {
    if (w.length === 0) throw new Error('trieSource: empty word')
    let node = root
    for (const c of w) {
      let child = node.next.get(c)
      if (child === undefined) {
        child = { end: false, next: new Map() }
        node.next.set(c, child)
      }
      node = child
    }
    node.end = true
    count++
  }
  if (count === 0) return '(?!)'
  const render = (node: Node): string => {
    const branches = [...node.next.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([c, child]) => char(c) + render(child))
    if (branches.length === 0) return ''
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`
    if (!node.end) return body
    // A word ends here and longer ones continue: the continuation is optional.
    return branches.length === 1 && branches[0]!.length === 1 ? `${body}?` : `(?:${body})?`
  }
  return render(root)
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
