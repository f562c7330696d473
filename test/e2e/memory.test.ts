import { createWriteStream, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { collect, CLI, ROOT } from '../helpers/cli.js'
import { LAGGING_READER_RSS_MB } from '../helpers/memory.js'
import { spawn } from 'node:child_process'

// The child reports its own peak RSS on exit (in kB, as getrusage gives it).
const REPORT_RSS = "--import=data:text/javascript,process.on('exit',()=>process.stderr.write('maxRSS='+process.resourceUsage().maxRSS+'\\n'))"

async function writeLines (file: string, mb: number): Promise<void> {
  const out = createWriteStream(file)
  const block = Array.from({ length: 1000 }, (_, i) => i % 100 === 0
    ? `2025-03-11T08:14:${String(i % 60).padStart(2, '0')}Z web-02 w3wp[2208]: AcceptSecurityContext hr=0x8009030C user=CORP\\\\jdoe`
    : `2025-03-11T08:14:${String(i % 60).padStart(2, '0')}Z web-02 w3wp[2208]: GET /api/orders/${i} 200 12ms`).join('\n') + '\n'
  const blocks = Math.ceil((mb * 1024 * 1024) / block.length)
  for (let i = 0; i < blocks; i++) if (!out.write(block)) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

describe('memory', () => {
  // The test process reads the output; slowed by the rest of the suite, it
  // lags, and on Node 24 that alone took the peak past 120 MB once (a full
  // `npm test` on Node 24.21; 85 MB when run alone).
  it(`stays bounded on an input much larger than the limit (peak RSS under ${LAGGING_READER_RSS_MB} MB on 200 MB)`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-mem-')), 'big.log')
    await writeLines(file, 200)
    const child = spawn(process.execPath, [REPORT_RSS, CLI, '--summary', file], { cwd: ROOT })
    child.stdout.resume()
    const r = await collect(child as any)
    expect(r.code).toBe(0)
    const rssKb = Number(/maxRSS=(\d+)/.exec(r.stderr)![1])
    expect(rssKb / 1024).toBeLessThan(LAGGING_READER_RSS_MB)
  })
})
