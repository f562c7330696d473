import { execFileSync } from 'node:child_process'
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { problemText } from '../../src/problems.js'
import { expandInputs } from '../../src/source/inputs.js'

const root = mkdtempSync(join(tmpdir(), 'sspi-inputs-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A fresh folder holding `files` (name → text). */
function folder (name: string, files: Record<string, string> = {}): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true })
    writeFileSync(join(dir, f), text)
  }
  return dir
}

async function expand (paths: string[]): Promise<{ files: string[], errors: string[] }> {
  const errors: string[] = []
  const found = await expandInputs(paths, (path, p) => { errors.push(`${path}: ${problemText(p, 'en')}`) })
  return { files: found.map((f) => f.path), errors }
}

describe('expandInputs', () => {
  it('walks a folder recursively, in name order', async () => {
    const dir = folder('plain', { 'b.log': 'b\n', 'a/z.log': 'z\n', 'a/y.log.1.gz': 'y' })
    expect((await expand([dir])).files).toEqual([join(dir, 'a/y.log.1.gz'), join(dir, 'a/z.log'), join(dir, 'b.log')])
  })

  it('follows a link to a folder or file that is not otherwise in the walk', async () => {
    const elsewhere = folder('elsewhere', { 'far.log': 'far\n' })
    const dir = folder('links-out', { 'near.log': 'near\n' })
    symlinkSync(elsewhere, join(dir, 'archive'))
    expect((await expand([dir])).files).toEqual([join(dir, 'archive/far.log'), join(dir, 'near.log')])
  })

  it('ends on a link back to a folder it is in, reading each file once', async () => {
    const dir = folder('loop', { 'a/app.log': 'x\n' })
    symlinkSync('..', join(dir, 'a/up'))
    symlinkSync('.', join(dir, 'a/self'))
    const { files, errors } = await expand([dir])
    expect(files).toEqual([join(dir, 'a/app.log')])
    expect(errors).toEqual([])
  })

  it('reads a file once when a link in the walk leads to it too (current -> app.log.3)', async () => {
    const dir = folder('current', { 'app.log.3': 'x\n' })
    symlinkSync('app.log.3', join(dir, 'current'))
    expect((await expand([dir])).files).toEqual([join(dir, 'app.log.3')])
  })

  it('reads a file once when it is named twice, or named and inside a named folder', async () => {
    const dir = folder('twice', { 'one.log': 'x\n' })
    const file = join(dir, 'one.log')
    expect((await expand([file, file, dir])).files).toEqual([file])
  })

  it('reads a file once through two hard links', async () => {
    const dir = folder('hard', { 'one.log': 'x\n' })
    linkSync(join(dir, 'one.log'), join(dir, 'two.log'))
    expect((await expand([dir])).files).toEqual([join(dir, 'one.log')])
  })

  it('names a link in the walk that leads nowhere', async () => {
    const dir = folder('dangling', { 'ok.log': 'x\n' })
    symlinkSync(join(root, 'gone'), join(dir, 'current'))
    const { files, errors } = await expand([dir])
    expect(files).toEqual([join(dir, 'ok.log')])
    expect(errors).toEqual([`${join(dir, 'current')}: no such file or folder`])
  })

  it('takes a named pipe named on the command line (as from <(ssh host cat log))', async () => {
    const fifo = join(folder('fifo-named'), 'pipe')
    execFileSync('mkfifo', [fifo])
    expect(await expand([fifo])).toEqual({ files: [fifo], errors: [] })
  })

  it('skips a named pipe met in a walk, saying so: opening it would wait for a writer', async () => {
    const dir = folder('fifo-walk', { 'ok.log': 'x\n' })
    execFileSync('mkfifo', [join(dir, 'pipe')])
    const { files, errors } = await expand([dir])
    expect(files).toEqual([join(dir, 'ok.log')])
    expect(errors).toEqual([`${join(dir, 'pipe')}: not a file or folder`])
  })

  it('keeps - for standard input wherever it is given', async () => {
    const dir = folder('stdin', { 'a.log': 'a\n' })
    expect((await expand(['-', dir])).files).toEqual(['-', join(dir, 'a.log')])
  })
})
