// Assemble the prefilter's WebAssembly (src/scan/prefilter.wat) with wabt,
// a devDependency, into a module the TypeScript sources import: the bytes as
// base64, so that the library, the bundled command and summarize's workers
// all carry it without a file to find at run time.
import { readFileSync, writeFileSync } from 'node:fs'
import wabt from 'wabt'

const source = new URL('../src/scan/prefilter.wat', import.meta.url)
const target = new URL('../src/scan/prefilter-binary.ts', import.meta.url)

const tools = await wabt()
let buffer
try {
  const module = tools.parseWat('prefilter.wat', readFileSync(source, 'utf8'), { simd: true })
  module.validate()
  buffer = module.toBinary({}).buffer
  module.destroy()
} catch (e) {
  // wabt's own stack points into its minified source: the message is what helps.
  console.error(`src/scan/${e.message}`)
  process.exit(1)
}
const text = `// Built by scripts/build-wasm.mjs from prefilter.wat (npm run build). Not in git.\nexport const PREFILTER_WASM = '${Buffer.from(buffer).toString('base64')}'\n`
let old = ''
try { old = readFileSync(target, 'utf8') } catch {}
// Unchanged bytes keep the file's time, so that watchers do not rebuild.
if (old !== text) writeFileSync(target, text)
