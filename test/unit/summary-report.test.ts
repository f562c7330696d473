import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic, writeSummary } from '../../src/summary/report.js'
import { SummaryCounter } from '../../src/summary/summary.js'

function sample () {
  const c = new SummaryCounter()
  c.countLine(null)
  return c.summary
}

describe('writing the summary', () => {
  function stderrOf (isTTY: boolean): string {
    const writes: string[] = []
    writeSummary(sample(), { stderr: true, file: null }, { isTTY, write: (t) => writes.push(t) })
    return writes.join('')
  }

  it('prints a table when stderr is a terminal', () => {
    expect(stderrOf(true)).toBe('1 line read, 0 with security codes (0%), 0 mentions\n')
  })

  it('prints one line of JSON when stderr is not a terminal', () => {
    expect(JSON.parse(stderrOf(false))).toEqual(sample())
  })

  it('replaces a file atomically, leaving no temporary file beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sspi-atomic-'))
    const file = join(dir, 'counts.json')
    writeFileAtomic(file, 'first\n')
    writeFileAtomic(file, 'second\n')
    expect(readFileSync(file, 'utf8')).toBe('second\n')
    expect(readdirSync(dir)).toEqual(['counts.json'])
  })
})
