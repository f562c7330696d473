import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { generateCorpus, type CorpusTruth } from '../../bench/corpus.js'

/**
 * A generated corpus written to `dir/name`, with its truth: even seeds get
 * CRLF line ends, odd ones LF.
 */
export async function writeCorpus (dir: string, name: string, lines: number, seed: number, format: 'text' | 'ndjson' = 'text'): Promise<{ file: string, truth: CorpusTruth }> {
  const file = join(dir, name)
  const out = createWriteStream(file)
  const truth = generateCorpus({ lines, seed, format, eol: seed % 2 === 0 ? 'crlf' : 'lf' }, (b) => out.write(b))
  out.end()
  await once(out, 'finish')
  return { file, truth }
}
