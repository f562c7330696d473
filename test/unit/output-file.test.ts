import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { outputFileProblem, writeOutputFile } from '../../src/commands/output-file.js'
import { problemText, type Problem } from '../../src/problems.js'

const said = (p: Problem | null): string | null => (p === null ? null : problemText(p, 'en'))

const dir = mkdtempSync(join(tmpdir(), 'sspi-output-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

describe('outputFileProblem', () => {
  it('has none for a new file in a folder that exists', () => {
    expect(outputFileProblem(join(dir, 'new.html'))).toBeNull()
  })

  it('has none for a file that exists: it will be replaced', () => {
    writeFileSync(join(dir, 'old.html'), 'old')
    expect(outputFileProblem(join(dir, 'old.html'))).toBeNull()
  })

  it('names the folder that does not exist', () => {
    expect(said(outputFileProblem(join(dir, 'missing', 'r.html')))).toBe(`the folder ${join(dir, 'missing')} does not exist`)
  })

  it('says when the path is a folder', () => {
    expect(said(outputFileProblem(dir))).toBe('is a folder')
  })

  it('says when what should be the folder is a file', () => {
    writeFileSync(join(dir, 'plain'), '')
    expect(said(outputFileProblem(join(dir, 'plain', 'r.html')))).toBe(`${join(dir, 'plain')} is not a folder`)
  })
})

describe('writeOutputFile', () => {
  it('writes the whole text', () => {
    expect(writeOutputFile(join(dir, 'w.txt'), 'all of it\n')).toBe(true)
    expect(readFileSync(join(dir, 'w.txt'), 'utf8')).toBe('all of it\n')
  })

  it('says why it cannot write, returns false and leaves no temporary file', () => {
    const folder = join(dir, 'blocked')
    mkdirSync(join(folder, 'r.html', 'inside'), { recursive: true }) // a non-empty folder where the file should go
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    expect(writeOutputFile(join(folder, 'r.html'), '<html>')).toBe(false)
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/^sspi-annotate: cannot write .*r\.html: /))
    expect(readdirSync(folder)).toEqual(['r.html'])
  })
})
