// Write a benchmark corpus: node dist-bench/corpus-cli.js --lines N --seed S [--format text|ndjson] [--eol lf|crlf] [--out FILE] [--truth FILE]
import { createWriteStream, writeFileSync, writeSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { generateCorpus } from './corpus.js'

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    format: { type: 'string', default: 'text' },
    eol: { type: 'string', default: 'lf' },
    rate: { type: 'string', default: '0.01' },
    out: { type: 'string' },
    truth: { type: 'string' },
  },
})
const format = values.format === 'ndjson' ? 'ndjson' : 'text'
const eol = values.eol === 'crlf' ? 'crlf' : 'lf'
const options = { lines: Number(values.lines), seed: Number(values.seed), rate: Number(values.rate), format, eol } as const
if (values.out === undefined) {
  // Straight to stdout, synchronously: a reader that stops early just ends us (EPIPE).
  const truth = generateCorpus(options, (block) => {
    try { writeSync(1, block) } catch { process.exit(0) }
  })
  if (values.truth !== undefined) writeFileSync(values.truth, JSON.stringify(truth, null, 2) + '\n')
} else {
  const out = createWriteStream(values.out)
  const truth = generateCorpus(options, (block) => out.write(block))
  out.end(() => { if (values.truth !== undefined) writeFileSync(values.truth, JSON.stringify(truth, null, 2) + '\n') })
}
