import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { generateCorpus } from '../../bench/corpus.js'
import { CLI, ROOT } from '../helpers/cli.js'

/** Over the 1 MiB default of --max-line-length: written cut, flagged and counted. */
const LONG_LINE = Buffer.from('long ' + 'z'.repeat(3 * 1024 * 1024))
/** Lines that carry no code but every kind of trouble; each is one line. */
const HOSTILE: Buffer[] = [
  Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0xfe, 0xc0, 0x80, 0x20, 0xed, 0xa0, 0x80]),
  Buffer.from('nul\0in\0the\0middle'),
  Buffer.from('\r'),
  Buffer.from(''),
  Buffer.from('\r\r'),
  Buffer.from('\uFEFFa BOM in the middle of a file'),
  LONG_LINE,
  Buffer.from('\uFDD0 a noncharacter'),
]

describe('soak', () => {
  it('takes a million lines with hostile ones mixed in: every line out, counts equal the truth', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-soak-')), 'soak.log')
    const out = createWriteStream(file)
    let hostileLines = 0
    let longLines = 0
    let block = 0
    const truth = generateCorpus({ lines: 1_000_000, seed: 2025, eol: 'crlf' }, (text) => {
      out.write(text)
      // After every generated block (about 1 MB), a run of hostile lines.
      const h = HOSTILE[block++ % HOSTILE.length]!
      out.write(Buffer.concat([h, Buffer.from('\n')]))
      hostileLines++
      if (h === LONG_LINE) longLines++
    })
    out.end()
    await once(out, 'finish')

    const summaryFile = `${file}.summary.json`
    const child = spawn(process.execPath, [CLI, '--all', '--summary-file', summaryFile, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let pending = ''
    let lines = 0
    let badJson = 0
    let lastNumber = 0
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (text: string) => {
      const parts = (pending + text).split('\n')
      pending = parts.pop()!
      for (const l of parts) {
        lines++
        try {
          const e = JSON.parse(l) as { lineNumber: number }
          if (e.lineNumber !== lastNumber + 1) badJson++
          lastNumber = e.lineNumber
        } catch { badJson++ }
      }
    })
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString() })
    const [code] = await once(child, 'close')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(pending).toBe('')
    expect(badJson).toBe(0)
    expect(lines).toBe(truth.lines + hostileLines)

    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'))
    expect(summary.lines).toBe(truth.lines + hostileLines)
    expect(summary.linesWithCodes).toBe(truth.linesWithCodes)
    for (const [name, t] of Object.entries(truth.byCode)) expect(summary.byCode[name], name).toMatchObject({ lines: t.lines, mentions: t.mentions })
    expect(Object.keys(summary.byCode).sort()).toEqual(Object.keys(truth.byCode).sort())
    for (const [h, t] of Object.entries(truth.unknown)) expect(summary.unknown[h], h).toMatchObject({ lines: t.lines, mentions: t.mentions })
    expect(summary.input.truncatedLines).toBe(longLines)
    expect(summary.input.replacedCharacters).toBeGreaterThan(0)
  }, 120_000)
})
