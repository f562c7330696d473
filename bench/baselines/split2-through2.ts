// Baseline: split2 -> through2 pass-through, both with their defaults: the
// bare stream pipeline sspi-annotate's text mode is measured against.
import { createReadStream } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import split2 from 'split2'
import through2 from 'through2'

let lines = 0
await pipeline(
  process.argv[2] === undefined ? process.stdin : createReadStream(process.argv[2]),
  split2(),
  through2.obj((line: string, _enc: BufferEncoding, cb: (err: null, line: string) => void) => cb(null, line)),
  new Writable({ objectMode: true, write (_line, _enc, cb) { lines++; cb() } }),
)
process.stderr.write(`lines=${lines}\n`)
