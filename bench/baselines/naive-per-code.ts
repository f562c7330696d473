// Baseline: the same pipeline and output as sspi-annotate's text mode, but
// matching with one regular expression per code, tried in turn on every
// line: what the combined pattern replaces.
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import split2 from 'split2'
import through2 from 'through2'
import { loadRules, type Hit, type MatchForm, type Rule } from 'sspi-annotate'
// Internals, not the package's API: the baseline builds the same events.
import { codesFromHits } from '../../dist/enrich/codes.js'
import { createNdjsonStage } from '../../dist/formats/ndjson.js'
import { signedDecimal, unsignedDecimal } from '../../dist/match/hresult.js'

const ruleSet = loadRules()
interface PerCode { rule: Rule, re: RegExp }
const perCode: PerCode[] = [...ruleSet.byValue.values()].filter((rule) => rule.kind === 'hresult').map((rule) => {
  const names = [rule.name, ...(ruleSet.aliases.get(rule.name) ?? [])].map((n) => n.replaceAll('_', '\\\\?_'))
  const hex = rule.hresult!.slice(2)
  const alts = [`(?<![A-Za-z0-9_\\\\])(?:${names.join('|')})(?![A-Za-z0-9_])`]
  if (rule.value !== 0) alts.push(`(?<![0-9A-Za-z_-])(?:0[xX](?:[fF]{8})?)?${hex}[lL]?(?![0-9A-Za-z_-])`)
  if (rule.severity === 'error') alts.push(`(?<![0-9A-Za-z_.-])(?:${signedDecimal(rule.value)}|${unsignedDecimal(rule.value)})(?![0-9A-Za-z_]|\\.[0-9A-Za-z_])`)
  return { rule, re: new RegExp(alts.join('|'), 'gi') }
})

function formOf (text: string): MatchForm {
  if (/^SEC/i.test(text)) return 'symbol'
  if (/^0x[fF]{8}/i.test(text) && text.length > 12) return 'hex64'
  if (/^0x/i.test(text)) return 'hex'
  if (text.startsWith('-')) return 'signed'
  return text.length === 8 ? 'barehex' : 'unsigned'
}

let lineNumber = 0
await pipeline(
  createReadStream(process.argv[2]!),
  split2(),
  through2.obj(function (line: string, _enc: BufferEncoding, cb: (err?: null, data?: unknown) => void) {
    lineNumber++
    const hits: Hit[] = []
    for (const { rule, re } of perCode) {
      re.lastIndex = 0
      for (let m = re.exec(line); m !== null; m = re.exec(line)) {
        hits.push({ rule, value: rule.value, form: formOf(m[0]), text: m[0], start: m.index, end: m.index + m[0].length })
      }
    }
    if (hits.length === 0) return cb()
    hits.sort((a, b) => a.start - b.start)
    cb(null, { line, lineNumber, source: process.argv[2], codes: codesFromHits(hits) })
  }),
  createNdjsonStage(),
  process.stdout,
)
