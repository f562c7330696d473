/** A batch of output goes on once it holds this much, even if more is coming. */
export const BATCH_BYTES = 64 * 1024

/**
 * Output text and bytes gathered into buffers of BATCH_BYTES as they are
 * made, each handed on as one Buffer when full or flushed. Record mode's
 * runs of lines passed on unread are views of the chunk just read, which is
 * read into again once scanned (source/text-source.ts): here they are
 * copied, once, with the record texts around them.
 *
 * The buffers come from a pool that the end of the pipeline fills again
 * once stdout has written a batch (output.ts): copied into fresh memory, the
 * bench's NDJSON corpus spent ~145 ms per 200 MB in the copies (new memory
 * is paged in as it is first written), ~110 ms when the copies were two.
 */
export class ByteBatch {
  private buf: Buffer | null = null
  private at = 0

  constructor (private readonly out: (batch: Buffer) => void) {}

  text (s: string): void {
    // A string takes at most three bytes per UTF-16 unit: its exact length is asked only near the end of a buffer.
    if (this.buf === null || this.at + s.length * 3 > BATCH_BYTES) {
      const n = Buffer.byteLength(s)
      if (n > BATCH_BYTES) return this.bytes(Buffer.from(s))
      if (this.buf === null || this.at + n > BATCH_BYTES) this.next()
    }
    this.at += this.buf!.write(s, this.at)
  }

  /** Bytes that are not the batch's: copied, across as many buffers as they fill. */
  bytes (b: Buffer): void {
    for (let from = 0; from < b.length;) {
      if (this.buf === null || this.at === BATCH_BYTES) this.next()
      const n = b.copy(this.buf!, this.at, from, from + BATCH_BYTES - this.at)
      this.at += n
      from += n
    }
  }

  /** What is gathered goes on now. */
  flush (): void {
    if (this.buf === null || this.at === 0) return
    const batch = this.buf.subarray(0, this.at)
    this.buf = null
    this.at = 0
    this.out(batch)
  }

  private next (): void {
    this.flush()
    this.buf = takeBuffer()
  }
}

/** Buffers of BATCH_BYTES written out and free again; a few, as output is written as it is made. */
const free: Buffer[] = []
const FREE_AT_MOST = 32
/** The pool's buffers handed out and not yet given back (by their memory), so that only those are taken back, and once. */
const lent = new WeakSet<ArrayBufferLike>()

function takeBuffer (): Buffer {
  const b = free.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES)
  lent.add(b.buffer)
  return b
}

/**
 * A batch the end of the pipeline has seen written: its buffer may be
 * filled again. Anything else (text, a Buffer that is no batch) is left to
 * the garbage collector.
 */
export function batchWritten (batch: Buffer | string): void {
  if (typeof batch === 'string' || !lent.has(batch.buffer)) return
  lent.delete(batch.buffer)
  if (free.length < FREE_AT_MOST) free.push(Buffer.from(batch.buffer, 0, BATCH_BYTES))
}
