// Baseline: split2 with its defaults, counting lines. The floor for any
// line-based tool on this runtime.
import { createReadStream } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import split2 from 'split2'

let lines = 0
await pipeline(
  process.argv[2] === undefined ? process.stdin : createReadStream(process.argv[2]),
  split2(),
  new Writable({ objectMode: true, write (_line, _enc, cb) { lines++; cb() } }),
)
process.stderr.write(`lines=${lines}\n`)
