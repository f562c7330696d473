import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { langOfArgs, USAGE_WORDS } from '../../src/commands/usage-words.js'
import { LANGS } from '../../src/rules/lang.js'
import { ROOT } from '../helpers/cli.js'

const yargsEnglish = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'yargs', 'locales', 'en.json'), 'utf8')) as Record<string, string | { one: string, other: string }>

describe('usage words', () => {
  it.each(['fr', 'ja'] as const)('translates only phrases yargs says, so a renamed one is noticed (%s)', (lang) => {
    for (const key of Object.keys(USAGE_WORDS[lang])) expect(Object.keys(yargsEnglish), key).toContain(key)
  })

  it('translates the same phrases in French and Japanese', () => {
    expect(Object.keys(USAGE_WORDS.ja).sort()).toEqual(Object.keys(USAGE_WORDS.fr).sort())
  })

  it.each(['fr', 'ja'] as const)('keeps the plural forms and every %%s of a phrase (%s)', (lang) => {
    for (const [key, phrase] of Object.entries(USAGE_WORDS[lang])) {
      const english = yargsEnglish[key]!
      const holes = (s: string): number => s.split('%s').length - 1
      if (typeof english === 'string') expect(typeof phrase, key).toBe('string')
      else expect(Object.keys(phrase).sort(), key).toEqual(['one', 'other'])
      for (const form of typeof phrase === 'string' ? [phrase] : [phrase.one, phrase.other]) {
        expect(holes(form), `${key}: ${form}`).toBe(holes(typeof english === 'string' ? english : english.other))
      }
    }
  })
})

describe('langOfArgs', () => {
  it.each([
    [['--lang', 'fr', 'summarize', 'x'], 'fr'],
    [['summarize', '--lang=ja', 'x'], 'ja'],
    [['--lang', 'de'], 'en'],
    [['lookup', '0x80090325'], 'en'],
  ] as const)('reads %j as %s', (args, lang) => {
    expect(langOfArgs(args, LANGS, 'en')).toBe(lang)
  })

  it('falls back to the language the environment gave', () => {
    expect(langOfArgs(['summarize', 'x'], LANGS, 'fr')).toBe('fr')
  })

  it('stops at --: what follows is files', () => {
    expect(langOfArgs(['--', '--lang', 'fr'], LANGS, 'en')).toBe('en')
  })
})
