import { accessSync, constants, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { writeFileAtomic } from '../summary/report.js'
import { problem, problemOf, tell, type Problem } from '../problems.js'
import type { Lang } from '../rules/lang.js'

/**
 * Why no file can be written at `path`, or null when it looks writable: its
 * folder exists and may be written to, and the path is not a folder.
 * Checked with the arguments, so that a mistyped --html fails at once
 * rather than after minutes of reading logs. Only a first check: the write
 * itself can still fail (writeOutputFile).
 */
export function outputFileProblem (path: string): Problem | null {
  const full = resolve(path)
  const folder = dirname(full)
  try {
    if (!statSync(folder).isDirectory()) return problem('notAFolder', folder)
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory() === true) return problem('isFolder')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return problem('folderMissing', folder)
    if (code === 'ENOTDIR') return problem('notAFolder', folder)
    return problemOf(err)
  }
  try {
    accessSync(folder, constants.W_OK)
  } catch {
    return problem('folderNotWritable', folder)
  }
  return null
}

/**
 * Write a whole output file atomically (beside it, then renamed: a browser
 * or a script reading it never sees half). False, with one line on stderr,
 * when it cannot be written; the caller's exit status should say so.
 */
export function writeOutputFile (path: string, text: string, lang: Lang = 'en'): boolean {
  try {
    writeFileAtomic(path, text)
    return true
  } catch (err) {
    tell(lang, problem('cannotWrite', path, (err as Error).message))
    return false
  }
}
