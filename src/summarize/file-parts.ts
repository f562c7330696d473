import type { Problem } from '../problems.js'
import { mergeSummaries, shiftOccurrences, type Summary } from '../summary/summary.js'
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
 */
export class FileParts {
  private readonly left: number[]
  private readonly summaries: Summary[][]
  private readonly broken: boolean[]

  constructor (private readonly files: readonly InputFile[], tasks: readonly Task[], private readonly listener: FilePartsListener = {}) {
    this.left = files.map(() => 0)
    for (const t of tasks) this.left[t.file]!++
    this.summaries = files.map(() => [])
    this.broken = files.map(() => false)
  }

  done (task: Task, summary: Summary): void {
    this.summaries[task.file]![task.part] = summary
    if (--this.left[task.file]! === 0 && !this.broken[task.file]) this.listener.onFile?.(this.files[task.file]!)
  }

  failed (task: Task, problem: Problem): void {
    this.left[task.file]!--
    if (this.broken[task.file]) return
    this.broken[task.file] = true
    this.listener.onError?.(task.path, problem)
  }

  /**
   * Each file's summary, its slices merged into one file's; null for a file
   * that failed or that no thread began (a run stopped by a signal). Such a
   * run may leave a file's later slices unread: the ones read are merged.
   */
  results (): Array<Summary | null> {
    return this.summaries.map((all, i) => {
      // filter() skips the holes of slices never read.
      const parts = all.filter(() => true)
      if (this.broken[i] || parts.length === 0) return null
      if (parts.length === 1 && all[0] !== undefined) return parts[0]!
      // A slice counts its lines from 1: each code's first and last line
      // move by the lines of the slices before it, unknown after a hole.
      let before: number | null = 0
      for (let k = 0; k < all.length; k++) {
        const part = all[k]
        if (part === undefined) { before = null; continue }
        if (k > 0) shiftOccurrences(part, before)
        if (before !== null) before += part.lines
      }
      const whole = mergeSummaries(...parts)
      whole.files = 1
      return whole
    })
  }
}
