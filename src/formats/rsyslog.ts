import type { RecordReading } from '../parse/record-line.js'
import { nativeProfile } from './native.js'

const NO_CHANGE = '{}'

/**
 * The reply to one message of rsyslog's mmexternal interface
 * (plugins/external/INTERFACE.md in rsyslog): with interface.input="fulljson"
 * each input line is the message object as JSON; rsyslog blocks until it
 * reads exactly one reply line for it, in order. The reply names only what
 * changes: `{"$!":{"sspi":{"codes":[…]}}}` adds the message variable
 * $!sspi (the native record annotation: with `conflict` and `conflictNote`
 * when a name sits beside a different code's number), and `{}` changes
 * nothing. Every line gets a reply, a broken one included, or rsyslog would
 * wait forever.
 */
export function rsyslogReply (reading: RecordReading, target: string): string {
  if (reading.codes === null) return NO_CHANGE
  const variables: Record<string, unknown> = {}
  nativeProfile.enrichRecord(variables, reading.codes, target, reading.conflict?.note)
  return JSON.stringify({ '$!': variables })
}

/** The replies to `lines` messages that change nothing, newlines included. */
export function rsyslogUnchanged (lines: number): string {
  return `${NO_CHANGE}\n`.repeat(lines)
}

/** The fields of rsyslog's message object scanned when --field is not given. */
export const RSYSLOG_FIELDS: readonly string[] = ['msg']
