import type { RuleSet } from '../rules/types.js'
import type { Interruption, Occurrence, Summary } from './summary.js'
import { timelineOf, type Timeline } from './timeline.js'
import { bytesText } from './text-format.js'
import type { Lang } from '../rules/lang.js'
import { REPORT_WORDS, type ReportWords } from './report-words.js'

export interface ReportCode {
  readonly name: string
  /** The number as its family writes it (CodeTally.value). */
  readonly value: string
  readonly family: string
  readonly category: string | null
  readonly severity: string
  readonly lines: number
  readonly mentions: number
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  /** The lines it was first and last seen in, where the counts kept them. */
  readonly firstAt: Occurrence | null
  readonly lastAt: Occurrence | null
  readonly meaning: string | null
  readonly hint: string | null
}

export interface ReportModel {
  /** "Windows authentication failures" only when some line carries an error code, else "Windows security codes". */
  readonly title: string
  readonly lines: number
  readonly linesWithCodes: number
  /** Lines with at least one error code; the rest carry success codes (SEC_I_*, SCARD_S_SUCCESS) only. */
  readonly failureLines: number
  readonly mentions: number
  readonly files: number
  readonly bytes: number
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  readonly untimedLines: number
  /** By lines, most first; unknown facility-9 values after the known codes. */
  readonly codes: ReportCode[]
  readonly categories: Array<{ id: string, title: string, lines: number, mentions: number }>
  /** By the table codes are from (sspi, security, cert, smartcard), most lines first. */
  readonly families: Readonly<Record<string, { lines: number, mentions: number }>>
  readonly hosts: Array<{ host: string, lines: number, mentions: number, topCodes: string[], byCode: Readonly<Record<string, number>> }>
  /** Stamped lines per hour, or per longer bar over a longer span (timeline.ts). */
  readonly timeline: Timeline
  readonly input: Summary['input']
  readonly conflicts: number
  /** Set when a signal stopped the run: the counts cover only what was read. */
  readonly interrupted: Interruption | null
  /** The words every rendering puts around the counts, in the language asked for. */
  readonly words: ReportWords
}

/**
 * Ties in natural order, digits as numbers: web-2 before web-10. The
 * collator is made when a report first sorts: made as the module loaded,
 * it was ~10 ms of every start, `--version` included (cpu-prof line ticks:
 * ICU sets up its collation data), for reports most runs never write.
 */
let collator: Intl.Collator | undefined
const natural = (a: string, b: string): number => (collator ??= new Intl.Collator('en', { numeric: true })).compare(a, b)
/** Unknown values (keyed "~0x…") after the known codes they tie with. */
const unknownLast = (key: string): number => (key.startsWith('~') ? 1 : 0)

const byLines = <T extends { lines: number, mentions: number }>(a: T & { key: string }, b: T & { key: string }): number =>
  b.lines - a.lines || b.mentions - a.mentions || unknownLast(a.key) - unknownLast(b.key) || natural(a.key, b.key) || (a.key < b.key ? -1 : 1)

/**
 * What the lines with codes are, for totals and the timeline: failures only
 * when every one of them carries an error code. A log of
 * SEC_I_CONTINUE_NEEDED handshakes is no log of failures.
 */
export function codedLinesNoun (m: ReportModel): string {
  return m.failureLines === m.linesWithCodes && m.linesWithCodes > 0 ? m.words.failuresNoun : m.words.codedLinesNoun
}

/** "N with failures" for totals, or "none of them failures" when no line with codes carries one. */
export function failuresText (m: ReportModel): string {
  return m.failureLines === 0 ? m.words.noFailures : m.words.withFailures(m.failureLines)
}

/** The sentence every rendering puts under its totals when a signal stopped the run. */
export function interruptionText (m: ReportModel): string | null {
  const stop = m.interrupted
  if (stop === null) return null
  return m.words.interrupted(stop.signal, bytesText(m.bytes), stop.unreadBytes > 0 ? bytesText(stop.unreadBytes) : null)
}

/** What a report shows, computed once for all renderings. */
export function reportModel (s: Summary, ruleSet: RuleSet, lang: Lang = 'en'): ReportModel {
  const words = REPORT_WORDS[lang]
  const codes: ReportCode[] = [
    ...Object.entries(s.byCode).map(([name, t]) => ({ key: name, ...t, name, rule: ruleSet.byName.get(name) })),
    ...Object.entries(s.unknown).map(([hresult, t]) => ({ key: '~' + hresult, ...t, name: hresult, rule: undefined })),
  ].sort(byLines).map(({ name, value, hresult, family, category, severity, lines, mentions, firstSeen, lastSeen, firstAt, lastAt, rule }) => ({
    // Summaries written before codes had a family carry only their HRESULT.
    name, value: value ?? hresult ?? '', family: family ?? rule?.family ?? 'security', category, severity, lines, mentions,
    firstSeen: firstSeen ?? null,
    lastSeen: lastSeen ?? null,
    firstAt: firstAt ?? null,
    lastAt: lastAt ?? null,
    meaning: rule?.meaning ?? (category === null ? words.notInTableMeaning : null),
    hint: rule?.hint ?? null,
  }))
  const seen = codes.flatMap((c) => [c.firstSeen, c.lastSeen]).filter((x): x is string => x !== null).sort()
  const categories = Object.entries(s.byCategory).map(([id, t]) => ({ key: id, id, title: ruleSet.categories.get(id)?.title ?? id, ...t })).sort(byLines)
    .map(({ id, title, lines, mentions }) => ({ id, title, lines, mentions }))
  const hosts = Object.entries(s.byHost ?? {}).map(([host, t]) => ({ key: host, host, ...t })).sort(byLines).map(({ host, lines, mentions, byCode }) => ({
    host, lines, mentions,
    topCodes: Object.entries(byCode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([c]) => c),
    byCode,
  }))
  const failureLines = s.bySeverity.error?.lines ?? 0
  return {
    title: failureLines > 0 ? words.failuresTitle : words.codesTitle,
    lines: s.lines,
    linesWithCodes: s.linesWithCodes,
    failureLines,
    mentions: s.mentions,
    files: s.files ?? 0,
    bytes: s.bytes ?? 0,
    firstSeen: seen[0] ?? null,
    lastSeen: seen[seen.length - 1] ?? null,
    untimedLines: s.time?.untimedLines ?? 0,
    codes,
    categories,
    families: Object.fromEntries(Object.entries(s.byFamily ?? {}).sort((a, b) => b[1].lines - a[1].lines || (a[0] < b[0] ? -1 : 1))),
    hosts,
    timeline: timelineOf(s.time?.byHour ?? {}),
    input: s.input,
    conflicts: s.conflicts ?? 0,
    interrupted: s.interrupted ?? null,
    words,
  }
}
