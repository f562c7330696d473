import { renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import type { Summary } from './summary.js'
import { renderSummaryTable } from './table.js'
import type { Lang } from '../rules/lang.js'

export interface SummaryDestinations {
  /** Print on stderr: a table when it is a terminal, one JSON line otherwise. */
  readonly stderr: boolean
  /** Write JSON here, atomically. */
  readonly file: string | null
}

/** Where a summary meant for stderr goes: the real fd 2 unless a test says otherwise. */
export interface TextTarget {
  readonly isTTY: boolean
  write (text: string): void
}

const processStderr: TextTarget = {
  get isTTY () { return process.stderr.isTTY === true },
  write: (text) => writeAllSync(2, text),
}

/**
 * Writes a summary to where the user asked. Synchronous on purpose: it runs
 * from signal handlers and on the way out, when nothing asynchronous is
 * guaranteed to finish.
 */
export function writeSummary (summary: Summary, to: SummaryDestinations, stderr: TextTarget = processStderr, lang: Lang = 'en'): void {
  if (to.stderr) stderr.write(stderr.isTTY ? renderSummaryTable(summary, lang) : JSON.stringify(summary) + '\n')
  if (to.file !== null) writeFileAtomic(to.file, JSON.stringify(summary, null, 2) + '\n')
}

/**
 * Write beside the target, then rename over it: a reader (or a crash) never
 * sees half a file. rename() is atomic within one filesystem, which the
 * sibling temporary file guarantees. A failed write takes its temporary
 * file away with it.
 */
export function writeFileAtomic (path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
}

function writeAllSync (fd: number, text: string): void {
  const buf = Buffer.from(text)
  let off = 0
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off)
    } catch (err) {
      // stderr is non-blocking when it is a pipe another process drains slowly.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue
      throw err
    }
  }
}
