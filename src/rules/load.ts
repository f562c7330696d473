import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { oneLine } from '../one-line.js'
import type { Category, CodeKind, Revalued, Rule, RuleSet } from './types.js'
import { RulesError } from './rules-error.js'
import { checkRulesFile, severityOf, type CheckedFile, type EntryFields } from './validate.js'
import { translateFiles, type Lang } from './lang.js'
import { hresultHex } from '../match/hresult.js'

/**
 * rules/ at the package root, found by walking up from this module: it runs
 * from src/rules (tests), dist/rules (the library) and dist/cli.cjs (the
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
  const fields = new Map<string, { fields: EntryFields, family: string, kind: CodeKind, file: string, where: string }>()
  const changed: Array<Omit<Revalued, 'fromNowNames'> & { kind: CodeKind, value: number }> = []
  for (const [layer, files] of [['builtin', builtin], ['user', user]] as const) {
    for (const f of files) {
      for (const c of f.categories) {
        if (layer === 'builtin' && categories.has(c.id)) throw new RulesError(f.file, null, 'categories', `category "${c.id}" is already defined`)
        categories.set(c.id, c)
      }
      for (const { fields: entry, where } of f.entries) {
        const prior = fields.get(entry.name)
        if (prior !== undefined && layer === 'builtin') throw new RulesError(f.file, where, 'name', `already defined in ${prior.file}`)
        if (prior !== undefined && entry.value !== undefined && prior.kind !== f.kind) {
          throw new RulesError(f.file, where, f.kind === 'hresult' ? 'hresult' : 'value', `${entry.name} is a ${prior.kind} code; give its value in a file whose "family" is "${prior.family}"`)
        }
        const merged = prior === undefined ? entry : { ...prior.fields, ...entry }
        if (layer === 'user' && prior?.fields.value !== undefined && entry.value !== undefined && entry.value !== prior.fields.value) {
          changed.push({ name: entry.name, from: prior.fields.valueText!, to: entry.valueText!, file: f.file, kind: prior.kind, value: prior.fields.value })
        }
        fields.set(entry.name, { fields: merged, family: f.family ?? prior?.family ?? 'user', kind: prior?.kind ?? f.kind, file: f.file, where })
      }
    }
  }

  const rules: Rule[] = []
  for (const { fields: e, family, kind, file, where } of fields.values()) {
    const fail = (field: string, problem: string): never => { throw new RulesError(file, where, field, problem) }
    if (e.value === undefined) return fail(kind === 'hresult' ? 'hresult' : 'value', 'missing (required for a new code)')
    if (e.category === undefined) return fail('category', 'missing (required for a new code)')
    if (!categories.has(e.category)) fail('category', `unknown category "${e.category}" (known: ${[...categories.keys()].join(', ')})`)
    if (e.meaning === undefined) return fail('meaning', 'missing (required for a new code)')
    const severity = severityOf(kind, e.value)
    if (e.severity !== undefined && e.severity !== severity) fail('severity', `"${e.severity}" contradicts ${e.valueText}`)
    const status = statusOf(kind, e.value)
    const message = e.message ?? null
    rules.push({
      name: e.name,
      value: e.value,
      kind,
      status,
      hresult: kind === 'hresult' || kind === 'win32' ? hresultHex(status!) : null,
      severity,
      family,
      category: e.category,
      tags: Object.freeze([...(e.tags ?? [])]),
      meaning: e.meaning,
      hint: e.hint ?? null,
      message,
      texts: Object.freeze([...(message === null || e.genericMessage === true ? [] : [message]), ...(e.otherTexts ?? [])]),
      aliasOf: e.aliasOf ?? null,
      sources: Object.freeze([...(e.sources ?? [])]),
    })
  }

  const byName = new Map(rules.map((r) => [r.name, r]))
  const byValue = new Map<number, Rule>()
  const byNumber = new Map<CodeKind, Map<number, Rule>>()
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
    const numbers = byNumber.get(r.kind) ?? byNumber.set(r.kind, new Map()).get(r.kind)!
    const other = numbers.get(r.value)
    // 0 is every facility's success (NO_ERROR): SEC_E_OK and SCARD_S_SUCCESS
    // are different names for it in different APIs, not aliases of each
    // other. Value 0 is matched by name only, so sharing it is harmless.
    if (other !== undefined && r.value === 0) continue
    if (other !== undefined) throw new RulesError(file, where, r.kind === 'hresult' ? 'hresult' : 'value', `${valueTextOf(r)} is already ${other.name}; mark one of them "aliasOf" the other`)
    numbers.set(r.value, r)
    if (r.status === null) continue
    const clash = byValue.get(r.status)
    if (clash !== undefined) throw new RulesError(file, where, r.kind === 'hresult' ? 'hresult' : 'value', `${r.name} is written ${hresultHex(r.status)}, which is already ${clash.name}`)
    byValue.set(r.status, r)
  }
  const revalued = changed.map(({ value, kind, ...c }) => ({ ...c, fromNowNames: byNumber.get(kind)?.get(value)?.name ?? null }))
  return { rules, categories, byName, byValue, byNumber, aliases, revalued }
}

/** The 32-bit status a code is written as in a log (Rule.status). */
function statusOf (kind: CodeKind, value: number): number | null {
  if (kind === 'kerberos') return null
  // HRESULT_FROM_WIN32 (winerror.h): 0 stays 0, anything else goes to facility 7 with the failure bit.
  if (kind === 'win32') return value === 0 ? 0 : (0x80070000 | (value & 0xffff)) >>> 0
  return value
}

/** A code's value the way its family writes it: `0x80090325`, `0xC000006D`, `0x0000052E`, `24`. */
export function valueTextOf (rule: Pick<Rule, 'kind' | 'value'>): string {
  return rule.kind === 'kerberos' ? String(rule.value) : hresultHex(rule.value)
}
