import through2 from 'through2'
import type { Transform } from 'node:stream'
import { processRecordLine, type RecordOptions } from './records.js'

// Apart from records.ts so that what reads records without a stream (summarize's
// worker threads) does not load through2 and readable-stream: ~6,400 of the
// worker bundle's ~7,800 lines, parsed by every worker before its first piece.

/** Record lines in, output lines (strings) out: every record, in order. */
export function createRecordStage (options: RecordOptions): Transform {
  return through2.obj(function (line: string, _enc: BufferEncoding, callback: (err: null, text: string) => void) {
    callback(null, processRecordLine(options, line).text)
  }) as unknown as Transform
}
