/** `whole` cut at the given points (taken modulo its length, deduplicated, in order): how property tests chunk an input. */
export function cutAt<T extends string | Buffer> (whole: T, points: readonly number[]): T[] {
  const at = [...new Set(points.map((x) => x % (whole.length + 1)))].sort((a, b) => a - b)
  const out: T[] = []
  let from = 0
  for (const p of [...at, whole.length]) {
    out.push(whole.slice(from, p) as T)
    from = p
  }
  return out
}
