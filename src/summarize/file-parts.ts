import type { Problem } from '../problems.js'
import { addSummary, mergeSummaries, shiftOccurrences, type Summary } from '../summary/summary.js'
import type { InputFile } from '../source/inputs.js'
import type { SourcePiece } from './summarize-source.js'

/** One piece of work: a whole file, or a slice of one. */
export interface Task extends SourcePiece {
  /** Index of the file in the list given. */
  readonly file: number
  /** Index of the piece within its file: 0 for a whole file, else the slice's place. */
  readonly part: number
  readonly bytes: number
}

export interface FilePartsListener {
  readonly onFile?: (file: InputFile) => void
  readonly onError?: (path: string, problem: Problem) => void
}

/**
 * The summaries of the pieces of each file as they come in, from any thread
 * in any order: a file is done when all its pieces are (onFile), and fails
 * once, with the first reason, if any of them fails (onError). Pieces are
 * merged in file order, not in the order they finished: a merged summary
 * lists codes, hours and hosts in the order first met, so merging as they
 * came in made the JSON of one run differ from the next.
 *
 * A piece is merged as soon as the pieces before it are: merging the four
 * bench files' 36 slices at the end took ~20 ms (cold code, ~70 KB of
 * tallies a slice) while the other core sat idle; merged as they come in,
 * that work is done while the other threads are still reading.
 */
export class FileParts {
  private readonly each: FileMerge[]

  constructor (private readonly files: readonly InputFile[], tasks: readonly Task[], private readonly listener: FilePartsListener = {}) {
    this.each = files.map(() => new FileMerge())
    for (const t of tasks) this.each[t.file]!.left++
  }

  done (task: Task, summary: Summary): void {
    const m = this.each[task.file]!
    m.add(task.part, summary)
    if (--m.left === 0 && !m.broken) this.listener.onFile?.(this.files[task.file]!)
  }

  failed (task: Task, problem: Problem): void {
    const m = this.each[task.file]!
    m.left--
    if (m.broken) return
    m.break()
    this.listener.onError?.(task.path, problem)
  }

  /**
   * Each file's summary, its slices merged into one file's; null for a file
   * that failed or that no thread began (a run stopped by a signal). Such a
   * run may leave a file's later slices unread: the ones read are merged,
   * with no line numbers after the hole.
   */
  results (): Array<Summary | null> {
    return this.each.map((m) => m.result())
  }
}

/** One file's pieces, merged in order as far as they have come in. */
class FileMerge {
  left = 0
  broken = false
  /** Pieces 0 … next-1, merged; lines in them. */
  private merged: Summary | null = null
  private next = 0
  private lines = 0
  /** Whether `merged` is a summary made here, to add into, rather than a piece as it came. */
  private own = false
  /** Pieces in ahead of their turn, by index. */
  private readonly early = new Map<number, Summary>()

  add (part: number, summary: Summary): void {
    if (this.broken) return
    this.early.set(part, summary)
    for (let s = this.early.get(this.next); s !== undefined; s = this.early.get(this.next)) {
      this.early.delete(this.next++)
      this.take(s, this.lines)
      this.lines += s.lines
    }
  }

  break (): void {
    this.broken = true
    this.merged = null
    this.early.clear()
  }

  result (): Summary | null {
    if (this.broken) return null
    for (const part of [...this.early.keys()].sort((a, b) => a - b)) this.take(this.early.get(part)!, null)
    this.early.clear()
    return this.merged
  }

  /**
   * A slice counts its lines from 1: each code's first and last line move
   * by the lines of the slices before it (`before`; null when one was never
   * read). A file read whole is its own summary; one read in slices gets a
   * new one, counting one file.
   */
  private take (s: Summary, before: number | null): void {
    if (before !== 0) shiftOccurrences(s, before)
    if (this.merged === null) {
      this.merged = before === 0 ? s : { ...mergeSummaries(s), files: 1 }
      this.own = before !== 0
      return
    }
    if (!this.own) this.merged = mergeSummaries(this.merged)
    this.own = true
    addSummary(this.merged, s)
    this.merged.files = 1
  }
}
