import { shownValue, type AnnotatedCode } from '../enrich/codes.js'
import { objectAt, primaryCode, type OutputEvent, type OutputProfile } from './profile.js'
import { readLineStart } from '../parse/line-start.js'

/**
 * OpenTelemetry. In text mode each event is one OTLP/JSON export request,
 * as a collector's file exporter writes them and its otlpjsonfile receiver
 * reads them, one per line: resourceLogs → scopeLogs → logRecords, every
 * value an AnyValue, 64-bit times as decimal strings (the protobuf JSON
 * mapping). error.type, log.file.path and host.name are OpenTelemetry
 * semantic-convention names; the SSPI attributes are namespaced
 * windows.sspi.status.* for the primary code (the first failure, else the
 * first code), with the lists of all codes beside them. In record mode the
 * same attributes go into the record's own attributes object, as strings and
 * arrays of strings.
 */
const SEVERITY = { error: { severityNumber: 17, severityText: 'ERROR' }, success: { severityNumber: 9, severityText: 'INFO' } }

function attributesOf (codes: readonly AnnotatedCode[]): Record<string, string | string[]> {
  const first = primaryCode(codes)
  if (first === undefined) return {}
  const a: Record<string, string | string[]> = {}
  if (first.severity === 'error') a['error.type'] = first.name ?? shownValue(first)
  a['windows.sspi.status.code'] = shownValue(first)
  a['windows.sspi.status.family'] = first.family
  if (first.name !== null) a['windows.sspi.status.name'] = first.name
  if (first.category !== null) a['windows.sspi.status.category'] = first.category
  a['windows.sspi.status.meaning'] = first.meaning
  if (first.hint !== null) a['windows.sspi.status.hint'] = first.hint
  a['windows.sspi.status.codes'] = codes.map(shownValue)
  a['windows.sspi.status.names'] = codes.map((c) => c.name ?? shownValue(c))
  return a
}

const severityOf = (codes: readonly AnnotatedCode[]) => SEVERITY[codes.some((c) => c.severity === 'error') ? 'error' : 'success']

type AnyValue = { stringValue: string } | { arrayValue: { values: Array<{ stringValue: string }> } }
const anyValue = (v: string | string[]): AnyValue => (typeof v === 'string' ? { stringValue: v } : { arrayValue: { values: v.map((x) => ({ stringValue: x })) } })
const keyValues = (a: Record<string, string | string[]>): Array<{ key: string, value: AnyValue }> => Object.entries(a).map(([key, v]) => ({ key, value: anyValue(v) }))

/** Milliseconds since the epoch as OTLP's nanoseconds, a decimal string. */
const unixNano = (ms: number): string => (BigInt(Math.round(ms)) * 1_000_000n).toString()

const SCOPE = { name: 'sspi-annotate' }

function otelLineObject (event: OutputEvent): object {
  const start = readLineStart(event.line)
  const attributes: Record<string, string | string[]> = {}
  // Standard input has no path.
  if (event.source !== '-') attributes['log.file.path'] = event.source
  Object.assign(attributes, attributesOf(event.codes))
  if (event.conflict === true) attributes['windows.sspi.conflict'] = event.conflictNote!
  if (event.truncated === true) attributes['windows.sspi.line.original_length'] = String(event.originalLength)
  if (event.repeated !== undefined) attributes['windows.sspi.repeated'] = String(event.repeated)
  // The time the line says it happened, when it says; when it was read, always.
  const record: Record<string, unknown> = {}
  if (start.time !== null) record.timeUnixNano = unixNano(start.time)
  record.observedTimeUnixNano = unixNano(Date.now())
  // Severity only where a code gives one: a line without codes (--all) has none.
  if (event.codes.length > 0) Object.assign(record, severityOf(event.codes))
  record.body = { stringValue: event.line }
  // Empty lists left out, as the protobuf JSON mapping writes them.
  if (Object.keys(attributes).length > 0) record.attributes = keyValues(attributes)
  const resource = start.host === null ? {} : { attributes: keyValues({ 'host.name': start.host }) }
  return { resourceLogs: [{ resource, scopeLogs: [{ scope: SCOPE, logRecords: [record] }] }] }
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
