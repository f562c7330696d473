import { FACTS, shownValue, type AnnotatedCode } from '../enrich/codes.js'
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
   * Each code's slot, by its key in the summary (name, or value for an
   * unknown code), and found again by the facts its entries share
   * (codes.ts): one Map lookup by identity instead of five by name in the
   * summary's tables per code and line. Annotate's counting of the bench
   * corpus, in-process timers: 20.0 -> 19.0 ms (median of 15), 18.3 -> 15.2
   * (best); and no object is made per line for its first and last place.
   */
  private readonly slots: CodeSlot[] = []
  private readonly slotByKey = new Map<string, CodeSlot>()
  private readonly slotByFacts = new Map<object, CodeSlot>()
  /** The hour bucket of the last stamped line, which the next usually shares. */
  private hourIndex = Number.NaN
  private hourTable: Record<string, number> | null = null
  /**
   * Every hour's bucket by its number, so that the key is made as text only
   * once an hour: the shared corpus's real CBS lines (2016) and generated
   * ones (2024) take turns, and converting each stamp with toISOString
   * was ~4 ms of a run (cpu-prof, hourOf).
   */
  private readonly hourTables = new Map<number, Record<string, number>>()
  /** The host of the last line with codes, which the next usually shares. */
  private hostName: string | null = null
  private hostTally: HostTally | null = null
  /**
   * What a line has been counted under already: its first entries, as many
   * as the line has filled. New arrays per line were ~5 MB of a million
   * bench lines' garbage (allocation sampling, countLine); so is emptying
   * one by its length, which lets its storage go.
   */
  private readonly seenCategories: Tally[] = []
  private readonly seenFamilies: Tally[] = []
  private readonly seenSeverities: Tally[] = []
  private readonly seenHourKeys: string[] = []

  /** The counts so far, each code's first and last place and time brought up to date. The same object each time. */
  get summary (): Summary {
    // Where before when: every counted line has a place, not every one a
    // time, so a tally gets its keys in this order whichever slice of a file
    // first held a stamped line of its code, and summaries merged from
    // slices write the JSON a whole file writes.
    for (const slot of this.slots) {
      if (slot.firstAt === null) continue
      slot.tally.firstAt = occurrenceOf(slot.firstAt, slot.firstAtTime)
      slot.tally.lastAt = occurrenceOf(slot.lastAt!, slot.lastAtTime)
    }
    // When each code was first and last seen is kept in milliseconds and
    // written as ISO text only here: converting every stamped line's time
    // cost annotate ~20 ms per million bench lines (cpu-prof, countWhenWhere).
    for (const slot of this.slots) {
      if (Number.isNaN(slot.firstSeen)) continue
      slot.tally.firstSeen = new Date(slot.firstSeen).toISOString()
      slot.tally.lastSeen = new Date(slot.lastSeen).toISOString()
    }
    return this.state
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
    const t = this.state.time!
    const h = this.hostOf(host)
    h.lines++
    let hour: Record<string, number> | null = null
    if (time === null) {
      t.untimedLines++
    } else {
      const index = Math.floor(time / HOUR_MS)
      if (index !== this.hourIndex) {
        this.hourIndex = index
        let bucket = this.hourTables.get(index)
        if (bucket === undefined) {
          bucket = t.byHour[hourOf(time)] ??= table()
          this.hourTables.set(index, bucket)
        }
        this.hourTable = bucket
      }
      hour = this.hourTable
    }
    const hourKeys = this.seenHourKeys
    let seen = 0
    for (const c of codes) {
      const slot = this.slotOf(c)
      h.mentions += c.matches.length
      h.byCode[slot.key] = (h.byCode[slot.key] ?? 0) + 1
      if (hour !== null && !holds(hourKeys, seen, slot.hourKey)) {
        hourKeys[seen++] = slot.hourKey
        hour[slot.hourKey] = (hour[slot.hourKey] ?? 0) + 1
      }
      if (time !== null) {
        if (Number.isNaN(slot.firstSeen)) {
          slot.firstSeen = time
          slot.lastSeen = time
        } else if (time < slot.firstSeen) {
          slot.firstSeen = time
        } else if (time > slot.lastSeen) {
          slot.lastSeen = time
        }
      }
      if (at !== undefined) noteWhere(slot, at, time)
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
    for (const c of codes) {
      const n = c.matches.length
      const slot = this.slotOf(c)
      s.mentions += n
      slot.tally.lines++
      slot.tally.mentions += n
      const cat = slot.category
      if (cat !== null) {
        cat.mentions += n
        if (!holds(seenCategories, categories, cat)) {
          seenCategories[categories++] = cat
          cat.lines++
        }
      }
      const fam = slot.family
      fam.mentions += n
      if (!holds(seenFamilies, families, fam)) {
        seenFamilies[families++] = fam
        fam.lines++
      }
      const sev = slot.severity
      sev.mentions += n
      if (!holds(seenSeverities, severities, sev)) {
        seenSeverities[severities++] = sev
        sev.lines++
      }
    }
    return codes
  }

  /** A code's slot, its tallies made on first sight. Unknown codes are facility-9 HRESULTs (codes.ts), keyed by their value. */
  private slotOf (c: AnnotatedCode): CodeSlot {
    const facts = c[FACTS]
    let slot = facts === undefined || c.name === null ? undefined : this.slotByFacts.get(facts)
    if (slot !== undefined) return slot
    const key = c.name ?? (c.value as string)
    // Known and unknown codes are two tables of the summary: kept apart here too.
    const id = c.name === null ? `unknown ${key}` : key
    slot = this.slotByKey.get(id)
    if (slot === undefined) {
      const s = this.state
      slot = {
        key,
        hourKey: c.category ?? 'unknown',
        tally: (c.name === null ? s.unknown : s.byCode)[key] ??= newTally(c),
        category: c.category === null ? null : s.byCategory[c.category] ??= { lines: 0, mentions: 0 },
        family: s.byFamily![c.family] ??= { lines: 0, mentions: 0 },
        severity: s.bySeverity[c.severity] ??= { lines: 0, mentions: 0 },
        firstSeen: Number.NaN,
        lastSeen: Number.NaN,
        firstAt: null,
        firstAtTime: null,
        lastAt: null,
        lastAtTime: null,
      }
      this.slotByKey.set(id, slot)
      this.slots.push(slot)
    }
    if (facts !== undefined && c.name !== null) this.slotByFacts.set(facts, slot)
    return slot
  }

  private hostOf (host: string): HostTally {
    if (host !== this.hostName) {
      this.hostName = host
      this.hostTally = this.state.byHost![host] ??= { lines: 0, mentions: 0, byCode: table() }
    }
    return this.hostTally!
  }
}

/**
 * One code's tallies in the summary, found once, and its first and last
 * time and line: kept as given, made into text only when the summary is
 * read. A line is an Occurrence by time where both lines have a stamp,
 * else in reading order.
 */
interface CodeSlot {
  /** Its key in byCode (or unknown) and in each host's byCode. */
  readonly key: string
  /** Its key in an hour's table. */
  readonly hourKey: string
  readonly tally: CodeTally
  readonly category: Tally | null
  readonly family: Tally
  readonly severity: Tally
  /** NaN until a stamped line is counted. */
  firstSeen: number
  lastSeen: number
  firstAt: LineAt | null
  firstAtTime: number | null
  lastAt: LineAt | null
  lastAtTime: number | null
}

function noteWhere (slot: CodeSlot, at: LineAt, time: number | null): void {
  if (slot.firstAt === null) {
    slot.firstAt = slot.lastAt = at
    slot.firstAtTime = slot.lastAtTime = time
    return
  }
  if (time !== null && slot.firstAtTime !== null && time < slot.firstAtTime) {
    slot.firstAt = at
    slot.firstAtTime = time
  }
  if (time === null || slot.lastAtTime === null || time >= slot.lastAtTime) {
    slot.lastAt = at
    slot.lastAtTime = time
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

function occurrenceOf (at: LineAt, time: number | null): Occurrence {
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
