import { Readable } from 'node:stream'
import { SourceScanner, type SinkChoice, type SourceScannerOptions } from '../scan/source-scanner.js'
import type { InputMode } from '../parse/input-mode.js'
import { ByteBatch } from '../write/byte-batch.js'

/** Events made from one chunk, in order, as the next stage gets them. */
type EventRun = unknown[]

/**
 * At most this many events in a run. With --all a 512 KiB chunk of short
 * lines is ~20,000 events, ~10 MB of objects; the few runs the stages hold
 * while stdout is not read then took a stalled run's RSS to 150 MB.
 */
const RUN_EVENTS = 256

/**
 * The head of one source's pipeline: its raw chunks in, read as they are
 * asked for; what its sinks make of its lines out (events, record lines,
 * rsyslog replies), in object mode. pipeline() carries backpressure and
 * errors from here on.
 *
 * The events of a chunk go on in arrays (EventRun), not one push each:
 * the stream machinery per event was ~5% of `--all` over a million lines
 * and ~2% of annotating the bench corpus (paired medians by hand: 0.940
 * and 0.968-0.982).
 *
 * A chunk is scanned as soon as it is read, and the next is asked for only
 * after that, so a file can be read into one reused buffer: reading a
 * 125 MB file into a new buffer per 512 KiB chunk took ~75 ms of annotate's
 * CPU profile (fresh memory is paged in on every read), ~20 ms into one
 * buffer. So nothing pushed may be a view of a chunk: the text and bytes
 * the sinks hand over (record texts, runs of records passed on unread,
 * rsyslog replies) go into a ByteBatch, which copies them and is pushed
 * when full, when an object comes (text mode's events) and once each chunk
 * is scanned. Reading stops while the next stage wants no more.
 */
export class ScanSource extends Readable {
  private readonly scanner: SourceScanner
  private readonly chunks: AsyncIterator<Buffer> | Iterator<Buffer>
  private pumping = false
  /** The next stage still wants more (push() has not said stop). */
  private wanted = false
  private readonly batch = new ByteBatch((b) => { this.send(b) })

  /**
   * `whole`: asked at the end of input; false when the input broke off (a
   * gzip file cut short), and the line in hand is then not a line.
   */
  constructor (chunks: AsyncIterable<Buffer> | Iterable<Buffer>, options: Omit<SourceScannerOptions, 'sinkFor'>, sinkFor: (input: InputMode, emit: (out: unknown) => void) => SinkChoice, private readonly whole: () => boolean = () => true) {
    // A pushed item is a run of events or a batch of bytes: two waiting are plenty.
    super({ objectMode: true, highWaterMark: 2 })
    this.chunks = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()
    const emit = (out: unknown): void => {
      if (typeof out === 'string' || Buffer.isBuffer(out)) {
        this.sendEvents()
        if (typeof out === 'string') this.batch.text(out)
        else this.batch.bytes(out)
      } else {
        this.batch.flush()
        if (this.events.push(out) === RUN_EVENTS) this.sendEvents()
      }
    }
    this.scanner = new SourceScanner({ ...options, sinkFor: (input) => sinkFor(input, emit) })
  }

  /** The events made since the last push, in order. */
  private events: unknown[] = []

  private sendEvents (): void {
    if (this.events.length === 0) return
    const run: EventRun = this.events
    this.events = []
    this.send(run)
  }

  private send (out: unknown): void {
    if (!this.push(out)) this.wanted = false
  }

  override _read (): void {
    this.wanted = true
    if (!this.pumping) void this.pump()
  }

  /**
   * Reads and scans chunks while the next stage wants more. A _read that
   * comes while a chunk is awaited keeps the loop going; one that comes
   * after it has stopped starts it again (`pumping` is cleared in the same
   * step as the loop's last look at `wanted`, so none is missed: Readable
   * asks no more until something is pushed).
   */
  private async pump (): Promise<void> {
    this.pumping = true
    try {
      while (this.wanted && !this.destroyed) {
        const next = await this.chunks.next()
        if (next.done === true) {
          if (this.whole()) this.scanner.end()
          this.sendEvents()
          this.batch.flush()
          this.push(null)
          return
        }
        this.scanner.write(next.value)
        this.sendEvents()
        this.batch.flush()
      }
    } catch (err) {
      this.destroy(err as Error)
    } finally {
      this.pumping = false
    }
  }

  override _destroy (err: Error | null, callback: (err?: Error | null) => void): void {
    // Lets the source close its file; not awaited: a source waiting on a
    // pipe that never ends would hold the pipeline's teardown.
    Promise.resolve(this.chunks.return?.()).catch(() => {})
    callback(err)
  }
}
