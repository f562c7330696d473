/**
 * Keeps a record's numbers as they were written through JSON.parse and
 * JSON.stringify. Parsing reads every number as a double, so a 64-bit id,
 * a nanosecond timestamp (19 digits) or a spelling such as 1.0 would come out
 * changed in a record we only meant to add fields to. Each number that would
 * not print back as written is swapped for a marker before parsing, and the
 * marker for the original text after printing.
 *
 * Runs only on records that are rewritten (those with codes), and most have
 * no such number: then it returns null and costs one pass over the line.
 */
export interface NumberText {
  /** The line with markers in place of those numbers. */
  readonly line: string
  /** JSON printed from the parsed line, with the numbers put back. */
  restore (json: string): string
}

// A marker is itself a number, so the record keeps its types (a number field
// is still not scanned as text): a random 10-digit prefix, fixed for the
// process, then the marker's index in 6 digits. Sixteen digits below 2^53,
// so a double holds it exactly and prints it back the same; no record holds
// one by chance. Math.random is chance enough: node:crypto, for randomInt,
// was ~4 ms of every start of the command (cpu-prof), in a module that most
// runs never use.
const PREFIX = String(5_000_000_000 + Math.floor(Math.random() * 3_900_000_000))
const INDEX_DIGITS = 6
const MAX_MARKERS = 10 ** INDEX_DIGITS
const MARKED = new RegExp(`(?<![\\w.-])${PREFIX}(\\d{${INDEX_DIGITS}})(?![\\w.])`, 'g')

/** A number as JSON allows it (RFC 8259 section 6). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

const QUOTE = 34
const BACKSLASH = 92

/** Characters a number token is made of, read greedily; JSON_NUMBER then judges it. */
function inNumber (c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 /* . */ || c === 101 || c === 69 /* e E */ || c === 43 || c === 45 /* + - */
}

export function keepNumberText (line: string): NumberText | null {
  const originals: string[] = []
  const parts: string[] = []
  let copied = 0
  for (let i = 0; i < line.length;) {
    const c = line.charCodeAt(i)
    if (c === QUOTE) {
      // Skip the string, escapes included.
      for (i++; i < line.length; i++) {
        const d = line.charCodeAt(i)
        if (d === BACKSLASH) i++
        else if (d === QUOTE) break
      }
      i++
      continue
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1
      while (j < line.length && inNumber(line.charCodeAt(j))) j++
      const token = line.slice(i, j)
      // One JSON does not allow is left for JSON.parse to refuse, as it would have.
      if (String(Number(token)) !== token && JSON_NUMBER.test(token) && originals.length < MAX_MARKERS) {
        parts.push(line.slice(copied, i), PREFIX + String(originals.length).padStart(INDEX_DIGITS, '0'))
        originals.push(token)
        copied = j
      }
      i = j
      continue
    }
    i++
  }
  if (originals.length === 0) return null
  parts.push(line.slice(copied))
  return {
    line: parts.join(''),
    restore: (json) => json.replace(MARKED, (_, k: string) => originals[Number(k)]!),
  }
}
