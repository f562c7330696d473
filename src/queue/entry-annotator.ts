import type { Matcher } from '../match/compile.js'
import { LineScanner, type LineSink } from '../scan/line-scanner.js'
import { eventSink, hostOfSource, recordSink } from '../pipeline/sinks.js'
import { PROFILES, type FormatName } from '../formats/index.js'
import { recordText } from '../formats/record-text.js'
import type { SummaryCounter } from '../summary/summary.js'
import type { LineEvent } from '../enrich/line-event.js'

export interface EntryAnnotatorOptions {
  readonly matcher: Matcher
  /** text: events for lines with codes (every line with `all`); ndjson: every record back, annotated when it has codes. */
  readonly input: 'text' | 'ndjson'
  readonly all: boolean
  readonly fields: readonly string[] | null
  readonly target: string
  readonly format: FormatName
  readonly maxLineBytes: number
  /** What events carry in `source`: the stream or list. */
  readonly source: string
}

/**
 * One queue entry's text (one line or many) in, the NDJSON text of what stdin mode writes for
 * them out ('' when nothing): the same scanner, sinks and formats, the
 * counts going to the counter given with each entry. Text events also say
 * which entry they came from: `entry` (native), `event.id` (ECS), the log
 * record's `messaging.message.id` attribute (OpenTelemetry); their
 * lineNumber counts from 1 in each entry.
 */
export function createEntryAnnotator (o: EntryAnnotatorOptions): (counter: SummaryCounter) => (text: string | Buffer, entry: string | null) => string {
  const profile = PROFILES[o.format]
  const place = { host: hostOfSource(o.source), hostField: null }
  // One scanner per batch, counting into the batch's counter: the counts of
  // a batch are kept only for the entries it wrote (consumer.ts).
  return (counter) => {
    let out = ''
    let entry: string | null = null
    let first = 0
    let seen = 0
    const emitEvent = (event: LineEvent): void => {
      const numbered = { ...event, lineNumber: event.lineNumber - first }
      if (o.format === 'native') {
        // The native line is built from cached pieces (native.ts); the entry goes last.
        const json = profile.lineJson(numbered)
        out += (entry === null ? json : `${json.slice(0, -1)},"entry":${JSON.stringify(entry)}}`) + '\n'
        return
      }
      const shown = profile.lineObject(numbered) as Record<string, unknown>
      if (entry !== null) withEntry(o.format, shown, entry)
      out += JSON.stringify(shown) + '\n'
    }
    const counted = (sink: LineSink): LineSink => ({
      plain: (n) => { seen += n; sink.plain(n) },
      line: (l) => { seen++; sink.line(l) },
    })
    const scanner = o.input === 'text'
      ? new LineScanner({ matcher: o.matcher, mode: o.all ? 'every' : 'hits', maxLineBytes: o.maxLineBytes }, counted(eventSink({ source: o.source, all: o.all, counter, place }, emitEvent)))
      : new LineScanner({ matcher: o.matcher, mode: 'unscanned', maxLineBytes: o.maxLineBytes }, counted(recordSink({ matcher: o.matcher, fields: o.fields, counter, place, source: o.source }, { each: (line, reading) => { out += recordText(line, reading, profile, o.target) + '\n' } })))
    return (text, id) => {
      out = ''
      entry = id
      first = seen
      // One block for the whole entry: the prefilter looks at its bytes once;
      // end() takes a last line without its LF, as at the end of a file.
      scanner.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
      scanner.end()
      return out
    }
  }
}

/** Where each format says which queue entry an event came from. */
function withEntry (format: FormatName, shown: Record<string, unknown>, entry: string): void {
  if (format === 'ecs') (shown.event as Record<string, unknown>).id = entry
  else {
    const record = ((((shown.resourceLogs as Array<Record<string, unknown>>)[0]!.scopeLogs as Array<Record<string, unknown>>)[0]!.logRecords as Array<Record<string, unknown>>)[0]!)
    ;(record.attributes as unknown[]).push({ key: 'messaging.message.id', value: { stringValue: entry } })
  }
}
