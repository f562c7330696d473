import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { oneLine } from '../one-line.js'
import type { Category, Revalued, Rule, RuleSet } from './types.js'
import { RulesError } from './rules-error.js'
import { checkRulesFile, severityOf, type CheckedFile, type EntryFields } from './validate.js'
import { translateFiles, type Lang } from './lang.js'

/**
 * rules/ at the package root, found by walking up from this module: it runs
 * from src/rules (tests), dist/rules (the library) and dist/cli.js (the
 * bundled CLI), at different depths.
 */
export const BUILTIN_RULES_DIR = findRulesDir(dirname(fileURLToPath(import.meta.url)))

function findRulesDir (from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'rules', 'categories.json'))) return join(dir, 'rules')
    if (dirname(dir) === dir) throw new Error(`sspi-annotate: no rules/ folder above ${from}`)
  }
}

export interface LoadRulesOptions {
  /** User files that add or override entries (the CLI's --rules). */
  readonly rulesFiles?: readonly string[]
  /** Where the built-in files live; every *.json there is read. */
  readonly builtinDir?: string
  /** The language of meanings, hints and category texts (rules/lang/); default en. */
  readonly lang?: Lang
}

/**
 * Load the built-in table and any user files, check everything, and build the
 * lookup maps once. Throws RulesError on the first problem.
 */
export function loadRules (options: LoadRulesOptions = {}): RuleSet {
  const dir = options.builtinDir ?? BUILTIN_RULES_DIR
  // sspi.json first, so that where names share a value (only 0 may) the SSPI
  // name is the one a number resolves to: `lookup 0` says SEC_E_OK.
  // Code-unit order, not localeCompare: its first call sets up an ICU
  // collator, ~5 ms of every start (cpu-prof), for names that are ASCII.
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort((a, b) => Number(b === 'sspi.json') - Number(a === 'sspi.json') || (a < b ? -1 : a > b ? 1 : 0))
  const builtin = translateFiles(files.map((f) => readRulesFile(join(dir, f))), dir, options.lang ?? 'en')
  const user = (options.rulesFiles ?? []).map(readRulesFile)
  return buildRuleSet(builtin, user)
}

/** Read and check one file; JSON syntax errors are reported like any other rules error. */
export function readRulesFile (file: string): CheckedFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new RulesError(file, null, null, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    throw new RulesError(file, null, null, `not valid JSON: ${oneLine((err as Error).message)}`)
  }
  return checkRulesFile(file, doc)
}

/**
 * Built-in files may not define a name twice; a user file may override any
 * field of a built-in entry, or add a complete new entry.
 */
export function buildRuleSet (builtin: readonly CheckedFile[], user: readonly CheckedFile[] = []): RuleSet {
  const categories = new Map<string, Category>()
  const fields = new Map<string, { fields: EntryFields, family: string, file: string, where: string }>()
  const changed: Array<Omit<Revalued, 'fromNowNames'> & { value: number }> = []
  for (const [layer, files] of [['builtin', builtin], ['user', user]] as const) {
    for (const f of files) {
      for (const c of f.categories) {
        if (layer === 'builtin' && categories.has(c.id)) throw new RulesError(f.file, null, 'categories', `category "${c.id}" is already defined`)
        categories.set(c.id, c)
      }
      for (const { fields: entry, where } of f.entries) {
        const prior = fields.get(entry.name)
        if (prior !== undefined && layer === 'builtin') throw new RulesError(f.file, where, 'name', `already defined in ${prior.file}`)
        const merged = prior === undefined ? entry : { ...prior.fields, ...entry }
        if (layer === 'user' && prior?.fields.value !== undefined && entry.value !== undefined && entry.value !== prior.fields.value) {
          changed.push({ name: entry.name, from: prior.fields.hresult!, to: entry.hresult!, file: f.file, value: prior.fields.value })
        }
        fields.set(entry.name, { fields: merged, family: f.family ?? prior?.family ?? 'user', file: f.file, where })
      }
    }
  }

  const rules: Rule[] = []
  for (const { fields: e, family, file, where } of fields.values()) {
    const fail = (field: string, problem: string): never => { throw new RulesError(file, where, field, problem) }
    if (e.value === undefined || e.hresult === undefined) return fail('hresult', 'missing (required for a new code)')
    if (e.category === undefined) return fail('category', 'missing (required for a new code)')
    if (!categories.has(e.category)) fail('category', `unknown category "${e.category}" (known: ${[...categories.keys()].join(', ')})`)
    if (e.meaning === undefined) return fail('meaning', 'missing (required for a new code)')
    const severity = severityOf(e.value)
    if (e.severity !== undefined && e.severity !== severity) fail('severity', `"${e.severity}" contradicts ${e.hresult}`)
    rules.push({
      name: e.name,
      value: e.value,
      hresult: e.hresult,
      severity,
      family,
      category: e.category,
      tags: Object.freeze([...(e.tags ?? [])]),
      meaning: e.meaning,
      hint: e.hint ?? null,
      message: e.message ?? null,
      aliasOf: e.aliasOf ?? null,
      sources: Object.freeze([...(e.sources ?? [])]),
    })
  }

  const byName = new Map(rules.map((r) => [r.name, r]))
  const byValue = new Map<number, Rule>()
  const aliases = new Map<string, string[]>()
  for (const r of rules) {
    const { file, where } = fields.get(r.name)!
    if (r.aliasOf !== null) {
      const target = byName.get(r.aliasOf)
      if (target === undefined) throw new RulesError(file, where, 'aliasOf', `names "${r.aliasOf}", which is not defined`)
      if (target.value !== r.value) throw new RulesError(file, where, 'aliasOf', `"${r.aliasOf}" has value ${target.hresult}, not ${r.hresult}`)
      if (target.aliasOf !== null) throw new RulesError(file, where, 'aliasOf', `"${r.aliasOf}" is itself an alias; point at the canonical name`)
      aliases.set(target.name, [...(aliases.get(target.name) ?? []), r.name])
      continue
    }
    const other = byValue.get(r.value)
    // 0 is every facility's success (NO_ERROR): SEC_E_OK and SCARD_S_SUCCESS
    // are different names for it in different APIs, not aliases of each
    // other. Value 0 is matched by name only, so sharing it is harmless.
    if (other !== undefined && r.value === 0) continue
    if (other !== undefined) throw new RulesError(file, where, 'hresult', `${r.hresult} is already ${other.name}; mark one of them "aliasOf" the other`)
    byValue.set(r.value, r)
  }
  const revalued = changed.map(({ value, ...c }) => ({ ...c, fromNowNames: byValue.get(value)?.name ?? null }))
  return { rules, categories, byName, byValue, aliases, revalued }
}
