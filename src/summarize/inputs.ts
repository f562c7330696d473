import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** One file to summarize, and how big it is (for scheduling and progress). */
export interface InputFile {
  readonly path: string
  readonly bytes: number
}

const REASONS: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied' }

/**
 * Files, directories (walked recursively, in name order) and `-` (stdin, size
 * unknown) expanded into files to read. A path that cannot be read is
 * reported through `onError` and skipped; so is anything that is neither a
 * file nor a directory (sockets, devices).
 */
export async function expandInputs (paths: readonly string[], onError: (path: string, reason: string) => void): Promise<InputFile[]> {
  const out: InputFile[] = []
  const visit = async (path: string): Promise<void> => {
    let s
    try {
      s = await stat(path)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO'
      return onError(path, REASONS[code] ?? `cannot read (${code})`)
    }
    if (s.isFile()) return void out.push({ path, bytes: s.size })
    if (!s.isDirectory()) return onError(path, 'not a file or directory')
    let entries: string[]
    try {
      entries = (await readdir(path)).sort()
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO'
      return onError(path, REASONS[code] ?? `cannot list (${code})`)
    }
    for (const e of entries) await visit(join(path, e))
  }
  for (const p of paths) {
    if (p === '-') out.push({ path: '-', bytes: 0 })
    else await visit(p)
  }
  return out
}
