import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers/cli.js'

const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8')
const named = [...new Set([...doc.matchAll(/`((?:src|test)\/[\w/.-]+\.ts)`/g)].map((m) => m[1]!))]

function sources (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [relative(ROOT, join(dir, e.name))] : []))
}

describe('docs/architecture.md', () => {
  it('names only files that exist', () => {
    expect(named.filter((f) => !existsSync(join(ROOT, f)))).toEqual([])
  })

  it('names every source file, so that each arrow of the flow points at one', () => {
    expect(sources(join(ROOT, 'src')).filter((f) => !named.includes(f))).toEqual([])
  })
})
