import { jsonText } from './json-text.js'
import type { RecordReading } from '../parse/record-line.js'
import type { OutputProfile } from './profile.js'

/**
 * Record mode's output line for a record line: the record with the
 * annotation added under `target` when it has codes, else the line exactly
 * as it came in, so records without codes (and lines that are no record)
 * are untouched byte for byte. Numbers are printed as they were written
 * (number-text.ts).
 */
export function recordText (line: string, reading: RecordReading, profile: OutputProfile, target: string): string {
  const { record, codes } = reading
  if (record === null || codes === null) return line
  profile.enrichRecord(record, codes, target, reading.conflict?.note)
  const text = jsonText(record)
  return reading.numbers === null ? text : reading.numbers.restore(text)
}
