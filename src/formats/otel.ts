import type { AnnotatedCode } from '../enrich/codes.js'
import { objectAt, primaryCode, type OutputEvent, type OutputProfile } from './profile.js'

/**
 * An OpenTelemetry log record (Logs Data Model), as plain JSON: body,
 * severity, attributes. error.type and log.file.path are OpenTelemetry
 * semantic-convention names; the SSPI attributes are namespaced
 * windows.sspi.status.* for the primary code (the first failure, else the
 * first code), with the lists of all codes beside them. Attribute values are
 * strings or arrays of strings, which every OpenTelemetry backend accepts.
 */
const SEVERITY = { error: { severityNumber: 17, severityText: 'ERROR' }, success: { severityNumber: 9, severityText: 'INFO' } }

function attributesOf (codes: readonly AnnotatedCode[]): Record<string, string | string[]> {
  const first = primaryCode(codes)
  if (first === undefined) return {}
  const a: Record<string, string | string[]> = {}
  if (first.severity === 'error') a['error.type'] = first.name ?? first.hresult
  a['windows.sspi.status.code'] = first.hresult
  if (first.name !== null) a['windows.sspi.status.name'] = first.name
  if (first.category !== null) a['windows.sspi.status.category'] = first.category
  a['windows.sspi.status.meaning'] = first.meaning
  if (first.hint !== null) a['windows.sspi.status.hint'] = first.hint
  a['windows.sspi.status.codes'] = codes.map((c) => c.hresult)
  a['windows.sspi.status.names'] = codes.map((c) => c.name ?? c.hresult)
  return a
}

const severityOf = (codes: readonly AnnotatedCode[]) => SEVERITY[codes.some((c) => c.severity === 'error') ? 'error' : 'success']

function otelLineObject (event: OutputEvent): object {
  const attributes: Record<string, unknown> = { 'log.file.path': event.source, ...attributesOf(event.codes) }
  if (event.conflict === true) attributes['windows.sspi.conflict'] = event.conflictNote
  if (event.truncated === true) attributes['windows.sspi.line.original_length'] = String(event.originalLength)
  if (event.repeated !== undefined) attributes['windows.sspi.repeated'] = String(event.repeated)
  return { ...severityOf(event.codes), body: event.line, attributes }
}

export const otelProfile: OutputProfile = {
  name: 'otel',
  lineObject: otelLineObject,
  lineJson: (event) => JSON.stringify(otelLineObject(event)),

  /** The attributes go into the record's own attributes object (made if absent); severity is set only where missing. */
  enrichRecord (record, codes, _target, conflictNote) {
    const attributes = objectAt(record, 'attributes')
    if (attributes !== null) Object.assign(attributes, attributesOf(codes))
    if (attributes !== null && conflictNote != null) attributes['windows.sspi.conflict'] = conflictNote
    const severity = severityOf(codes)
    record.severityNumber ??= severity.severityNumber
    record.severityText ??= severity.severityText
  },
}
