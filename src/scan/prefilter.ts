import type { Matcher } from '../match/compile.js'
import { requiredLiterals } from '../match/literals.js'
import { wasmPrefilter } from './prefilter-wasm.js'
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
    p = choice === 'off' ? null : createPrefilter(requiredLiterals(matcher), choice === 'js' || choice === 'wasm-plain' ? choice : 'wasm')
    byMatcher.set(matcher, p)
  }
  return p
}

export function createPrefilter (literals: readonly string[] | null, engine: PrefilterEngine = 'wasm'): Prefilter | null {
  if (literals === null) return null
  return (engine === 'js' ? null : wasmPrefilter(literals, engine === 'wasm-plain' ? 'plain' : undefined)) ?? jsPrefilter(literals)
}
