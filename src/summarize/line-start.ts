/**
 * When and where a log line happened, read from its start: the common
 * timestamp shapes and, for syslog-shaped lines, the host name after them.
 *
 *   2025-03-11T08:14:02.117Z web-02 app[12]: …      ISO 8601 (syslog high-precision)
 *   2025-03-11T08:14:02+01:00 …                      ISO 8601 with an offset
 *   2016-09-28 04:30:30, Info CBS …                  CBS, IIS W3C
 *   2016-09-28 04:30:30,123 ERROR …                  log4j / log4net
 *   Mar 11 08:14:02 web-02 sshd[812]: …              RFC 3164 (no year)
 *
 * A stamp without a zone is taken as UTC. RFC 3164 stamps have no year: the
 * caller gives one (summarize --year, by default the current year, or the
 * previous one when that would put the stamp more than a day in the future).
 */
const STAMP = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})/y
/**
 * After an RFC 3164 stamp the host always comes next (that is the format).
 * After an ISO stamp a token is taken as the host only when `tag[pid]:`
 * follows, as rsyslog writes it: "2025-… ERROR SqlException: …" or
 * "… AcquireCredentialsHandle failed: …" must not make hosts of ERROR and
 * AcquireCredentialsHandle.
 */
const HOST_AFTER_BSD = / +([A-Za-z0-9][A-Za-z0-9._-]*) /y
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

/** Read the stamp (and host) at `from` in `text`, which may hold many lines. */
export function readLineStart (text: string, from = 0, year?: number): LineStart {
  STAMP.lastIndex = from
  const m = STAMP.exec(text)
  if (m === null) return { time: null, host: null }
  let time: number
  if (m[1] !== undefined) {
    const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'))
    time = Date.UTC(+m[1], +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms)
    const zone = m[8]
    if (zone !== undefined && zone !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1
      const digits = zone.slice(1).replace(':', '')
      time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
    }
  } else {
    const month = MONTHS[m[9]!]!
    const day = Number(m[10]!.trim())
    time = Date.UTC(year ?? inferYear(month, day), month, day, +m[11]!, +m[12]!, +m[13]!)
  }
  if (Number.isNaN(time)) return { time: null, host: null }
  const hostRe = m[1] === undefined ? HOST_AFTER_BSD : HOST_AFTER_ISO
  hostRe.lastIndex = STAMP.lastIndex
  const h = hostRe.exec(text)
  return { time, host: h === null ? null : h[1]! }
}

