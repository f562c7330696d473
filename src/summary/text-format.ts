/** Small helpers shared by the summary table and the summarize report. */

export const num = (n: number): string => n.toLocaleString('en-US')

/** A share; two decimals for small ones, so 1 line in 10,000 does not read as 0.0%. */
export const pct = (part: number, whole: number): string => (part === 0 || whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(part * 1000 < whole ? 2 : 1)}%`)

export const plural = (n: number, one: string, many: string): string => `${num(n)} ${n === 1 ? one : many}`

/** Rows as indented columns padded to their widest cell; the columns named in `right` right-aligned. */
export function columns (rows: readonly string[][], right: readonly number[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => '  ' + r.map((cell, i) => (right.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd())
}
