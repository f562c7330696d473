import { readFileSync } from 'node:fs'
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
