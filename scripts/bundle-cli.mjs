// Bundle the CLI into one file. Measured here on Node 20: loading ~60 ESM
// modules (ours, yargs and its helpers, through2/readable-stream) cost
// ~45 ms of a ~145 ms start; one bundled file starts in ~100 ms. That is
// ~7% of annotating a million lines, and the margin under the 150 ms
// start-up target. The library entry (dist/index.js) stays unbundled.
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
}
// split2 and readable-stream are CommonJS and call require('stream'): an ES
// module has no require, so each bundle makes one.
const requireShim = "import { createRequire as sspiCreateRequire } from 'node:module'\nconst require = sspiCreateRequire(import.meta.url)"

await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + requireShim },
})

// summarize's worker threads start from their own file; bundled too, a
// worker is ready in a fraction of the time it takes to load ~20 modules.
await build({
  ...common,
  entryPoints: ['src/summarize/worker.ts'],
  outfile: 'dist/summarize/worker.js',
  banner: { js: requireShim },
})
