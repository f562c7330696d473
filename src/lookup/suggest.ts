import type { RuleSet } from '../rules/types.js'

/** The most names offered: past that, a query says too little to help. */
const MAX_SUGGESTIONS = 10

/** Words shorter than this ("E", "I") match too much to mean anything. */
const MIN_WORD = 3
/** Nor does the prefix every SSPI name starts with. */
const TOO_COMMON = new Set(['SEC'])

/**
 * Names a query that names no code may have meant, best first: names a typo
 * away ("SEC_E_UNTRUSTED_ROT"), then names that hold every word of it
 * ("untrusted root" finds SEC_E_UNTRUSTED_ROOT and CERT_E_UNTRUSTEDROOT),
 * then names whose name, Windows message, English meaning, tags and category hold every
 * word between them ("clocks skewed"; "certificate expired" finds
 * CERT_E_EXPIRED, which has no message in the table).
 * Shorter names first within each group: the general code before its variants.
 */
export function suggestNames (ruleSet: RuleSet, query: string): string[] {
  const asName = query.trim().replaceAll('\\_', '_').toUpperCase().replace(/[\s-]+/g, '_')
  // Words of any script: 'révocation', and '失効', which Japanese writes
  // without spaces and in two characters that say as much as a long word.
  const words = asName.split(/[^\p{L}\p{N}]+/u).filter((w) => (w.length >= MIN_WORD || (w.length >= 2 && /[^\u0000-\u024F]/.test(w))) && !TOO_COMMON.has(w)).map(stem)
  if (words.length === 0) return []
  const byLength = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)

  // A typo: one edit in six characters, up to three.
  const maxEdits = Math.min(3, Math.max(1, Math.floor(asName.length / 6)))
  const typos = asName.length < 5
    ? []
    : [...ruleSet.byName.keys()]
        .map((name) => ({ name, d: editDistance(asName, name, maxEdits) }))
        .filter((c) => c.d <= maxEdits)
        .sort((a, b) => a.d - b.d || byLength(a.name, b.name))
        .map((c) => c.name)

  // Every name, aliases too, with what it is about; the canonical rule's texts.
  const about = (name: string): string => {
    const r = ruleSet.byName.get(name)!
    const rule = r.aliasOf === null ? r : ruleSet.byName.get(r.aliasOf) ?? r
    const category = ruleSet.categories.get(rule.category)
    return `${name.replaceAll('_', '')} ${rule.message ?? ''} ${rule.meaning} ${rule.tags.join(' ')} ${rule.category} ${category?.title ?? ''}`.toUpperCase()
  }
  const inName = (name: string): boolean => words.every((w) => name.replaceAll('_', '').includes(w))
  const matching = [...ruleSet.byName.keys()]
    .filter((name) => { const text = about(name); return words.every((w) => text.includes(w)) })
    .sort((a, b) => Number(inName(b)) - Number(inName(a)) || byLength(a, b))

  return [...new Set([...typos, ...matching])].slice(0, MAX_SUGGESTIONS)
}

/**
 * A word without its English ending, so that it is found inside its other
 * forms: "expired" in "expiry", "certificates" in "certificate".
 */
const stem = (w: string): string => (w.length > 5 ? w.replace(/(?:ING|ED|ES|S|Y)$/, '') : w)

/**
 * Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it
 * must be more than `limit` (names differ in length by more, or every cell
 * of a row is over it).
 */
export function editDistance (a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      row.push(d)
      if (d < best) best = d
    }
    if (best > limit) return limit + 1
    prev = row
  }
  return Math.min(prev[b.length]!, limit + 1)
}
