/** A number as RESULTS.md prints it: grouped thousands, `digits` decimals. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/**
 * `n` beside a target's `limit`, with `digits` decimals, or as many more
 * (up to three) as it takes to show on which side of the limit it is:
 * 0.9496 against "≥ 0.95" printed as 0.95 read as met beside "missed".
 */
export function besideLimit (n: number, limit: number, digits: number): string {
  let d = digits
  while (d < digits + 3 && Math.sign(round(n, d) - limit) !== Math.sign(n - limit)) d++
  return fmt(n, d)
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits))
