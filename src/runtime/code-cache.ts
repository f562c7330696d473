import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { Script } from 'node:vm'
import { regExpTierAsAtStart } from './regexp-tier.js'

/**
 * Where the code cache of `file` is kept: beside it, named for the build of
 * `file` it was made from. V8 checks a cache against the source's length,
 * not its content, so a cache left from another build of the same length
 * would be taken; with the build's hash in the name it is never found.
 */
export const codeCacheFile = (file: string, build = ''): string => `${file}${build === '' ? '' : `.${build}`}.v8cache`

/**
 * The CommonJS script `file`, compiled with V8's code cache for it when there
 * is one and V8 takes it. V8 rejects a cache made by another V8 or under other
 * flags (script.cachedDataRejected); the script is then compiled as usual.
 */
export function compileWithCache (file: string, build = ''): Script {
  let cachedData: Buffer | undefined
  try {
    cachedData = readFileSync(codeCacheFile(file, build))
  } catch {
    cachedData = undefined
  }
  // The wrapper CommonJS gives a module, so the script sees require, module and __filename.
  // The bundles are ASCII (the build sees to it), so latin1 reads them as
  // UTF-8 would, without decoding: 3.9 against 5.7 ms for the CLI's 572 KB
  // (means of ten fresh processes).
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`
  return new Script(source, { filename: file, cachedData })
}

/** Run a script compiled by compileWithCache as the CommonJS module `file`. */
export function runAsModule (script: Script, file: string): void {
  const module = { exports: {} }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file))
}

/**
 * Run the CommonJS bundle `file` from its code cache (named by `build`, the
 * bundle's hash), and have it write that cache as it exits when the build
 * asks (SSPI_ANNOTATE_WRITE_CODE_CACHE=1): the command's loader and a
 * summarize worker thread's start the same way.
 */
export function runFromCodeCache (file: string, build: string): void {
  const script = compileWithCache(file, build)
  if (process.env['SSPI_ANNOTATE_WRITE_CODE_CACHE'] === '1') writeCodeCacheOnExit(script, file, build)
  runAsModule(script, file)
}

/**
 * Write the code cache of `script` (compiled from `file`) when the process
 * (or the worker thread) exits, so that what this run compiled is in it
 * too. Written aside, then moved.
 */
export function writeCodeCacheOnExit (script: Script, file: string, build = ''): void {
  process.once('exit', () => {
    // V8 takes a cache only under the flags it was made with: those of a start.
    regExpTierAsAtStart()
    const target = codeCacheFile(file, build)
    writeFileSync(`${target}.tmp`, script.createCachedData())
    renameSync(`${target}.tmp`, target)
  })
}
