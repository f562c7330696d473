/**
 * Whether a document read back for merge has the shape of a Summary, and
 * where it does not. mergeSummaries adds whatever numbers it meets, so a
 * hand-edited or damaged file was merged silently (a count of "x" was
 * dropped) or crashed the report with a stack trace (a host of null). Only
 * the parts merge and the reports read are checked; other keys are left
 * alone, for summaries written by later versions.
 */
export function summaryProblem (doc: unknown): string | null {
  if (!isObject(doc) || doc.version !== 1 || typeof doc.lines !== 'number' || !isObject(doc.byCode)) {
    return 'expected an sspi-annotate summary (version 1, with lines and byCode)'
  }
  return first(
    ...['lines', 'linesWithCodes', 'mentions', 'conflicts', 'files', 'bytes'].map((k) => optional(doc, k, count)),
    codeTallies(doc.byCode, 'byCode'),
    optional(doc, 'unknown', codeTallies),
    optional(doc, 'byCategory', (v, p) => each(v, p, tally)),
    optional(doc, 'byFamily', (v, p) => each(v, p, tally)),
    optional(doc, 'bySeverity', (v, p) => each(v, p, tally)),
    optional(doc, 'input', (v, p) => each(v, p, count)),
    optional(doc, 'time', (v, p) => object(v, p) ?? first(
      optional(v as Record<string, unknown>, 'untimedLines', count, p),
      optional(v as Record<string, unknown>, 'byHour', (h, hp) => each(h, hp, (c, cp) => each(c, cp, count)), p),
    )),
    optional(doc, 'byHost', (v, p) => each(v, p, (host, hp) => tally(host, hp) ?? optional(host as Record<string, unknown>, 'byCode', (c, cp) => each(c, cp, count), hp))),
    optional(doc, 'damaged', (v, p) => each(v, p, text)),
    optional(doc, 'interrupted', (v, p) => object(v, p) ?? first(
      signalName((v as Record<string, unknown>).signal, `${p}.signal`),
      count((v as Record<string, unknown>).unreadBytes, `${p}.unreadBytes`),
    )),
  )
}

type Check = (value: unknown, path: string) => string | null

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : typeof v

const first = (...problems: Array<string | null>): string | null => problems.find((p) => p !== null) ?? null

const object: Check = (v, path) => (isObject(v) ? null : `${path}: expected an object, got ${describe(v)}`)

const count: Check = (v, path) => (Number.isInteger(v) && (v as number) >= 0 ? null : `${path}: expected a whole number of at least 0, got ${describe(v)}`)

const text: Check = (v, path) => (typeof v === 'string' ? null : `${path}: expected text, got ${describe(v)}`)

const signalName: Check = (v, path) => (typeof v === 'string' && /^SIG[A-Z0-9]+$/.test(v) ? null : `${path}: expected a signal name, got ${describe(v)}`)

const time: Check = (v, path) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? null : `${path}: expected an ISO 8601 time, got ${describe(v)}`)

/** `check` on `parent[key]` when it is there. */
function optional (parent: Record<string, unknown>, key: string, check: Check, at = ''): string | null {
  return parent[key] === undefined ? null : check(parent[key], at === '' ? key : `${at}.${key}`)
}

/** An object whose every member passes `check`. */
function each (v: unknown, path: string, check: Check): string | null {
  return object(v, path) ?? first(...Object.entries(v as Record<string, unknown>).map(([k, x]) => check(x, `${path}.${k}`)))
}

const tally: Check = (v, path) => object(v, path) ?? first(count((v as Record<string, unknown>).lines, `${path}.lines`), count((v as Record<string, unknown>).mentions, `${path}.mentions`))

/** Where a code was seen: merge chooses one whole, and the HTML report prints it. */
const occurrence: Check = (v, path) => object(v, path) ?? first(
  text((v as Record<string, unknown>).source, `${path}.source`),
  (v as Record<string, unknown>).line === null ? null : count((v as Record<string, unknown>).line, `${path}.line`),
  text((v as Record<string, unknown>).text, `${path}.text`),
  optional(v as Record<string, unknown>, 'time', time, path),
)

const codeTally: Check = (v, path) => tally(v, path) ?? first(
  optional(v as Record<string, unknown>, 'firstSeen', time, path),
  optional(v as Record<string, unknown>, 'lastSeen', time, path),
  optional(v as Record<string, unknown>, 'firstAt', occurrence, path),
  optional(v as Record<string, unknown>, 'lastAt', occurrence, path),
)

const codeTallies: Check = (v, path) => each(v, path, codeTally)
