import { FACTS, type AnnotatedCode, type CodeFacts } from '../enrich/codes.js'
import type { LineEvent } from '../enrich/line-event.js'
import { putKey, type OutputProfile } from './profile.js'

/**
 * The native NDJSON line for an event: byte for byte what
 * JSON.stringify(event) gives, built faster. A code's fixed fields (name …
 * hint) are the same on every event, so their JSON is made once per rule and
 * reused; only the line, its number and the matches are stringified per
 * event. Measured on 1M lines with 1% hits, stringifying whole events cost
 * 43 ms (7% of the run), mostly re-escaping the long meaning and hint texts.
 */
const factsJson = new WeakMap<CodeFacts, string>()

function codeJson (code: AnnotatedCode): string {
  const facts = code[FACTS]
  if (facts === undefined) return JSON.stringify(code)
  let head = factsJson.get(facts)
  if (head === undefined) {
    head = JSON.stringify(facts).slice(0, -1)
    factsJson.set(facts, head)
  }
  return `${head},"matches":${JSON.stringify(code.matches)}}`
}

export function nativeJson (event: LineEvent & { repeated?: number }): string {
  let codes = ''
  for (let i = 0; i < event.codes.length; i++) codes += (i === 0 ? '' : ',') + codeJson(event.codes[i]!)
  const conflict = event.conflict === true ? `,"conflict":true,"conflictNote":${JSON.stringify(event.conflictNote)}` : ''
  const truncated = event.truncated === true ? `,"truncated":true,"originalLength":${event.originalLength}` : ''
  const repeated = event.repeated === undefined ? '' : `,"repeated":${event.repeated}`
  return `{"line":${JSON.stringify(event.line)},"lineNumber":${event.lineNumber},"source":${JSON.stringify(event.source)},"codes":[${codes}]${conflict}${truncated}${repeated}}`
}

/** The native profile: the event as is; in record mode `{ codes }` under the target key. */
export const nativeProfile: OutputProfile = {
  name: 'native',
  lineObject: (event) => event,
  lineJson: nativeJson,
  enrichRecord (record, codes, target, conflictNote) {
    putKey(record, target, conflictNote == null ? { codes } : { codes, conflict: true, conflictNote })
  },
}
