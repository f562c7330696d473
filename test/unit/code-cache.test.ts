import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { codeCacheFile, compileWithCache, runAsModule } from '../../src/runtime/code-cache.js'

/** The build a loader names a bundle's cache by: the bundle's hash, as scripts/bundle-cli.mjs takes it. */
const buildOf = (bundle: string): string => createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16)
const BUILT_CLI = fileURLToPath(new URL('../../dist/cli-main.cjs', import.meta.url))
const BUILT_HASH = buildOf(BUILT_CLI)
const BUILT_WORKER = fileURLToPath(new URL('../../dist/summarize/worker-main.cjs', import.meta.url))

function scratchScript (body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sspi-code-cache-')), 'script.cjs')
  writeFileSync(file, body)
  return file
}

const BUILT_CODE_CACHE = new URL('../../dist/runtime/code-cache.js', import.meta.url).href

/**
 * Compile `file` with the cache of `build` in a Node of its own and run it:
 * within one process, Node 22 and later keep a compiled script in memory by
 * its source and name and hand it back to the next compile of the same text,
 * cache or no cache.
 */
function runInFreshNode (file: string, build: string): { rejected: boolean | 'no cache', answer: number } {
  const program = `
    import { compileWithCache } from ${JSON.stringify(BUILT_CODE_CACHE)}
    const script = compileWithCache(${JSON.stringify(file)}, ${JSON.stringify(build)})
    const m = { exports: {} }
    script.runInThisContext()(m.exports, null, m)
    console.log(JSON.stringify({ rejected: script.cachedDataRejected ?? 'no cache', answer: m.exports.answer }))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout)
}

/**
 * Whether V8 rejects the build's cache of `bundle` in a Node of its own, in
 * a worker thread when `inWorker`: V8 flags are the process's, and a spec
 * run in this one may have compiled the prefilter, which turns relaxed
 * SIMD on (Node 20).
 */
function rejectedAsStarted (bundle: string, inWorker: boolean): string {
  const check = `import(${JSON.stringify(BUILT_CODE_CACHE)}).then((m) => console.log(m.compileWithCache(${JSON.stringify(bundle)}, ${JSON.stringify(buildOf(bundle))}).cachedDataRejected))`
  const program = inWorker ? `import { Worker } from 'node:worker_threads'; new Worker(${JSON.stringify(check)}, { eval: true })` : check
  return spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' }).stdout.trim()
}

describe('the built bundles', () => {
  it('are ASCII, so that V8 holds their source as one byte a character and a start reads them as latin1', () => {
    for (const bundle of [BUILT_CLI, BUILT_WORKER]) expect(readFileSync(bundle).findIndex((b) => b > 0x7f), bundle).toBe(-1)
  })
})

describe('the CLI\'s code cache', () => {
  it('is written by the build, for that build of the bundle, and taken by the Node that built it, as a start finds it', () => {
    expect(existsSync(codeCacheFile(BUILT_CLI, BUILT_HASH))).toBe(true)
    expect(rejectedAsStarted(BUILT_CLI, false)).toBe('false')
  })

  it('is written for summarize\'s worker bundle too, and taken by a worker thread as a helper starts', () => {
    expect(existsSync(codeCacheFile(BUILT_WORKER, buildOf(BUILT_WORKER)))).toBe(true)
    expect(rejectedAsStarted(BUILT_WORKER, true)).toBe('false')
  })

  it('is never one made for another build, which V8 would run if the source had the same length', () => {
    const file = scratchScript('module.exports.answer = 1111')
    const old = compileWithCache(file, 'build-a')
    runAsModule(old, file)
    writeFileSync(codeCacheFile(file, 'build-a'), old.createCachedData())
    // V8 only compares lengths: given build a's cache, build b's source runs build a's code.
    writeFileSync(file, 'module.exports.answer = 2222')
    expect(runInFreshNode(file, 'build-a')).toEqual({ rejected: false, answer: 1111 })
    // Named by its build, the old cache is not even found.
    expect(runInFreshNode(file, 'build-b')).toEqual({ rejected: 'no cache', answer: 2222 })
  })

  it('is not needed: without one the script is compiled and runs as a module', () => {
    const file = scratchScript('module.exports.ran = true; globalThis.sspiCodeCacheSpec = { filename: __filename, hasRequire: typeof require }')
    const script = compileWithCache(file)
    expect(script.cachedDataRejected).toBeUndefined()
    runAsModule(script, file)
    expect((globalThis as { sspiCodeCacheSpec?: unknown }).sspiCodeCacheSpec).toEqual({ filename: file, hasRequire: 'function' })
  })

  it('is rejected, and the script compiled as usual, when it was made for something else', () => {
    const file = scratchScript('globalThis.sspiCodeCacheSpec2 = 42')
    writeFileSync(codeCacheFile(file), Buffer.from('not a V8 code cache at all'))
    const script = compileWithCache(file)
    expect(script.cachedDataRejected).toBe(true)
    runAsModule(script, file)
    expect((globalThis as { sspiCodeCacheSpec2?: unknown }).sspiCodeCacheSpec2).toBe(42)
  })

  it('is written on exit when the build asks for it, and taken next time', () => {
    const file = scratchScript('module.exports = function twice (n) { return 2 * n }')
    const loader = `
      const { compileWithCache, runAsModule, writeCodeCacheOnExit } = await import(${JSON.stringify(new URL('../../dist/runtime/code-cache.js', import.meta.url).href)})
      const script = compileWithCache(${JSON.stringify(file)})
      console.log(String(script.cachedDataRejected))
      writeCodeCacheOnExit(script, ${JSON.stringify(file)})
      runAsModule(script, ${JSON.stringify(file)})`
    const run = (): string => spawnSync(process.execPath, ['--input-type=module', '-e', loader], { encoding: 'utf8' }).stdout.trim()
    expect(run()).toBe('undefined')
    expect(existsSync(codeCacheFile(file))).toBe(true)
    expect(run()).toBe('false')
  })
})
