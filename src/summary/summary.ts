import { shownValue, type AnnotatedCode } from '../enrich/codes.js'
import { informativeCodes } from '../enrich/sub-status.js'
import type { Severity } from '../rules/types.js'
import { HOUR_MS, hourOf } from './hours.js'

/** How often something was seen: lines that carry it, and every place found. */
export interface Tally {
  lines: number
  mentions: number
}

export interface CodeTally extends Tally {
  /** The number as its family writes it (shownValue: `0x80090325`, `0xC000006D`, `0x0000052E`, `0x18`). */
  value: string
  family: string
  /** Where the code is an HRESULT. */
  hresult?: string
  category: string | null
  severity: Severity
  /** summarize: the earliest and latest time a line with this code was stamped (ISO 8601). */
  firstSeen?: string
  lastSeen?: string
  /** Where the code was first and last seen: by time, and in reading order among lines without a stamp. */
  firstAt?: Occurrence
  lastAt?: Occurrence
}

/** One line a code was found in: the file (or `-`), its line number, the start of its text, and its stamp. */
export interface Occurrence {
  source: string
  /** 1-based; null where it cannot be known (a slice after one that was never read). */
  line: number | null
  text: string
  /** ISO 8601; absent for a line without a stamp. */
  time?: string
}

/** Where a line came from, for the occurrences the counts keep. */
export interface LineAt {
  readonly source: string
  readonly line: number
  readonly text: string
}

/** How much of a line an occurrence keeps: enough to recognise it, not a whole 1 MiB line. */
export const SAMPLE_CHARS = 300

/** summarize: when lines with codes happened. */
export interface TimeTally {
  /** Lines with codes and no timestamp the reader knows: counted here, not dropped. */
  untimedLines: number
  /** Hour (`2025-03-11T08`, UTC) → category → lines with codes of that category. */
  byHour: Record<string, Record<string, number>>
}

/** summarize: where lines with codes came from (syslog host, --host-field, or the file name). */
export interface HostTally extends Tally {
  /** Code name (or HRESULT, for unknown values) → lines. */
  byCode: Record<string, number>
}

/**
 * The counts of a run. Plain JSON: written by --summary-file, read back and
 * combined by mergeSummaries, so summaries from many hosts add up.
 */
export interface Summary {
  version: 1
  /** Every input line (or record) seen. */
  lines: number
  /** Lines with at least one code. */
  linesWithCodes: number
  /** Every place a code was found. */
  mentions: number
  /** Known codes by canonical name. */
  byCode: Record<string, CodeTally>
  /** Known codes by primary category: a line counts once per category it carries. */
  byCategory: Record<string, Tally>
  /**
   * Codes by the table they are from (sspi, security, cert, smartcard): a line
   * counts once per family it carries. Older summaries may lack it.
   */
  byFamily?: Record<string, Tally>
  bySeverity: Partial<Record<Severity, Tally>>
  /** Facility-9 values the table does not know, by HRESULT. */
  unknown: Record<string, CodeTally>
  /** Lines that pair a name with a different code's number (text mode). */
  conflicts: number
  /** What was wrong with the input, and what was done about it. */
  input: InputTally
  /** summarize only: files and bytes read. */
  files?: number
  bytes?: number
  /** When and where lines with codes happened (older summaries may lack them). */
  time?: TimeTally
  byHost?: Record<string, HostTally>
  /** summarize only: gzip files that broke off (cut short, corrupt), by path, with the reason; their lines before the damage are counted. */
  damaged?: Record<string, string>
  /** summarize only: the run was stopped by a signal, and the counts cover what was read until then. */
  interrupted?: Interruption
}

/**
 * Which signal stopped a summarize run, and how many bytes of the inputs it
 * was given were left unread (0 when unknown: standard input, pipes).
 * Merged, the first signal is kept and the unread bytes add up.
 */
export interface Interruption {
  signal: string
  unreadBytes: number
}

export interface InputTally {
  /** Lines longer than --max-line-length: written cut, with truncated: true. */
  truncatedLines: number
  /** Invalid bytes (or lone UTF-16 surrogates) replaced by U+FFFD. */
  replacedCharacters: number
  /** Record mode: lines that were not a JSON object, passed on unchanged. */
  malformedRecords: number
}

export function emptySummary (): Summary {
  return { version: 1, lines: 0, linesWithCodes: 0, mentions: 0, byCode: table(), byCategory: table(), byFamily: table(), bySeverity: table(), unknown: table(), conflicts: 0, input: { truncatedLines: 0, replacedCharacters: 0, malformedRecords: 0 }, time: { untimedLines: 0, byHour: table() }, byHost: table() }
}

/**
 * A table keyed by names that come from the input: hosts (a syslog
 * hostname, a --host-field value, a file name), categories of a rules file,
 * hours, codes. It has no prototype, so that a host named `valueOf`,
 * `constructor` or `__proto__` is a key like any other: on a plain object
 * those names found Object.prototype's members, and summarize failed on a
 * file named valueOf.
 */
export function table<T> (): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** What the counter needs to know of one line or record (pipeline/sinks.ts makes it). */
export interface LineOutcome {
  /** Null or empty when it carries none. */
  readonly codes: readonly AnnotatedCode[] | null
  /** A name beside another code's number. */
  readonly conflict: boolean
  /** Longer than --max-line-length. */
  readonly cut: boolean
  /** Record mode: not a JSON object. */
  readonly malformed: boolean
  /** With codes: when it happened (ms since the epoch; null without a stamp), and where. */
  readonly time: number | null
  readonly host: string
  /** The line itself, where the reader knows it: for each code's first and last occurrence. */
  readonly at?: LineAt
}

/**
 * Counts every line into a summary: the one tap on what the scanner and the
 * sinks make of the input (pipeline/sinks.ts), whatever the command.
 */
export class SummaryCounter {
  /**
   * With its time and host breakdowns from the start (emptySummary), even
   * when no line has codes. Added by the first line instead, they changed the
   * summary's shape under V8's optimized code, which was thrown away and
   * compiled again (--trace-deopt).
   */
  private readonly state: Summary = emptySummary()
  /**
   * When each code was first and last seen, in milliseconds: written into
   * the summary as ISO text only when it is read. Converting every stamped
   * line's time to text cost annotate ~20 ms per million bench lines
   * (cpu-prof, countWhenWhere).
   */
  private readonly seen = new Map<CodeTally, { first: number, last: number }>()
  /** The hour bucket of the last stamped line, which the next usually shares. */
  private hourIndex = Number.NaN
  private hourTable: Record<string, number> | null = null
  /**
   * What a line has been counted under already: its first entries, as many
   * as the line has filled. New arrays per line were ~5 MB of a million
   * bench lines' garbage (allocation sampling, countLine); so is emptying
   * one by its length, which lets its storage go.
   */
  private readonly seenCategories: string[] = []
  private readonly seenFamilies: string[] = []
  private readonly seenSeverities: Severity[] = []

  /** The counts so far, each code's first and last place and time brought up to date. The same object each time. */
  get summary (): Summary {
    // Where before when: every counted line has a place, not every one a
    // time, so a tally gets its keys in this order whichever slice of a file
    // first held a stamped line of its code, and summaries merged from
    // slices write the JSON a whole file writes.
    for (const [tally, { first, last }] of this.where) {
      tally.firstAt = occurrenceOf(first)
      tally.lastAt = occurrenceOf(last)
    }
    for (const [tally, { first, last }] of this.seen) {
      tally.firstSeen = new Date(first).toISOString()
      tally.lastSeen = new Date(last).toISOString()
    }
    return this.state
  }

  /**
   * Each code's first and last line, kept as given and made into an
   * Occurrence only when the summary is read: by time where both lines have
   * a stamp, else in reading order.
   */
  private readonly where = new Map<CodeTally, { first: Seen, last: Seen }>()

  private noteWhere (tally: CodeTally, at: LineAt, time: number | null): void {
    const was = this.where.get(tally)
    if (was === undefined) {
      const seen = { at, time }
      this.where.set(tally, { first: seen, last: seen })
      return
    }
    if (time !== null && was.first.time !== null && time < was.first.time) was.first = { at, time }
    if (time === null || was.last.time === null || time >= was.last.time) was.last = { at, time }
  }

  /** One line or record: the one place each is counted. */
  count (o: LineOutcome): void {
    const codes = this.countLine(o.codes)
    const input = this.state.input
    if (o.cut) input.truncatedLines++
    if (o.malformed) input.malformedRecords++
    if (o.conflict) this.state.conflicts++
    if (codes !== null) this.countWhenWhere(codes, o.time, o.host, o.at)
  }

  /**
   * Lines without codes, counted in bulk (summarize counts newlines, not
   * lines one by one; record mode the records the prefilter passed, of
   * which `malformed` are not JSON objects): as count() counts such lines.
   */
  countPlainLines (n: number, malformed = 0): void {
    this.state.lines += n
    this.state.input.malformedRecords += malformed
  }

  /**
   * When and where a line with codes happened (summarize). Call after
   * countLine for the same line, with the codes it returned; `time` is null
   * for a line without a stamp, `at` the line itself where it is known.
   */
  countWhenWhere (codes: readonly AnnotatedCode[], time: number | null, host: string, at?: LineAt): void {
    const s = this.state
    const t = s.time ??= { untimedLines: 0, byHour: table() }
    const byHost = s.byHost ??= table()
    const h = byHost[host] ??= { lines: 0, mentions: 0, byCode: table() }
    h.lines++
    let hour: Record<string, number> | null = null
    if (time === null) {
      t.untimedLines++
    } else {
      const index = Math.floor(time / HOUR_MS)
      if (index !== this.hourIndex) {
        this.hourIndex = index
        this.hourTable = t.byHour[hourOf(time)] ??= table()
      }
      hour = this.hourTable
    }
    const categories = this.seenCategories
    let seen = 0
    for (const c of codes) {
      const key = c.name ?? (c.value as string)
      h.mentions += c.matches.length
      h.byCode[key] = (h.byCode[key] ?? 0) + 1
      const category = c.category ?? 'unknown'
      if (hour !== null && !holds(categories, seen, category)) {
        categories[seen++] = category
        hour[category] = (hour[category] ?? 0) + 1
      }
      if (time === null && at === undefined) continue
      const tally = this.tallyOf(c)
      if (tally === undefined) continue
      if (time !== null) {
        const bounds = this.seen.get(tally)
        if (bounds === undefined) this.seen.set(tally, { first: time, last: time })
        else if (time < bounds.first) bounds.first = time
        else if (time > bounds.last) bounds.last = time
      }
      if (at !== undefined) this.noteWhere(tally, at, time)
    }
  }

  countReplaced (n: number): void {
    this.state.input.replacedCharacters += n
  }

  /**
   * Count one input line; `codes` is null or empty when it carries none. A
   * 4625 line counts under its Sub Status, not the generic Status beside it
   * (sub-status.ts). Returns the codes it counted, null for none.
   */
  countLine (all: readonly AnnotatedCode[] | null): readonly AnnotatedCode[] | null {
    const s = this.state
    s.lines++
    if (all === null || all.length === 0) return null
    const codes = informativeCodes(all)
    s.linesWithCodes++
    const { seenCategories, seenFamilies, seenSeverities } = this
    let categories = 0
    let families = 0
    let severities = 0
    const byFamily = s.byFamily!
    for (const c of codes) {
      const n = c.matches.length
      s.mentions += n
      const table = c.name === null ? s.unknown : s.byCode
      // Unknown codes are facility-9 HRESULTs (codes.ts): their value is their text.
      const key = c.name ?? (c.value as string)
      const t = table[key] ??= newTally(c)
      t.lines++
      t.mentions += n
      if (c.category !== null) {
        const cat = s.byCategory[c.category] ??= { lines: 0, mentions: 0 }
        cat.mentions += n
        if (!holds(seenCategories, categories, c.category)) {
          seenCategories[categories++] = c.category
          cat.lines++
        }
      }
      const fam = byFamily[c.family] ??= { lines: 0, mentions: 0 }
      fam.mentions += n
      if (!holds(seenFamilies, families, c.family)) {
        seenFamilies[families++] = c.family
        fam.lines++
      }
      const sev = s.bySeverity[c.severity] ??= { lines: 0, mentions: 0 }
      sev.mentions += n
      if (!holds(seenSeverities, severities, c.severity)) {
        seenSeverities[severities++] = c.severity
        sev.lines++
      }
    }
    return codes
  }

  /** A code's tally: unknown codes are facility-9 HRESULTs (codes.ts), keyed by their value. */
  private tallyOf (c: AnnotatedCode): CodeTally | undefined {
    return c.name === null ? this.state.unknown[c.value as string] : this.state.byCode[c.name]
  }
}

/**
 * Combine summaries: counts add; firstSeen takes the earliest and lastSeen
 * the latest; descriptive fields (value, family, category, severity) are taken from
 * whichever side has them. Pure: the inputs are not changed. Associative and
 * commutative, so parts can be merged in any order.
 */
export function mergeSummaries (...parts: readonly Summary[]): Summary {
  const out = emptySummary()
  for (const p of parts) addSummary(out, p)
  return out
}

/** mergeSummaries in place: `part` is added into `into`, which it leaves sharing nothing with. */
export function addSummary (into: Summary, part: Summary): void {
  addInto(into as unknown as Record<string, unknown>, part as unknown as Record<string, unknown>)
  into.version = 1
}

// for…in, not Object.entries: no array of pairs per table; merging 100
// slices' summaries took ~20 ms with Object.entries and ~8 ms so, cold.
function addInto (target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key in source) {
    const value = source[key]
    const have = target[key]
    // An occurrence is one line: chosen whole, never added up.
    if ((key === 'firstAt' || key === 'lastAt') && typeof value === 'object' && value !== null) {
      const o = value as Occurrence
      target[key] = { ...(have === undefined || have === null ? o : key === 'firstAt' ? earlier(have as Occurrence, o) : later(have as Occurrence, o)) }
      continue
    }
    if (typeof value === 'number') {
      target[key] = key === 'version' ? value : (typeof have === 'number' ? have : 0) + value
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const inner = (typeof have === 'object' && have !== null ? have : (target[key] = table())) as Record<string, unknown>
      addInto(inner, value as Record<string, unknown>)
    } else if (key === 'firstSeen' && typeof value === 'string') {
      if (typeof have !== 'string' || value < have) target[key] = value
    } else if (key === 'lastSeen' && typeof value === 'string') {
      if (typeof have !== 'string' || value > have) target[key] = value
    } else if (have === undefined || have === null) {
      target[key] = value
    }
  }
}

function newTally (c: AnnotatedCode): CodeTally {
  const t: CodeTally = { value: shownValue(c), family: c.family, category: c.category, severity: c.severity, lines: 0, mentions: 0 }
  if (c.hresult !== undefined) t.hresult = c.hresult
  return t
}

interface Seen { readonly at: LineAt, readonly time: number | null }

function occurrenceOf ({ at, time }: Seen): Occurrence {
  const o: Occurrence = { source: at.source, line: at.line, text: at.text.length > SAMPLE_CHARS ? at.text.slice(0, SAMPLE_CHARS) : at.text }
  if (time !== null) o.time = new Date(time).toISOString()
  return o
}

/**
 * Occurrences in order: by time where both have one, then by file and line,
 * which is reading order within a file. Ties broken the same way whichever
 * summary is merged into which, so that merging stays commutative.
 */
function compareOccurrences (a: Occurrence, b: Occurrence): number {
  if (a.time !== undefined && b.time !== undefined && a.time !== b.time) return a.time < b.time ? -1 : 1
  if (a.source !== b.source) return a.source < b.source ? -1 : 1
  return (a.line ?? Infinity) - (b.line ?? Infinity)
}
const earlier = (target: Occurrence, source: Occurrence): Occurrence => (compareOccurrences(source, target) < 0 ? source : target)
const later = (target: Occurrence, source: Occurrence): Occurrence => (compareOccurrences(source, target) > 0 ? source : target)

/** Line numbers of a slice's occurrences, counted from its file's start: `offset` lines before it, or null when unknown. */
export function shiftOccurrences (s: Summary, offset: number | null): void {
  for (const table of [s.byCode, s.unknown]) {
    for (const t of Object.values(table)) {
      for (const o of [t.firstAt, t.lastAt]) if (o !== undefined && o.line !== null) o.line = offset === null ? null : o.line + offset
    }
  }
}

/** Whether the first `n` entries of `list` hold `value`. */
function holds<T> (list: readonly T[], n: number, value: T): boolean {
  for (let i = 0; i < n; i++) if (list[i] === value) return true
  return false
}
