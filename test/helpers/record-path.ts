import type { Matcher } from '../../src/match/compile.js'
import { LineScanner } from '../../src/scan/line-scanner.js'
import { recordSink } from '../../src/pipeline/sinks.js'
import type { RecordReading } from '../../src/parse/record-line.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { matcher as builtin } from './rules.js'

/** One record line through the record path every reader uses (sink, reading, count), as record mode and rsyslog take it. */
export function readRecordThroughSink (line: string, options: { matcher?: Matcher, fields?: readonly string[] | null, counter?: SummaryCounter } = {}): { line: string, reading: RecordReading, counter: SummaryCounter } {
  const matcher = options.matcher ?? builtin
  const counter = options.counter ?? new SummaryCounter()
  let got: { line: string, reading: RecordReading } | null = null
  const sink = recordSink({ matcher, fields: options.fields ?? null, counter, place: { host: 't' } }, { each: (l, reading) => { got = { line: l, reading } } })
  new LineScanner({ matcher, mode: 'unscanned', maxLineBytes: 2 ** 30 }, sink).writeLine(line)
  return { ...got!, counter }
}
