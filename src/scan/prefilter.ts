import type { Matcher } from '../match/compile.js'
import { messageLiterals, requiredLiterals } from '../match/literals.js'
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
 *
 * It also marks the lines that hold a message's literal: a line the
 * pattern finds no code in is searched for message text only then. Most
 * lines named hold a code's literal (a number's first digits, a name's
 * first word) and no message, and searching them compiled the anchors'
 * pattern and those of the messages their anchors stand for ("client
 * certificate" is in every look-alike line of the bench corpus): a first
 * pass over a million lines in a fresh process, in-process, the bench
 * corpus 217 -> 179 ms, the shared one 192 -> 182 (medians of 6). A second
 * prefilter over the messages' literals alone, asked of each such line,
 * first did it, and cost the command ~4% of its time on the bench corpus
 * (4,576 lines asked per million, ~1.5 us each, and its tables): the one
 * pass now marks the lines as it names them.
 */
export function prefilterFor (matcher: Matcher): Prefilter | null {
  let p = byMatcher.get(matcher)
  if (p === undefined) {
    const engine = engineChosen()
    p = engine === 'off' ? null : prefilterOf(matcher, engine)
    byMatcher.set(matcher, p)
  }
  return p
}

/** The engine SSPI_ANNOTATE_PREFILTER asks for, WebAssembly by default. */
function engineChosen (): PrefilterEngine | 'off' {
  const choice = process.env['SSPI_ANNOTATE_PREFILTER']
  return choice === 'off' || choice === 'js' || choice === 'wasm-plain' ? choice : 'wasm'
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
      const p = wasmPrefilter(literals, { build: engine === 'wasm-plain' ? 'plain' : undefined, messages: messagesOf(matcher, chars) })
      if (p !== null) return p
    }
  }
  return createPrefilter(requiredLiterals(matcher), 'js', messagesOf(matcher))
}

/** Which of the matcher's literals are its messages'. */
const messagesOf = (matcher: Matcher, chars = Infinity): ReadonlySet<string> => new Set(messageLiterals(matcher, chars))

export function createPrefilter (literals: readonly string[] | null, engine: PrefilterEngine = 'wasm', messages?: ReadonlySet<string>): Prefilter | null {
  if (literals === null) return null
  return (engine === 'js' ? null : wasmPrefilter(literals, { build: engine === 'wasm-plain' ? 'plain' : undefined, messages })) ?? jsPrefilter(literals, messages)
}
