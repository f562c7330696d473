/**
 * The `sspi-annotate` command: runs the bundled CLI (dist/cli-main.cjs) with
 * V8's code cache for it (dist/cli-main.cjs.<hash>.v8cache, made by `npm run build`).
 *
 * Parsing and compiling the ~600 KB bundle is a large part of every start:
 * with the cache, `summarize` on an empty file started in ~121 ms where it
 * took ~137 ms without (median of 31 runs each, Node 20). Node 22 has
 * module.enableCompileCache for this; Node 20 has only vm.Script's
 * cachedData, which takes a script, hence a CommonJS bundle.
 */
import { fileURLToPath } from 'node:url'
import { runFromCodeCache } from './runtime/code-cache.js'

/** The hash of dist/cli-main.cjs, written in by scripts/bundle-cli.mjs. */
declare const SSPI_BUNDLE_HASH: string | undefined
const build = typeof SSPI_BUNDLE_HASH === 'string' ? SSPI_BUNDLE_HASH : ''

// `npm run build` runs the command with SSPI_ANNOTATE_WRITE_CODE_CACHE=1, to write the cache.
runFromCodeCache(fileURLToPath(new URL('./cli-main.cjs', import.meta.url)), build)
