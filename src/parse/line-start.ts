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

/**
 * Read the stamp (and host) at `from` in `text`, which may hold many lines.
 * Read character by character, not by a pattern: its match, with a group
 * per field and their strings, was ~10 MB of garbage per million lines of
 * the bench corpus (allocation sampling), more than any other step made.
 */
export function readLineStart (text: string, from = 0, year?: number): LineStart {
  const stamp = readStamp(text, from, year)
  if (stamp === null || stamp.time === null) return NO_START
  const hostRe = stamp.hostNext ? HOST_NEXT : HOST_AFTER_ISO
  hostRe.lastIndex = stamp.end
  const h = hostRe.exec(text)
  return { time: stamp.time, host: h === null ? null : h[1]! }
}

const NO_START: LineStart = Object.freeze({ time: null, host: null })

/** What readStamp read: the time (null where a field is out of range), where the stamp ends, and whether the host comes right after it. */
interface Stamp {
  time: number | null
  end: number
  hostNext: boolean
}

const read: Stamp = { time: null, end: 0, hostNext: false }

/**
 * The stamp at `at`, in the shapes listed above: an optional `<PRI>` and
 * RFC 5424's version `1 `, then an ISO date and time (in brackets, with
 * slashes, a fraction and a zone, any of them) or an RFC 3164 one. null
 * where none starts there. The result is one object, reused: the host
 * comes right after an RFC 3164 or RFC 5424 stamp.
 */
function readStamp (text: string, at: number, year: number | undefined): Stamp | null {
  let v5424 = false
  if (text.charCodeAt(at) === LESS) {
    let p = at + 1
    while (p - at <= 3 && isDigit(text.charCodeAt(p))) p++
    if (p === at + 1 || text.charCodeAt(p) !== GREATER) return null
    at = p + 1
    if (text.charCodeAt(at) === ONE && text.charCodeAt(at + 1) === SPACE) {
      v5424 = true
      at += 2
    }
  }
  const c = text.charCodeAt(at)
  if (isDigit(c) || c === BRACKET) return readIso(text, at, v5424)
  return c >= 65 && c <= 90 ? readBsd(text, at, year) : null
}

/** `\[?YYYY-MM-DD[T ]hh:mm:ss`, `/` for `-` too, then `[.,]fraction` and a zone, each if there. */
function readIso (text: string, at: number, v5424: boolean): Stamp | null {
  if (text.charCodeAt(at) === BRACKET) at++
  const y = digitsAt(text, at, 4)
  const sep = text.charCodeAt(at + 4)
  if (y < 0 || (sep !== DASH && sep !== SLASH)) return null
  const month = digitsAt(text, at + 5, 2)
  if (month < 0 || text.charCodeAt(at + 7) !== sep) return null
  const day = digitsAt(text, at + 8, 2)
  const t = text.charCodeAt(at + 10)
  if (day < 0 || (t !== LETTER_T && t !== SPACE)) return null
  const hour = digitsAt(text, at + 11, 2)
  const minute = digitsAt(text, at + 14, 2)
  const second = digitsAt(text, at + 17, 2)
  if (hour < 0 || minute < 0 || second < 0 || text.charCodeAt(at + 13) !== COLON || text.charCodeAt(at + 16) !== COLON) return null
  let p = at + 19
  let ms = 0
  const dot = text.charCodeAt(p)
  if ((dot === PERIOD || dot === COMMA) && isDigit(text.charCodeAt(p + 1))) {
    // The first three of up to nine digits, as milliseconds.
    let n = 0
    for (p++; n < 9 && isDigit(text.charCodeAt(p)); n++, p++) if (n < 3) ms += (text.charCodeAt(p) - ZERO) * (n === 0 ? 100 : n === 1 ? 10 : 1)
  }
  let time = utc(y, month - 1, day, hour, minute, second, ms)
  // The zone: Z, ±hh:mm or ±hhmm, or after a space ±hh:mm alone.
  let zone = p
  let sign = 0
  const z = text.charCodeAt(p)
  if (z === LETTER_Z) {
    p++
  } else if (z === PLUS || z === MINUS) {
    const colon = text.charCodeAt(p + 3) === COLON && digitsAt(text, p + 4, 2) >= 0 ? 1 : 0
    if (digitsAt(text, p + 1, 2) >= 0 && digitsAt(text, p + 3 + colon, 2) >= 0) {
      sign = z === MINUS ? -1 : 1
      zone = p + 1
      p += 5 + colon
    }
  } else if (z === SPACE) {
    const s = text.charCodeAt(p + 1)
    const after = text.charCodeAt(p + 7)
    if ((s === PLUS || s === MINUS) && digitsAt(text, p + 2, 2) >= 0 && text.charCodeAt(p + 4) === COLON && digitsAt(text, p + 5, 2) >= 0 && !isDigit(after) && after !== COLON) {
      sign = s === MINUS ? -1 : 1
      zone = p + 2
      p += 7
    }
  }
  if (time !== null && sign !== 0) {
    const hours = digitsAt(text, zone, 2)
    const minutes = digitsAt(text, zone + (text.charCodeAt(zone + 2) === COLON ? 3 : 2), 2)
    time = hours > 23 || minutes > 59 ? null : time - sign * (hours * 60 + minutes) * 60_000
  }
  read.time = time
  read.end = p
  read.hostNext = v5424
  return read
}

/** `Mon dd hh:mm:ss`, the day space-padded or two digits. */
function readBsd (text: string, at: number, year: number | undefined): Stamp | null {
  const month = MONTHS[text.slice(at, at + 3)]
  if (month === undefined || text.charCodeAt(at + 3) !== SPACE || text.charCodeAt(at + 6) !== SPACE) return null
  const tens = text.charCodeAt(at + 4)
  const ones = digitsAt(text, at + 5, 1)
  if (ones < 0 || (tens !== SPACE && !isDigit(tens))) return null
  const day = (tens === SPACE ? 0 : (tens - ZERO) * 10) + ones
  const hour = digitsAt(text, at + 7, 2)
  const minute = digitsAt(text, at + 10, 2)
  const second = digitsAt(text, at + 13, 2)
  if (hour < 0 || minute < 0 || second < 0 || text.charCodeAt(at + 9) !== COLON || text.charCodeAt(at + 12) !== COLON) return null
  read.time = utc(year ?? inferYear(month, day), month, day, hour, minute, second, 0)
  read.end = at + 15
  read.hostNext = true
  return read
}

/** The number written by the `n` digits at text[at], or -1 where one is not a digit. */
function digitsAt (text: string, at: number, n: number): number {
  let value = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(at + i)
    if (!isDigit(c)) return -1
    value = value * 10 + c - ZERO
  }
  return value
}

const isDigit = (c: number): boolean => c >= ZERO && c <= ZERO + 9

const ZERO = 48
const ONE = 49
const SPACE = 32
const LESS = 60
const GREATER = 62
const BRACKET = 91
const DASH = 45
const SLASH = 47
const COLON = 58
const PERIOD = 46
const COMMA = 44
const PLUS = 43
const MINUS = 45
const LETTER_T = 84
const LETTER_Z = 90
