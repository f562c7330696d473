import { escapeChar } from '../match/trie.js'
import { addCandidate, LONG_LINE, type Candidates, type Prefilter } from './candidates.js'

/**
 * The prefilter's contract (prefilter.ts) in plain JavaScript: one
 * case-insensitive pattern of the literals over the bytes read as Latin-1,
 * where one character is one byte and no byte above 0x7f folds to an ASCII
 * letter. Serves where WebAssembly is missing, and is the oracle the
 * WebAssembly engine is tested against. (A third of the WebAssembly
 * engine's speed on the bench corpus, measured by hand: V8's engine tries
 * each of a hundred literals at every byte.)
 */
export function jsPrefilter (literals: readonly string[]): Prefilter {
  const pattern = new RegExp(literals.map(literalSource).join('|'), 'gi')
  return {
    engine: 'js',
    scan (bytes, a, b, into) {
      into.count = 0
      const text = bytes.toString('latin1', a, b)
      let index = 0
      let lineStart = 0
      pattern.lastIndex = 0
      const long = b - a > LONG_LINE
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        for (let lf = text.indexOf('\n', lineStart); lf !== -1 && lf < m.index; lf = text.indexOf('\n', lineStart)) {
          if (long && lf - lineStart > LONG_LINE) addCandidate(into, index, a + lineStart)
          index++
          lineStart = lf + 1
        }
        addCandidate(into, index, a + lineStart)
        const end = text.indexOf('\n', m.index)
        if (end === -1) {
          lineStart = text.length
          break
        }
        index++
        lineStart = end + 1
        pattern.lastIndex = lineStart
      }
      // The lines after the last match: counted, and the long ones named.
      for (let lf = text.indexOf('\n', lineStart); lf !== -1; lf = text.indexOf('\n', lineStart)) {
        if (long && lf - lineStart > LONG_LINE) addCandidate(into, index, a + lineStart)
        index++
        lineStart = lf + 1
      }
      if (long && text.length - lineStart > LONG_LINE) addCandidate(into, index, a + lineStart)
      into.lines = index
    },
  }
}

/** A space stands for a run of whitespace but LF, or of bytes of multi-byte characters. */
const literalSource = (literal: string): string =>
  [...literal].map((c) => (c === ' ' ? '[\\t\\v\\f\\r \\x80-\\xff]+' : escapeChar(c))).join('')
