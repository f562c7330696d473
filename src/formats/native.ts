import { FACTS, type AnnotatedCode, type CodeFacts, type CodeMatch } from '../enrich/codes.js'
import type { LineEvent } from '../enrich/line-event.js'
import { putKey, type OutputProfile } from './profile.js'

/**
 * The native NDJSON line for an event: byte for byte what
 * JSON.stringify(event) gives, built faster. A code's fixed fields (name …
 * hint) are the same on every event, so their JSON is made once per rule and
 * reused; only the line, its number and the matches are written per event.
 * Measured on 1M lines with 1% hits, stringifying whole events cost 43 ms
 * (7% of the run), mostly re-escaping the long meaning and hint texts; and
 * JSON.stringify of the matches alone, a call into the runtime per code,
 * ~1 µs each against ~0.2 written here.
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
  const matches = code.matches
  let json = head + ',"matches":['
  for (let i = 0; i < matches.length; i++) json += (i === 0 ? '' : ',') + matchJson(matches[i]!)
  return json + ']}'
}

/** A match's JSON, its keys in the order codesFromHits gives them; a form is a plain word. */
function matchJson (m: CodeMatch): string {
  const field = m.field === undefined ? '' : `"field":${JSON.stringify(m.field)},`
  return `{${field}"form":"${m.form}","text":${stringJson(m.text)},"start":${m.start},"end":${m.end}}`
}

/** What JSON.stringify writes for control characters, quotes, backslashes and surrogates (lone ones are escaped). */
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/

function stringJson (text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`
}

/** The source is the same for every event of an input. */
let lastSource = ''
let lastSourceJson = '""'

function sourceJson (source: string): string {
  if (source !== lastSource) {
    lastSource = source
    lastSourceJson = JSON.stringify(source)
  }
  return lastSourceJson
}

export function nativeJson (event: LineEvent & { repeated?: number }): string {
  let codes = ''
  for (let i = 0; i < event.codes.length; i++) codes += (i === 0 ? '' : ',') + codeJson(event.codes[i]!)
  const conflict = event.conflict === true ? `,"conflict":true,"conflictNote":${JSON.stringify(event.conflictNote)}` : ''
  const truncated = event.truncated === true ? `,"truncated":true,"originalLength":${event.originalLength}` : ''
  const repeated = event.repeated === undefined ? '' : `,"repeated":${event.repeated}`
  return `{"line":${stringJson(event.line)},"lineNumber":${event.lineNumber},"source":${sourceJson(event.source)},"codes":[${codes}]${conflict}${truncated}${repeated}}`
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
