import type { Matcher } from '../match/compile.js'
import { requiredLiterals } from '../match/literals.js'
import { mayFitTables, wasmPrefilter, wasmRuns } from './prefilter-wasm.js'
import { jsPrefilter } from './prefilter-js.js'
import type { Prefilter } from './candidates.js'

export { createCandidates, LONG_LINE, type Candidates, type Prefilter } from './candidates.js'

/** `wasm`: the relaxed-SIMD build where this Node runs it, else the plain one; `wasm-plain`: the plain one. */
export type PrefilterEngine = 'wasm' | 'wasm-plain' | 'js'

const byMatcher = new WeakMap<Matcher, Prefilter | null>()

/**
 * The matcher's prefilter, built once: WebAssembly with SIMD where the
 * runtime has it (every Node this package supports), else the same
 * contract in JavaScript. null when the literals cannot cover every token
 * (literals.ts): every line then goes to the pattern.
 * SSPI_ANNOTATE_PREFILTER=wasm-plain|js|off chooses otherwise, for tests and measurements.
 */
export function prefilterFor (matcher: Matcher): Prefilter | null {
  let p = byMatcher.get(matcher)
  if (p === undefined) {
    const choice = process.env['SSPI_ANNOTATE_PREFILTER']
    p = choice === 'off' ? null : prefilterOf(matcher, choice === 'js' || choice === 'wasm-plain' ? choice : 'wasm')
    byMatcher.set(matcher, p)
  }
  return p
}

/**
 * Messages whole first, then cut to their words within these many
 * characters, until the literals fit the WebAssembly engine's tables: the
 * built-in rules' fit whole, with room for ~150 more messages of a rules
 * file (of ~110 characters: measured); past that, messages whole would
 * leave the JavaScript engine, ten times as slow.
 */
const MESSAGE_CUTS = [Infinity, 48, 24]

function prefilterOf (matcher: Matcher, engine: PrefilterEngine): Prefilter | null {
  if (engine !== 'js' && wasmRuns(engine === 'wasm-plain' ? 'plain' : undefined)) {
    for (const chars of MESSAGE_CUTS) {
      const literals = requiredLiterals(matcher, chars)
      if (literals === null) return null
      if (chars !== MESSAGE_CUTS.at(-1) && !mayFitTables(literals)) continue
      const p = wasmPrefilter(literals, engine === 'wasm-plain' ? 'plain' : undefined)
      if (p !== null) return p
    }
  }
  return createPrefilter(requiredLiterals(matcher), 'js')
}

export function createPrefilter (literals: readonly string[] | null, engine: PrefilterEngine = 'wasm'): Prefilter | null {
  if (literals === null) return null
  return (engine === 'js' ? null : wasmPrefilter(literals, engine === 'wasm-plain' ? 'plain' : undefined)) ?? jsPrefilter(literals)
}
