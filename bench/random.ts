/**
 * A small seeded PRNG (mulberry32), so every run of the benchmark measures
 * the same bytes. Never Math.random.
 */
export class Random {
  private state: number

  constructor (seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next (): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int (n: number): number {
    return Math.floor(this.next() * n)
  }

  pick<T> (items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  chance (p: number): boolean {
    return this.next() < p
  }

  hex (n: number, upper = false): string {
    let s = ''
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)]
    return upper ? s.toUpperCase() : s
  }

  digits (n: number): string {
    let s = String(1 + this.int(9))
    for (let i = 1; i < n; i++) s += String(this.int(10))
    return s
  }

  /** A picker over weighted items. */
  weighted<T> (items: ReadonlyArray<readonly [T, number]>): () => T {
    const total = items.reduce((s, [, w]) => s + w, 0)
    return () => {
      let x = this.next() * total
      for (const [item, w] of items) {
        x -= w
        if (x < 0) return item
      }
      return items[items.length - 1]![0]
    }
  }
}
