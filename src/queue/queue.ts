/**
 * What the consumer loop needs from a queue, whatever engine is behind it
 * (Redis streams and lists here; a Kafka consumer group would be a third):
 * read a batch, then for each entry either commit its output (write and
 * acknowledge together) or report it failed.
 */

/** One entry as read: its id where the engine has one, and its lines; null for an entry that holds none. */
export interface QueueEntry {
  readonly id: string | null
  /** Stream entries: the id; list items: the item itself, which is how a list finds it again. */
  readonly handle: string
  /** One line, or several separated by LF, as the engine gave them; the scanner splits them as it splits any input (scan/hit-lines.ts). */
  readonly text: string | Buffer | null
  /** Why `text` is null. */
  readonly problem?: string
}

/** An entry annotated: the NDJSON text to write for it ('' when it gives no output). */
export interface DoneEntry {
  readonly entry: QueueEntry
  readonly output: string
}

export interface FailedEntry {
  readonly entry: QueueEntry
  readonly error: string
}

export interface Queue {
  /** Up to `max` entries: this worker's unfinished ones first, then others' stalled ones, then new ones. Empty when none came in the wait. */
  read (max: number): Promise<QueueEntry[]>
  /**
   * Write each entry's output and acknowledge it. Where the output goes to
   * the same server, checking that the entry is still this worker's,
   * writing and acknowledging are one atomic step, so that a worker that
   * stalled past the claim delay writes nothing twice. Returns the entries
   * written.
   */
  commit (done: readonly DoneEntry[]): Promise<readonly DoneEntry[]>
  /** Entries that could not be annotated: left for another delivery, or dead-lettered once delivered too often. */
  fail (failed: readonly FailedEntry[]): Promise<void>
  close (): Promise<void>
}

/** An entry's fields: `line`, or `lines` holding several separated by LF. */
export function textOfFields (fields: ReadonlyMap<string, string | Buffer>): { text: string | Buffer | null, problem?: string } {
  const text = fields.get('line') ?? fields.get('lines')
  if (text !== undefined) return { text }
  return { text: null, problem: `the entry has no "line" or "lines" field (fields: ${[...fields.keys()].join(', ') || 'none'})` }
}
