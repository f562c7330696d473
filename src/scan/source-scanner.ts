import { InputDecoder } from '../decode/decode.js'
import { firstLineMode, type InputMode } from '../parse/input-mode.js'
import type { Matcher } from '../match/compile.js'
import { LineScanner, type LineSink } from './line-scanner.js'

/** What reads the lines of a source once its kind (text or NDJSON records) is known. */
export interface SinkChoice {
  readonly sink: LineSink
  readonly mode: 'hits' | 'every' | 'unscanned'
}

export interface SourceScannerOptions {
  readonly matcher: Matcher
  /** text, ndjson, or auto: ndjson when the first non-blank line is a JSON object. */
  readonly input: InputMode | 'auto'
  readonly maxLineBytes: number
  /** The sink for the kind of input found. */
  readonly sinkFor: (input: InputMode) => SinkChoice
  readonly onReplaced?: (n: number) => void
  /** false: the bytes are a slice from inside a file, where no BOM is looked for (they are UTF-8). */
  readonly startOfFile?: boolean
}

/**
 * One source's bytes in, in any encoding Windows logs come in and in chunks
 * of any size; its lines out to a sink. Decoding (InputDecoder), the choice
 * of text or records for --input auto, and the line scanner, in the order
 * every reader needs them: annotate's stream stage and summarize's file
 * reader are both this object.
 */
export class SourceScanner {
  private readonly decoder: InputDecoder
  private scanner: LineScanner | null = null
  /** --input auto: decoded bytes held until the first line decides. */
  private head: Buffer[] = []
  private headText = ''

  constructor (private readonly options: SourceScannerOptions) {
    this.decoder = new InputDecoder({ onReplaced: options.onReplaced, bom: options.startOfFile !== false })
    if (options.input !== 'auto') this.start(options.input)
  }

  write (chunk: Buffer): void {
    const bytes = this.decoder.write(chunk)
    if (this.scanner !== null) return this.scanner.write(bytes)
    this.sniff(bytes, false)
  }

  end (): void {
    const rest = this.decoder.end()
    if (this.scanner === null) this.sniff(rest, true)
    else this.scanner.write(rest)
    this.scanner!.end()
  }

  private sniff (bytes: Buffer, ended: boolean): void {
    if (bytes.length > 0) {
      this.head.push(Buffer.from(bytes))
      this.headText += bytes.toString('utf8')
    }
    const mode = firstLineMode(this.headText, ended)
    if (mode === null && !ended) return
    this.start(mode ?? 'text')
    for (const b of this.head) this.scanner!.write(b)
    this.head = []
    this.headText = ''
  }

  private start (input: InputMode): void {
    const { sink, mode } = this.options.sinkFor(input)
    this.scanner = new LineScanner({ matcher: this.options.matcher, mode, maxLineBytes: this.options.maxLineBytes }, sink)
  }
}
