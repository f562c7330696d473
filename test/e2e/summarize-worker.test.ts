import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { loadRules } from '../../src/rules/load.js'
import { compileMatcher } from '../../src/match/compile.js'
import { planWork, startHelpers, STOP, summarizePlan, workerFile, type WorkerReply, type WorkerSetup } from '../../src/summarize/pool.js'
import type { Summary } from '../../src/summary/summary.js'

const dir = mkdtempSync(join(tmpdir(), 'sspi-worker-e2e-'))

/** The built worker (dist/summarize/worker.cjs) alone, posted every piece: the summaries it sends back. */
async function runWorker (setup: WorkerSetup): Promise<Summary[]> {
  const worker = new Worker(workerFile())
  worker.postMessage(setup)
  const done: Summary[] = []
  worker.on('message', (reply: WorkerReply) => { if (reply.kind === 'done') done[reply.piece] = reply.summary })
  await new Promise((resolve, reject) => { worker.on('error', reject); worker.on('exit', resolve) })
  return done
}

describe('a summarize worker thread', () => {
  it('counts with the matcher it is given: a --rules file\'s codes, message texts', async () => {
    const rules = join(dir, 'house.json')
    writeFileSync(rules, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x800903F1', category: 'general', meaning: 'Ours.' }] }))
    const file = join(dir, 'house.log')
    writeFileSync(file, [
      '2025-03-11T08:00:01Z web-01 app[7]: call 1 failed: SEC_E_HOUSE_RULE\n',
      '2025-03-11T08:00:02Z web-02 sshd[9]: call 2: The target principal name is incorrect.\n',
      '2025-03-11T08:00:03Z web-01 app[7]: call 3 failed: 0x800903f1\n',
    ].join(''))
    const matcher = compileMatcher(loadRules({ rulesFiles: [rules] }), { messages: true })
    const [summary] = await runWorker({
      matcher,
      options: { input: 'text', fields: null, hostField: null, year: 2025 },
      pieces: [{ path: file }],
      cursor: new SharedArrayBuffer(4),
      progress: false,
    })
    expect(summary!.byCode.SEC_E_HOUSE_RULE?.lines).toBe(2)
    expect(summary!.byCode.SEC_E_WRONG_PRINCIPAL?.lines).toBe(1)
    expect(summary!.lines).toBe(3)
  })
})

describe('a summarize helper started before its work is known', () => {
  it('ends without reading when it is told to stop before any setup', async () => {
    const [helper] = startHelpers(1)
    const replies: unknown[] = []
    helper!.worker.on('message', (m) => replies.push(m))
    helper!.worker.postMessage(STOP)
    const code = await new Promise((resolve, reject) => { helper!.worker.on('error', reject); helper!.worker.on('exit', resolve) })
    expect(code).toBe(0)
    expect(replies).toEqual([])
  })

  it('is posted its setup once the rules are compiled, and every file is counted whichever thread read it', async () => {
    const files = [1, 2, 3, 4].map((n) => {
      const path = join(dir, `share-${n}.log`)
      writeFileSync(path, `2025-03-11T08:00:0${n}Z web-0${n} app[7]: call ${n} failed: 0x80090325\n`.repeat(50))
      return { path, bytes: statSync(path).size }
    })
    const plan = planWork(files, { workers: 2, options: { input: 'text', fields: null, hostField: null } })
    expect(plan.helpers).toBe(1)
    const helpers = startHelpers(plan.helpers)
    // The rules are loaded and compiled while the helper starts, as the command does.
    const matcher = compileMatcher(loadRules(), { messages: true })
    const summaries = await summarizePlan(plan, helpers, { workers: 2, matcher, options: { input: 'text', fields: null, hostField: null } })
    expect(summaries.map((s) => s?.byCode.SEC_E_UNTRUSTED_ROOT?.lines)).toEqual([50, 50, 50, 50])
  })
})
