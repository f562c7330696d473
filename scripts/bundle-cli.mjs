// Bundle the CLI into one file. Measured here on Node 20: loading ~60 ESM
// modules (ours, yargs and its helpers, through2/readable-stream) cost
// ~45 ms of a ~145 ms start; one bundled file starts in ~100 ms. That is
// ~7% of annotating a million lines, and the margin under the 150 ms
// start-up target. The library entry (dist/index.js) stays unbundled.
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
}

const asciiFirst = fileURLToPath(new URL('./ascii-string-width.mjs', import.meta.url))

/**
 * Every `import stringWidth from 'string-width'` in the CLI bundle (cliui's,
 * wrap-ansi's) gets ascii-string-width.mjs instead, wrapped around the copy
 * that importer would have had.
 */
const asciiFirstStringWidth = {
  name: 'ascii-first-string-width',
  setup (b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'real' })
      return real.errors.length > 0 ? { errors: real.errors } : { path: real.path, namespace: 'ascii-first' }
    })
    b.onLoad({ filter: /.*/, namespace: 'ascii-first' }, async (args) => ({
      contents: (await readFile(asciiFirst, 'utf8')).replace("from 'string-width'", `from ${JSON.stringify(args.path)}`),
      resolveDir: dirname(args.path),
    }))
  },
}

// split2 and readable-stream are CommonJS and call require('stream'): an ES
// module has no require, so each bundle makes one.
const requireShim = "import { createRequire as sspiCreateRequire } from 'node:module'\nconst require = sspiCreateRequire(import.meta.url)"

await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  plugins: [asciiFirstStringWidth],
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
