import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: the nearest folder above this file with a package.json (works from bench/ and from its build). */
function findRoot (from: string): string {
  let dir = dirname(from)
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error(`no package.json above ${from}`)
    dir = up
  }
  return dir
}

export const ROOT = findRoot(fileURLToPath(import.meta.url))
export const CLI = join(ROOT, 'dist', 'cli.cjs')
export const CACHE = join(ROOT, 'bench', '.cache')
/** The shared corpus beside the project, when it is there. */
export const SHARED_GEN = join(ROOT, '..', 'shared', 'corpus', 'gen.mjs')
