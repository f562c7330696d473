import { shownValue, type AnnotatedCode } from '../enrich/codes.js'
import { addToArray, objectAt, primaryCode, putKey, type OutputEvent, type OutputProfile } from './profile.js'
import { readLineStart } from '../parse/line-start.js'
import { valueAt } from '../parse/fields.js'
import { windowsEventId } from '../parse/event-fields.js'

/**
 * Elastic Common Schema. ECS files authentication events under
 * event.category "authentication" with event.type start/end/info; an SSPI
 * status is the result of an authentication attempt, so: type "start", plus
 * "error" and outcome "failure" when any code is an error. Success codes
 * (SEC_I_*) mostly mark a handshake still under way, so their outcome is
 * "unknown", and error.* is never set for them.
 */
function eventFields (codes: readonly AnnotatedCode[]): { type: string[], outcome: string } {
  const failed = codes.some((c) => c.severity === 'error')
  return { type: failed ? ['start', 'error'] : ['start'], outcome: failed ? 'failure' : 'unknown' }
}

function errorFields (codes: readonly AnnotatedCode[]): Record<string, string> | null {
  const first = primaryCode(codes)
  if (first === undefined || first.severity !== 'error') return null
  const error: Record<string, string> = { code: shownValue(first) }
  if (first.name !== null) error.type = first.name
  error.message = first.meaning
  return error
}

const tagsOf = (codes: readonly AnnotatedCode[]): string[] => ['sspi', ...new Set(codes.map((c) => c.category).filter((c): c is string => c !== null))]

/** The ECS version the documents conform to, which ECS requires in every event. */
export const ECS_VERSION = '8.17.0'

/**
 * A line as an ECS document. Data streams refuse a document without
 * @timestamp: it is the stamp at the start of the line when the line has
 * one (parse/line-start.ts), else the time the line was read, which is then
 * also event.created. host.name is the syslog host the line names, if any.
 * A line without codes (--all) is an event, but no authentication event.
 */
function ecsLineObject (event: OutputEvent): object {
  const start = readLineStart(event.line)
  const read = start.time === null ? new Date().toISOString() : null
  const doc: Record<string, unknown> = {
    '@timestamp': read ?? new Date(start.time!).toISOString(),
    message: event.line,
    ecs: { version: ECS_VERSION },
  }
  const ev: Record<string, unknown> = { kind: 'event' }
  if (event.codes.length > 0) Object.assign(ev, { category: ['authentication'], ...eventFields(event.codes) })
  if (read !== null) ev.created = read
  doc.event = ev
  const error = errorFields(event.codes)
  if (error !== null) doc.error = error
  if (start.host !== null) doc.host = { name: start.host }
  // Standard input has no path: '-' would read as a file named '-'.
  if (event.source !== '-') doc.log = { file: { path: event.source } }
  doc.tags = tagsOf(event.codes)
  const sspi: Record<string, unknown> = { lineNumber: event.lineNumber, codes: event.codes }
  if (event.conflict === true) sspi.conflict = event.conflictNote
  if (event.truncated === true) Object.assign(sspi, { truncated: true, originalLength: event.originalLength })
  if (event.repeated !== undefined) sspi.repeated = event.repeated
  doc.sspi = sspi
  return doc
}

export const ecsProfile: OutputProfile = {
  name: 'ecs',
  lineObject: ecsLineObject,
  lineJson: (event) => JSON.stringify(ecsLineObject(event)),

  /**
   * Adds to what the record has: arrays gain values, objects gain keys; a
   * field already set is kept. A Windows event ID the record carries under a
   * shipper's name for it becomes event.code, as Winlogbeat writes it.
   */
  enrichRecord (record, codes, target, conflictNote) {
    const { type, outcome } = eventFields(codes)
    const ecs = objectAt(record, 'ecs')
    if (ecs !== null) ecs.version ??= ECS_VERSION
    const ev = objectAt(record, 'event')
    if (ev !== null) {
      ev.kind ??= 'event'
      const id = windowsEventId(record)
      if (id !== null) ev.code ??= id
      addToArray(ev, 'category', ['authentication'])
      addToArray(ev, 'type', type)
      ev.outcome ??= outcome
    }
    const error = errorFields(codes)
    if (error !== null) {
      const err = objectAt(record, 'error')
      if (err !== null) for (const [k, v] of Object.entries(error)) err[k] ??= v
    }
    addToArray(record, 'tags', tagsOf(codes))
    putKey(record, target, conflictNote == null ? { codes } : { codes, conflict: conflictNote })
  },
}
