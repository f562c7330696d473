import through2 from 'through2'
import type { Transform } from 'node:stream'
import type { Matcher } from '../match/compile.js'
import type { SummaryCounter } from '../summary/summary.js'
import { annotateRecord, recordConflict } from '../stream/records.js'
import { parseRecord } from '../enrich/fields.js'
import { TRUNCATION_MARK_CODE, type Truncations } from '../stream/line-guard.js'
import { nativeProfile } from './native.js'

export interface RsyslogReplyOptions {
  readonly matcher: Matcher
  /** Fields of rsyslog's message object to scan; default msg. */
  readonly fields: readonly string[] | null
  /** The message variable set under $! (default sspi). */
  readonly target: string
  readonly counter?: SummaryCounter
  readonly truncations?: Truncations
}

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
export function rsyslogReply (options: RsyslogReplyOptions, line: string): string {
  const { counter } = options
  if (line.charCodeAt(line.length - 1) === TRUNCATION_MARK_CODE && options.truncations !== undefined) {
    options.truncations.take()
    counter?.countTruncated()
  }
  const message = parseRecord(line)
  if (message === null) {
    counter?.countLine(null)
    counter?.countMalformed()
    return NO_CHANGE
  }
  const codes = annotateRecord(options.matcher, message, options.fields ?? ['msg'])
  counter?.countLine(codes)
  if (codes === null) return NO_CHANGE
  const conflict = recordConflict(message, codes)
  if (conflict !== null) counter?.countConflict()
  const variables: Record<string, unknown> = {}
  nativeProfile.enrichRecord(variables, codes, options.target, conflict?.note)
  return JSON.stringify({ '$!': variables })
}

/** Message lines in, reply lines (strings) out: exactly one reply per message. */
export function createRsyslogStage (options: RsyslogReplyOptions): Transform {
  return through2.obj(function (line: string, _enc: BufferEncoding, callback: (err: null, reply: string) => void) {
    callback(null, rsyslogReply(options, line))
  }) as unknown as Transform
}
