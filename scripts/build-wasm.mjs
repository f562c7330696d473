// Assemble the prefilter's WebAssembly (src/scan/prefilter.wat, and
// src/scan/window-search.wat, which chooses its windows again during a run)
// with wabt, a devDependency, into a module the TypeScript sources import:
// the bytes as base64, so that the library, the bundled command and
// summarize's workers all carry them without a file to find at run time.
import { readFileSync, writeFileSync } from 'node:fs'
import wabt from 'wabt'

const source = new URL('../src/scan/prefilter.wat', import.meta.url)
const searchSource = new URL('../src/scan/window-search.wat', import.meta.url)
const target = new URL('../src/scan/prefilter-binary.ts', import.meta.url)

const tools = await wabt()
const wat = readFileSync(source, 'utf8')

/** The module's bytes, as base64. */
function assemble (text, features, name = 'prefilter.wat') {
  try {
    const module = tools.parseWat(name, text, features)
    module.validate()
    const bytes = module.toBinary({}).buffer
    module.destroy()
    return Buffer.from(bytes).toString('base64')
  } catch (e) {
    // wabt's own stack points into its minified source: the message is what helps.
    console.error(`src/scan/${e.message}`)
    process.exit(1)
  }
}

// The same engine with relaxed SIMD's swizzle, which is x64's pshufb as it
// is: the plain one also zeroes lanes whose index is 16 or more, an extra
// instruction per lookup, and the engine's indices are nibbles, always in range.
const plain = assemble(wat, { simd: true })
const relaxed = assemble(wat.replaceAll('i8x16.swizzle', 'i8x16.relaxed_swizzle'), { simd: true, relaxed_simd: true })
const search = assemble(readFileSync(searchSource, 'utf8'), {}, 'window-search.wat')
const text = `// Built by scripts/build-wasm.mjs from prefilter.wat and window-search.wat (npm run build). Not in git.
export const PREFILTER_WASM = '${plain}'
export const PREFILTER_WASM_RELAXED = '${relaxed}'
export const WINDOW_SEARCH_WASM = '${search}'
`
let old = ''
try { old = readFileSync(target, 'utf8') } catch {}
// Unchanged bytes keep the file's time, so that watchers do not rebuild.
if (old !== text) writeFileSync(target, text)
