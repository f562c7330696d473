import { join } from 'node:path'
import { errnoProblem, problem, type Problem } from '../problems.js'

/** One file to summarize, and how big it is (for scheduling and progress; 0 when unknown). */
export interface InputFile {
  readonly path: string
  readonly bytes: number
}

/**
 * Files, directories (walked recursively, in name order) and `-` (stdin, size
 * unknown) expanded into files to read. A path that cannot be read is
 * reported through `onError` and skipped.
 *
 * Links are followed, and every file and folder is taken once, by its
 * identity (device and inode): a link back up the tree ends there instead of
 * walking it forever, and `current -> app.log.3`, a hard link, or a file
 * named twice is not counted twice. The first path met names it.
 *
 * A named pipe or a device is read when named on the command line (bash's
 * <(ssh host cat log) is one); met in a walk it is reported and skipped,
 * since opening a pipe waits for a writer that may never come.
 */
export async function expandInputs (paths: readonly string[], onError: (path: string, problem: Problem) => void): Promise<InputFile[]> {
  // Only summarize walks folders: loaded here, not as every command starts (see input.ts).
  const { readdir, stat } = process.getBuiltinModule('node:fs/promises')
  const out: InputFile[] = []
  const seen = new Set<string>()
  /** False when `s` was taken already; inode numbers are 64-bit, hence bigint. */
  const firstTime = (s: { dev: bigint, ino: bigint }): boolean => {
    const id = `${s.dev}:${s.ino}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  }
  const visit = async (path: string, named: boolean): Promise<void> => {
    let s
    try {
      s = await stat(path, { bigint: true })
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO'
      return onError(path, errnoProblem(code, 'cannotRead'))
    }
    if (s.isFile() || (named && (s.isFIFO() || s.isCharacterDevice()))) {
      if (firstTime(s)) out.push({ path, bytes: s.isFile() ? Number(s.size) : 0 })
      return
    }
    if (!s.isDirectory()) return onError(path, problem('notFileOrFolder'))
    if (!firstTime(s)) return
    let entries: string[]
    try {
      entries = (await readdir(path)).sort()
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO'
      return onError(path, errnoProblem(code, 'cannotList'))
    }
    for (const e of entries) await visit(join(path, e), false)
  }
  for (const p of paths) {
    if (p === '-') out.push({ path: '-', bytes: 0 })
    else await visit(p, true)
  }
  return out
}
