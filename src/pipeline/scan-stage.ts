import { Transform, type TransformCallback } from 'node:stream'
import { SourceScanner, type SinkChoice, type SourceScannerOptions } from '../scan/source-scanner.js'
import type { InputMode } from '../parse/input-mode.js'

/**
 * One source's raw bytes in, what its sinks make of its lines out (events,
 * record lines, rsyslog replies), in object mode: the SourceScanner as a
 * stream stage, so that pipeline() carries backpressure and errors.
 */
export class ScanStage extends Transform {
  private readonly scanner: SourceScanner

  /**
   * `whole`: asked at the end of input; false when the input broke off (a
   * gzip file cut short), and the line in hand is then not a line.
   */
  constructor (options: Omit<SourceScannerOptions, 'sinkFor'>, sinkFor: (input: InputMode, emit: (out: unknown) => void) => SinkChoice, private readonly whole: () => boolean = () => true) {
    // Sized for the chunks files are read in; at the default 16 KiB every
    // chunk would stall the stage until the next one is asked for.
    super({ writableHighWaterMark: 64 * 1024, readableObjectMode: true })
    const emit = (out: unknown): void => { this.push(out) }
    this.scanner = new SourceScanner({ ...options, sinkFor: (input) => sinkFor(input, emit) })
  }

  override _transform (chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.scanner.write(chunk)
    callback()
  }

  override _flush (callback: TransformCallback): void {
    if (this.whole()) this.scanner.end()
    callback()
  }
}
