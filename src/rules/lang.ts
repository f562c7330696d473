import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Category } from './types.js'
import { RulesError } from './rules-error.js'
import type { CheckedFile } from './validate.js'

/** The languages meanings, hints and category texts are written in. */
export const LANGS = ['en', 'fr', 'ja'] as const
export type Lang = (typeof LANGS)[number]

/**
 * The language the environment asks for, as POSIX orders it: LC_ALL, then
 * LC_MESSAGES, then LANG (`fr_FR.UTF-8` is fr, `ja_JP.eucJP` is ja); English
 * for anything else, C and POSIX included.
 */
export function langFromEnv (env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? ''
  const code = locale.split(/[_.@-]/)[0]!.toLowerCase()
  return (LANGS as readonly string[]).includes(code) ? code as Lang : 'en'
}

interface Translation {
  readonly categories: ReadonlyMap<string, { title: string, description: string }>
  readonly codes: ReadonlyMap<string, { meaning: string, hint?: string }>
}

/** rules/lang/LANG.json, checked: every value a non-empty string. */
function readTranslation (dir: string, lang: Exclude<Lang, 'en'>): Translation {
  const file = join(dir, 'lang', `${lang}.json`)
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new RulesError(file, null, null, `cannot read: ${(err as Error).message}`)
  }
  const text = (v: unknown, where: string, field: string): string => {
    if (typeof v !== 'string' || v.trim() === '') throw new RulesError(file, where, field, 'expected a non-empty string')
    return v
  }
  const record = (v: unknown, field: string): Record<string, Record<string, unknown>> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RulesError(file, null, field, 'expected an object')
    return v as Record<string, Record<string, unknown>>
  }
  const d = record(doc, '(file)') as unknown as { categories: unknown, codes: unknown }
  const categories = new Map(Object.entries(record(d.categories, 'categories')).map(([id, c]) => [id, { title: text(c.title, id, 'title'), description: text(c.description, id, 'description') }]))
  const codes = new Map(Object.entries(record(d.codes, 'codes')).map(([name, c]) => {
    const entry: { meaning: string, hint?: string } = { meaning: text(c.meaning, name, 'meaning') }
    if (c.hint !== undefined) entry.hint = text(c.hint, name, 'hint')
    return [name, entry] as const
  }))
  return { categories, codes }
}

/**
 * The built-in files with meanings, hints and category texts in `lang`.
 * Names, values and messages stay as they are; a text the translation lacks
 * stays English (a spec checks that none is missing). User rules files are
 * merged afterwards, so a hint of one's own wins in every language.
 */
export function translateFiles (files: readonly CheckedFile[], dir: string, lang: Lang): CheckedFile[] {
  if (lang === 'en') return [...files]
  const t = readTranslation(dir, lang)
  return files.map((f) => ({
    ...f,
    categories: f.categories.map((c): Category => ({ ...c, ...t.categories.get(c.id) })),
    entries: f.entries.map((e) => {
      const tr = t.codes.get(e.fields.name)
      if (tr === undefined) return e
      return { ...e, fields: { ...e.fields, meaning: tr.meaning, ...(e.fields.hint != null && tr.hint !== undefined ? { hint: tr.hint } : {}) } }
    }),
  }))
}
