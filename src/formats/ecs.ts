import type { AnnotatedCode } from '../enrich/codes.js'
import { addToArray, objectAt, primaryCode, putKey, type OutputEvent, type OutputProfile } from './profile.js'

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
  const error: Record<string, string> = { code: first.hresult }
  if (first.name !== null) error.type = first.name
  error.message = first.meaning
  return error
}

const tagsOf = (codes: readonly AnnotatedCode[]): string[] => ['sspi', ...new Set(codes.map((c) => c.category).filter((c): c is string => c !== null))]

function ecsLineObject (event: OutputEvent): object {
  const { type, outcome } = eventFields(event.codes)
  const doc: Record<string, unknown> = {
    message: event.line,
    event: { kind: 'event', category: ['authentication'], type, outcome },
  }
  const error = errorFields(event.codes)
  if (error !== null) doc.error = error
  doc.log = { file: { path: event.source } }
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

  /** Adds to what the record has: arrays gain values, objects gain keys; a field already set is kept. */
  enrichRecord (record, codes, target, conflictNote) {
    const { type, outcome } = eventFields(codes)
    const ev = objectAt(record, 'event')
    if (ev !== null) {
      ev.kind ??= 'event'
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
