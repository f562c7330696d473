import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js'
import { langFromEnv } from '../../src/rules/lang.js'
import { ruleSet as english } from '../helpers/rules.js'

const file = (lang: string): { categories: Record<string, { title: string, description: string }>, codes: Record<string, { meaning: string, hint?: string }> } =>
  JSON.parse(readFileSync(join(BUILTIN_RULES_DIR, 'lang', `${lang}.json`), 'utf8'))

/** Hiragana, katakana or CJK ideographs: the text is written in Japanese. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/
/** Words that only a French sentence has (accents or common function words). */
const FRENCH = /[àâçéèêëîïôûùü]|\b(?:le|la|les|un|une|des|du|de|ne|est|pas|ou|et|aucune?)\b|\b[ldnqs]'/i

describe.each([['fr', FRENCH], ['ja', JAPANESE]] as const)('rules/lang/%s.json', (lang, script) => {
  const t = file(lang)

  it('has a meaning for every code of the table, and nothing else', () => {
    expect(Object.keys(t.codes).sort()).toEqual(english.rules.map((r) => r.name).sort())
  })

  it('has a hint exactly where the English table has one', () => {
    for (const r of english.rules) expect(t.codes[r.name]!.hint !== undefined, r.name).toBe(r.hint !== null)
  })

  it('writes every meaning and hint in its own language, not copied from English', () => {
    for (const r of english.rules) {
      const { meaning, hint } = t.codes[r.name]!
      expect(meaning, r.name).toMatch(script)
      expect(meaning, r.name).not.toBe(r.meaning)
      if (hint !== undefined) {
        expect(hint, r.name).toMatch(script)
        expect(hint, r.name).not.toBe(r.hint)
      }
    }
  })

  it('has a title and a description for every category', () => {
    expect(Object.keys(t.categories).sort()).toEqual([...english.categories.keys()].sort())
    for (const c of Object.values(t.categories)) expect(c.description).toMatch(script)
  })
})

describe('loadRules({ lang })', () => {
  const fr = loadRules({ lang: 'fr' })
  const ja = loadRules({ lang: 'ja' })

  it('swaps in the meanings, hints and category texts of the language', () => {
    expect(fr.byName.get('SEC_E_WRONG_PRINCIPAL')!.meaning).toBe(file('fr').codes.SEC_E_WRONG_PRINCIPAL!.meaning)
    expect(ja.byName.get('SEC_E_WRONG_PRINCIPAL')!.hint).toBe(file('ja').codes.SEC_E_WRONG_PRINCIPAL!.hint)
    expect(fr.categories.get('schannel')!.title).toBe('Schannel (TLS et certificats)')
  })

  it('leaves names, values, categories and the Windows messages alone', () => {
    for (const r of english.rules) {
      const f = fr.byName.get(r.name)!
      expect([f.value, f.category, f.message, f.aliasOf, f.tags]).toEqual([r.value, r.category, r.message, r.aliasOf, r.tags])
    }
  })

  it('keeps codes without a hint without one', () => {
    expect(ja.byName.get('OSS_BAD_PTR')!.hint).toBeNull()
  })
})

describe('langFromEnv', () => {
  it.each([
    [{ LANG: 'fr_FR.UTF-8' }, 'fr'],
    [{ LANG: 'ja_JP.eucJP' }, 'ja'],
    [{ LANG: 'de_DE.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'en'],
    [{}, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja_JP.UTF-8', LC_ALL: 'fr_CA.UTF-8' }, 'fr'],
    [{ LANG: 'fr_FR.UTF-8', LC_ALL: '' }, 'fr'],
  ])('%o gives %s', (env, lang) => {
    expect(langFromEnv(env)).toBe(lang)
  })
})

// The seed documents (machine-translated Microsoft pages the table was
// started from) are in ../shared when it is there: our texts are our own words.
const SEEDS = join(BUILTIN_RULES_DIR, '..', '..', 'shared', 'seeds')
const haveSeeds = existsSync(SEEDS)

/** The share of the shorter text's character n-grams that the other also has. */
function overlap (a: string, b: string, n: number): number {
  const grams = (s: string): Set<string> => {
    const t = s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ')
    const g = new Set<string>()
    for (let i = 0; i + n <= t.length; i++) g.add(t.slice(i, i + n))
    return g
  }
  const x = grams(a)
  const y = grams(b)
  let shared = 0
  for (const g of x) if (y.has(g)) shared++
  return shared / Math.max(1, Math.min(x.size, y.size))
}

describe.runIf(haveSeeds)('our translations against the seed documents', () => {
  const MAX_OVERLAP = 0.8

  it('has no French meaning that copies a sentence of the French seed', () => {
    const seed = readFileSync(join(SEEDS, 'sspi-status-codes.fr.md'), 'utf8')
    const sentences = [...seed.matchAll(/^\|[^|]*\|([^|]*)\|/gm)].map((m) => m[1]!.replace(/<br\/?>/g, ' ').trim()).filter((s) => s.length > 20)
    for (const [name, { meaning }] of Object.entries(file('fr').codes)) {
      if (!name.startsWith('SEC_')) continue
      for (const s of sentences) expect(overlap(meaning, s, 5), `${name}: ${meaning} ~ ${s}`).toBeLessThan(MAX_OVERLAP)
    }
  })

  it('has no Japanese meaning that copies the Japanese seed\'s sentence for the same code', () => {
    const lines = readFileSync(join(SEEDS, 'sspi-status-codes.ja.txt'), 'utf8').split('\n')
    const codes = file('ja').codes
    for (let i = 0; i + 1 < lines.length; i++) {
      const name = /^(SEC_[EI]_\w+) \|$/.exec(lines[i]!.trim())?.[1]
      if (name === undefined || codes[name] === undefined) continue
      expect(overlap(codes[name]!.meaning, lines[i + 1]!, 3), name).toBeLessThan(MAX_OVERLAP)
    }
  })
})
