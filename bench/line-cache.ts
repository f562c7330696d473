// Does an LRU cache of line -> annotation pay on the hot path? Races
// annotateLine with and without a cache (lru-cache, bounded in entries and
// bytes) on the benchmark corpus and on a repetitive input where the same
// few hundred lines repeat. In-process, so the ratio is about the matcher.
import { readFileSync } from 'node:fs'
import { LRUCache } from 'lru-cache'
import { annotateLine, compileMatcher, loadRules, type AnnotatedCode } from 'sspi-annotate'
import { median } from './measure.js'

const matcher = compileMatcher(loadRules())
const NONE: AnnotatedCode[] = []

function timeIt (lines: readonly string[], annotate: (line: string) => unknown): number {
  const ms: number[] = []
  for (let round = 0; round < 5; round++) {
    const t = process.hrtime.bigint()
    for (const l of lines) annotate(l)
    ms.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  return median(ms)
}

function cached (): (line: string) => AnnotatedCode[] | null {
  const cache = new LRUCache<string, AnnotatedCode[]>({ max: 10_000, maxSize: 8 * 1024 * 1024, sizeCalculation: (_v, k) => k.length * 2 + 64 })
  return (line) => {
    const hit = cache.get(line)
    if (hit !== undefined) return hit === NONE ? null : hit
    const codes = annotateLine(matcher, line)
    cache.set(line, codes ?? NONE)
    return codes
  }
}

export interface CacheResult { input: string, lines: number, plainMs: number, cachedMs: number }

export function raceLineCache (corpusFile: string, limit: number): CacheResult[] {
  const corpus = readFileSync(corpusFile, 'utf8').split('\n').slice(0, limit)
  // Real logs repeat: 300 distinct lines (a tenth with codes) over and over.
  const distinct = corpus.filter((l, i) => i % 97 === 0).slice(0, 270).concat(corpus.filter((l) => /SEC_E_|0x8009/.test(l)).slice(0, 30))
  const repetitive = Array.from({ length: corpus.length }, (_, i) => distinct[i % distinct.length]!)
  return [['benchmark corpus', corpus], ['repetitive (300 distinct lines)', repetitive]].map(([input, lines]) => ({
    input: input as string,
    lines: (lines as string[]).length,
    plainMs: timeIt(lines as string[], (l) => annotateLine(matcher, l)),
    cachedMs: timeIt(lines as string[], cached()),
  }))
}
