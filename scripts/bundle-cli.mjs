// Bundle the CLI into one file. Measured here on Node 20: loading ~60 ESM
// modules (ours, yargs and its helpers, through2/readable-stream) cost
// ~45 ms of a ~145 ms start; one bundled file starts in ~100 ms. That is
// ~7% of annotating a million lines, and the margin under the 150 ms
// start-up target. The library entry (dist/index.js) stays unbundled.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

// Whitespace only: names stay, so a stack trace still says where. Every
// start reads the bundle and deserializes its code cache; at 718 KB
// against 916 KB (a cache of 666 against 789 KB) that took ~2.7 ms less
// (read 6.5 against 7.4 ms, cache 1.9 against 2.2, compile 10.7 against
// 12.2; six runs each, in-process).
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  minifyWhitespace: true,
}

const asciiFirst = fileURLToPath(new URL('./ascii-string-width.mjs', import.meta.url))

/**
 * Every `import stringWidth from 'string-width'` in the CLI bundle (cliui's,
 * wrap-ansi's, yargs') gets ascii-string-width.mjs's function instead,
 * wrapped around the copy that importer would have had. That copy is
 * required only when first needed; esbuild then runs its module code only then.
 */
const asciiFirstStringWidth = {
  name: 'ascii-first-string-width',
  setup (b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real' })
      return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, namespace: 'ascii-first' }
    })
    b.onLoad({ filter: /.*/, namespace: 'ascii-first' }, (args) => ({
      contents: `import { asciiFirst } from ${JSON.stringify(asciiFirst)}\nexport default asciiFirst(() => require(${JSON.stringify(args.path)}).default)\n`,
      resolveDir: dirname(args.path),
    }))
  },
}

/**
 * through2's streams are Node's own in the CLI bundle: readable-stream 4 is
 * a copy of Node 18's streams for other runtimes, and Node 20 and later
 * have them built in. 146 KB less to read and compile from the code cache
 * at every start (718 -> 572 KB, the cache 790 -> 691 KB): --version 0.953,
 * a 100-line file 0.967, text annotate of a million lines 0.969, --input
 * ndjson 0.969 (paired medians of 21 and 11, by hand); the same output. The
 * library entry (dist/index.js) is not bundled and keeps through2's own.
 */
const nodeStreams = {
  name: 'node-streams',
  setup (b) {
    b.onResolve({ filter: /^readable-stream$/ }, () => ({ path: fileURLToPath(new URL('./node-stream.cjs', import.meta.url)) }))
  },
}

/** yargs' node:assert (its platform shim's two checks): scripts/yargs-assert.mjs. */
const assertLite = {
  name: 'assert-lite',
  setup (b) {
    b.onResolve({ filter: /^assert$/ }, (args) => (args.importer.includes('node_modules/yargs/') ? { path: fileURLToPath(new URL('./yargs-assert.mjs', import.meta.url)) } : undefined))
  },
}

// The prefilter's windows for the built-in rules' literals, with message
// text on and off, and its tables for them (src/scan/built-windows.ts):
// chosen and written here, from the code tsc has just built, into a file
// the bundles read, so that a command does not spend ~17 ms choosing them
// and 2-3.5 ms writing them.
const { loadRules } = await import('../dist/rules/load.js')
const { compileMatcher } = await import('../dist/match/compile.js')
const { messageLiterals, requiredLiterals } = await import('../dist/match/literals.js')
const { prefilterToBuild } = await import('../dist/scan/prefilter-wasm.js')
const builtPrefilters = {}
// With message text on (its messages' literals marked) and off.
const withMessages = compileMatcher(loadRules(), { messages: true })
for (const [literals, messages] of [[requiredLiterals(withMessages), messageLiterals(withMessages)], [requiredLiterals(compileMatcher(loadRules(), { messages: false })), null]]) {
  if (literals === null) continue
  const [key, built] = prefilterToBuild(literals, new Set(messages))
  builtPrefilters[key] = built
}
// And the message tables of the built-in rules (src/match/built-messages.ts).
const { messagesKey, messageTables } = await import('../dist/match/messages.js')
const builtIn = loadRules()
const builtMessages = { [messagesKey(builtIn)]: messageTables(builtIn) }
// And the combined pattern's alternations of names and numbers (src/match/built-tries.ts).
const { triesToBuild } = await import('../dist/match/compile.js')
const [triesKey, tries] = triesToBuild(withMessages)
const { BUILT_PREFILTERS_FILE } = await import('../dist/scan/built-windows.js')
writeFileSync(`dist/${BUILT_PREFILTERS_FILE}`, JSON.stringify(builtPrefilters))
const builtDefine = {
  SSPI_BUILT_MESSAGES: JSON.stringify(builtMessages),
  SSPI_BUILT_TRIES: JSON.stringify({ [triesKey]: tries }),
}

/**
 * A bundle as ASCII only. esbuild escapes what code holds but keeps the
 * comments it keeps (those of class fields) as written, and one "…" made
 * V8 hold the whole ~900 KB source as a two-byte string: reading and
 * compiling it from its cache took ~4 ms longer at every start (9.5-10.2
 * against 7.2-8.1 ms to read, 13.6-14.3 against 11.2-12.5 to compile;
 * five runs each). Only comments hold such characters in esbuild's output
 * (it escapes those of code), and there an escape changes nothing.
 */
function asciiOnly (file) {
  const text = readFileSync(file, 'utf8')
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (ascii !== text) writeFileSync(file, ascii)
}

// A CommonJS bundle's first line. The directive first, or the bundle (ES
// modules, strict) would run sloppy; import.meta.url is defined as
// sspiModuleUrl, the script's own file URL.
const cjsBanner = "'use strict'; var sspiModuleUrl = require('node:url').pathToFileURL(__filename).href;"

// The CLI itself is a CommonJS script, dist/cli-main.cjs, so that the
// command, dist/cli.cjs (src/cli-loader.ts), can run it with V8's code cache.
// import.meta.url becomes the script's own file URL.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli-main.cjs',
  plugins: [asciiFirstStringWidth, nodeStreams, assertLite],
  // Only consume and publish use a Redis client: loaded from node_modules
  // when they run, it adds nothing to the bundle every other command starts.
  external: ['@redis/client'],
  define: { 'import.meta.url': 'sspiModuleUrl', SSPI_BUILT_PREFILTERS: JSON.stringify(`./${BUILT_PREFILTERS_FILE}`), ...builtDefine },
  banner: { js: cjsBanner },
  // yargs reads import.meta.resolve only for `extends` in config files, which we do not use.
  logOverride: { 'empty-import-meta': 'silent' },
})

asciiOnly('dist/cli-main.cjs')

// The loader knows which build of the bundle its code cache is for.
const bundleHash = createHash('sha256').update(readFileSync('dist/cli-main.cjs')).digest('hex').slice(0, 16)
// The command and the worker's entry are CommonJS too: an ES module as the
// entry brings Node's ESM loader (~15 of its own modules, node:fs/promises
// among them). `--version` started in 92.9 ms against 103.5 with the same
// loader as an ES module (medians of 41 alternating runs); an empty worker
// thread was ready in ~42 ms against ~46.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli-loader.ts'],
  outfile: 'dist/cli.cjs',
  banner: { js: `#!/usr/bin/env node\n${cjsBanner}` },
  define: { SSPI_BUNDLE_HASH: JSON.stringify(bundleHash), 'import.meta.url': 'sspiModuleUrl' },
})
// The command must be executable: npx and the bin link run it directly.
// esbuild 0.25 made a file that starts with #! executable, 0.28 does not.
chmodSync('dist/cli.cjs', 0o755)

// summarize's worker threads start from their own bundle (a worker is ready
// in a fraction of the time it takes to load ~20 modules), a CommonJS
// script too, which dist/summarize/worker.cjs (src/summarize/worker-loader.ts)
// runs with its code cache.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/summarize/worker.ts'],
  outfile: 'dist/summarize/worker-main.cjs',
  define: { 'import.meta.url': 'sspiModuleUrl', SSPI_BUILT_PREFILTERS: JSON.stringify(`../${BUILT_PREFILTERS_FILE}`), ...builtDefine },
  banner: { js: cjsBanner },
})
asciiOnly('dist/summarize/worker-main.cjs')
const workerHash = createHash('sha256').update(readFileSync('dist/summarize/worker-main.cjs')).digest('hex').slice(0, 16)
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/summarize/worker-loader.ts'],
  outfile: 'dist/summarize/worker.cjs',
  banner: { js: cjsBanner },
  define: { SSPI_WORKER_HASH: JSON.stringify(workerHash), 'import.meta.url': 'sspiModuleUrl' },
})

// V8's code cache for dist/cli-main.cjs: the built command, run on the
// bundled sample, writes it as it exits (see src/cli-loader.ts). Each run
// starts from the last one's cache and adds what it compiled, so the cache
// holds the code of annotate, summarize and lookup.
const warmUps = [
  ['lookup', 'SEC_E_UNTRUSTED_ROOT'],
  ['summarize', '--json', '--workers', '1', 'fixtures/windows-auth-sample.log'],
  ['--summary', 'fixtures/windows-auth-sample.log'],
]
const writeCache = { ...process.env, SSPI_ANNOTATE_WRITE_CODE_CACHE: '1' }
for (const f of readdirSync('dist')) if (/^cli-main\.cjs\..*v8cache/.test(f)) rmSync(`dist/${f}`)
for (const args of warmUps) execFileSync(process.execPath, ['dist/cli.cjs', ...args], { stdio: 'ignore', env: writeCache })

// And the worker's: a worker thread posted the bundled samples, text and
// NDJSON, as a helper is posted its pieces (WorkerSetup in pool.ts), writes
// it as it ends. A helper may start under --no-parallel-scavenge
// (scavenge-alone.ts): V8 does not check a cache against that flag.
for (const f of readdirSync('dist/summarize')) if (/^worker-main\.cjs\..*v8cache/.test(f)) rmSync(`dist/summarize/${f}`)
const { Worker } = await import('node:worker_threads')
await new Promise((resolve, reject) => {
  const worker = new Worker('./dist/summarize/worker.cjs', { env: writeCache })
  worker.postMessage({
    matcher: compileMatcher(builtIn, { messages: true }),
    options: { input: 'auto', fields: null, hostField: null },
    pieces: [{ path: 'fixtures/windows-auth-sample.log' }, { path: 'fixtures/shipper-records.ndjson' }],
    cursor: new SharedArrayBuffer(4),
    progress: false,
  })
  worker.on('message', (reply) => { if (reply.kind === 'failed') reject(new Error(`the worker's warm-up could not read ${reply.piece}`)) })
  worker.on('error', reject)
  worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the worker's warm-up ended with status ${code}`))))
})
