/**
 * When and where a log line happened, read from its start: the common
 * timestamp shapes and, for syslog-shaped lines, the host name after them.
 *
 *   2025-03-11T08:14:02.117Z web-02 app[12]: …      ISO 8601 (syslog high-precision)
 *   2025-03-11T08:14:02+01:00 …                      ISO 8601 with an offset
 *   2016-09-28 04:30:30, Info CBS …                  CBS, IIS W3C
 *   2016-09-28 04:30:30,123 ERROR …                  log4j / log4net
 *   2025-03-11 08:14:02.117 +01:00 [ERR] …           Serilog's file default (offset after a space)
 *   [2025-03-11 08:14:02] app.ERROR: …               any of the ISO shapes in brackets
 *   2025/03/11 08:14:02 …                            Go's log package
 *   Mar 11 08:14:02 web-02 sshd[812]: …              RFC 3164 (no year)
 *   <34>Mar 11 08:14:02 web-02 sshd[812]: …          the same as received, with its priority
 *   <165>1 2025-03-11T08:14:02.003Z web-02 app …    RFC 5424
 *
 * A stamp without a zone is taken as UTC. After a space, an offset is read
 * only with its colon (+01:00, as Serilog writes it): "08:14:02 +1234 items"
 * is a count, not a zone. RFC 3164 stamps have no year: the
 * caller gives one (summarize --year, by default the current year, or the
 * previous one when that would put the stamp more than a day in the future).
 * A stamp with a field out of range (month 13, February 30, 24:00) is no
 * stamp: Date.UTC would roll it over into another date. A leap second
 * (:60) is read as :59.
 */
const STAMP = /(?:<\d{1,3}>(?<v5424>1 )?)?(?:\[?(?<year>\d{4})(?<sep>[-/])(?<month>\d{2})\k<sep>(?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?(?<zone>Z|[+-]\d{2}:?\d{2}| [+-]\d{2}:\d{2}(?![\d:]))?|(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<bsdDay>[ \d]\d) (?<bsdHour>\d{2}):(?<bsdMinute>\d{2}):(?<bsdSecond>\d{2}))/y
/**
 * After an RFC 3164 or RFC 5424 stamp the host always comes next (that is the
 * format; 5424 writes "-" for none). After another ISO stamp a token is taken
 * as the host only when `tag[pid]:` follows, as rsyslog writes it: "2025-…
 * ERROR SqlException: …" or "… AcquireCredentialsHandle failed: …" must not
 * make hosts of ERROR and AcquireCredentialsHandle.
 */
const HOST_NEXT = / +([A-Za-z0-9][A-Za-z0-9._-]*) /y
const HOST_AFTER_ISO = / +([A-Za-z0-9][A-Za-z0-9._-]*) +[^\s:[\]]+\[\d+\]: /y
const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 }

export interface LineStart {
  /** Milliseconds since the epoch, or null when the line starts with no known stamp. */
  readonly time: number | null
  /** The syslog host name, when the line has the syslog shape. */
  readonly host: string | null
}

/** A year for RFC 3164 stamps: this one, unless that puts the stamp over a day ahead of `now`. */
export function inferYear (month: number, day: number, now: Date = new Date()): number {
  const year = now.getUTCFullYear()
  return Date.UTC(year, month, day) > now.getTime() + 86_400_000 ? year - 1 : year
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Milliseconds since the epoch for these fields, or null when one is out of range. */
function utc (year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (month < 0 || month > 11 || day < 1 || day > DAYS_IN_MONTH[month]! || hour > 23 || minute > 59 || second > 60) return null
  if (month === 1 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null
  return Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms)
}

/** Read the stamp (and host) at `from` in `text`, which may hold many lines. */
export function readLineStart (text: string, from = 0, year?: number): LineStart {
  STAMP.lastIndex = from
  const g = STAMP.exec(text)?.groups
  if (g === undefined) return { time: null, host: null }
  let time: number | null
  if (g.year !== undefined) {
    const ms = g.fraction === undefined ? 0 : Number(g.fraction.slice(0, 3).padEnd(3, '0'))
    time = utc(+g.year, +g.month! - 1, +g.day!, +g.hour!, +g.minute!, +g.second!, ms)
    const zone = g.zone?.trimStart()
    if (time !== null && zone !== undefined && zone !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1
      const digits = zone.slice(1).replace(':', '')
      const hours = Number(digits.slice(0, 2))
      const minutes = Number(digits.slice(2))
      time = hours > 23 || minutes > 59 ? null : time - sign * (hours * 60 + minutes) * 60_000
    }
  } else {
    const month = MONTHS[g.mon!]!
    const day = Number(g.bsdDay!.trim())
    time = utc(year ?? inferYear(month, day), month, day, +g.bsdHour!, +g.bsdMinute!, +g.bsdSecond!, 0)
  }
  if (time === null) return { time: null, host: null }
  const hostRe = g.year === undefined || g.v5424 !== undefined ? HOST_NEXT : HOST_AFTER_ISO
  hostRe.lastIndex = STAMP.lastIndex
  const h = hostRe.exec(text)
  return { time, host: h === null ? null : h[1]! }
}
