import type { Category, Severity } from './types.js'
import { RulesError } from './rules-error.js'

/** A code entry as written in a file: complete for a new name, partial for an override. */
export interface EntryFields {
  name: string
  hresult?: string
  value?: number
  severity?: Severity
  category?: string
  tags?: string[]
  meaning?: string
  hint?: string | null
  message?: string | null
  aliasOf?: string | null
  sources?: string[]
}

/** A checked file: its family, categories and code entries, with where each came from. */
export interface CheckedFile {
  readonly file: string
  readonly family: string | null
  readonly categories: Category[]
  readonly entries: Array<{ fields: EntryFields, where: string }>
}

const FILE_FIELDS = new Set(['$schema', 'family', 'description', 'categories', 'codes'])
const ENTRY_FIELDS = new Set(['name', 'hresult', 'severity', 'category', 'tags', 'meaning', 'hint', 'message', 'aliasOf', 'sources'])
const CATEGORY_FIELDS = new Set(['id', 'title', 'description'])

const NAME = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/
const HRESULT = /^0x[0-9A-Fa-f]{8}$/
const SLUG = /^[a-z0-9][a-z0-9-]*$/

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v)

/**
 * Check one parsed rules file. Throws a RulesError naming the file, the entry
 * and the field on the first problem; returns the entries otherwise.
 */
export function checkRulesFile (file: string, doc: unknown): CheckedFile {
  if (!isObject(doc)) throw new RulesError(file, null, null, `expected a JSON object with "codes" and/or "categories", got ${describe(doc)}`)
  for (const key of Object.keys(doc)) {
    if (!FILE_FIELDS.has(key)) throw new RulesError(file, null, key, `unknown field (allowed: ${[...FILE_FIELDS].join(', ')})`)
  }
  const family = doc.family === undefined ? null : doc.family
  if (family !== null && (typeof family !== 'string' || !SLUG.test(family))) {
    throw new RulesError(file, null, 'family', `expected a lower-case word such as "sspi", got ${describe(family)}`)
  }
  if (doc.codes === undefined && doc.categories === undefined) throw new RulesError(file, null, null, 'has neither "codes" nor "categories"')
  const categories = doc.categories === undefined ? [] : checkCategories(file, doc.categories)
  const entries: CheckedFile['entries'] = []
  if (doc.codes !== undefined) {
    if (!Array.isArray(doc.codes)) throw new RulesError(file, null, 'codes', `expected an array, got ${describe(doc.codes)}`)
    const seen = new Set<string>()
    doc.codes.forEach((raw, i) => {
      const fields = checkEntry(file, i, raw)
      const where = `codes[${i}] (${fields.name})`
      if (seen.has(fields.name)) throw new RulesError(file, where, 'name', 'duplicate name in this file')
      seen.add(fields.name)
      entries.push({ fields, where })
    })
  }
  return { file, family, categories, entries }
}

function checkCategories (file: string, raw: unknown): Category[] {
  if (!Array.isArray(raw)) throw new RulesError(file, null, 'categories', `expected an array, got ${describe(raw)}`)
  const seen = new Set<string>()
  return raw.map((c, i) => {
    const where = `categories[${i}]`
    if (!isObject(c)) throw new RulesError(file, where, null, `expected an object, got ${describe(c)}`)
    for (const key of Object.keys(c)) {
      if (!CATEGORY_FIELDS.has(key)) throw new RulesError(file, where, key, `unknown field (allowed: ${[...CATEGORY_FIELDS].join(', ')})`)
    }
    for (const key of CATEGORY_FIELDS) {
      if (typeof c[key] !== 'string' || (c[key] as string).trim() === '') throw new RulesError(file, where, key, `expected a non-empty string, got ${describe(c[key])}`)
    }
    const id = c.id as string
    if (!SLUG.test(id)) throw new RulesError(file, where, 'id', `expected a lower-case word, got ${describe(id)}`)
    if (seen.has(id)) throw new RulesError(file, where, 'id', `duplicate category "${id}"`)
    seen.add(id)
    return { id, title: c.title as string, description: c.description as string }
  })
}

function checkEntry (file: string, index: number, raw: unknown): EntryFields {
  let where = `codes[${index}]`
  if (!isObject(raw)) throw new RulesError(file, where, null, `expected an object, got ${describe(raw)}`)
  const name = raw.name
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new RulesError(file, where, 'name', `expected an upper-case constant name such as "SEC_E_LOGON_DENIED", got ${describe(name)}`)
  }
  where = `${where} (${name})`
  const fail = (field: string, problem: string): never => { throw new RulesError(file, where, field, problem) }
  for (const key of Object.keys(raw)) {
    if (!ENTRY_FIELDS.has(key)) fail(key, `unknown field (allowed: ${[...ENTRY_FIELDS].join(', ')})`)
  }
  const out: EntryFields = { name }
  if (raw.hresult !== undefined) {
    if (typeof raw.hresult !== 'string' || !HRESULT.test(raw.hresult)) fail('hresult', `expected "0x" followed by 8 hex digits, got ${describe(raw.hresult)}`)
    out.value = Number.parseInt((raw.hresult as string).slice(2), 16)
    out.hresult = '0x' + (raw.hresult as string).slice(2).toUpperCase()
  }
  if (raw.severity !== undefined) {
    if (raw.severity !== 'error' && raw.severity !== 'success') fail('severity', `expected "error" or "success", got ${describe(raw.severity)}`)
    out.severity = raw.severity as Severity
    if (out.value !== undefined && severityOf(out.value) !== out.severity) {
      fail('severity', `"${out.severity}" contradicts ${out.hresult}, whose bit 31 makes it "${severityOf(out.value)}"`)
    }
  }
  for (const key of ['category', 'meaning'] as const) {
    if (raw[key] === undefined) continue
    if (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '') fail(key, `expected a non-empty string, got ${describe(raw[key])}`)
    out[key] = raw[key] as string
  }
  for (const key of ['hint', 'message', 'aliasOf'] as const) {
    if (raw[key] === undefined) continue
    if (raw[key] !== null && (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '')) fail(key, `expected a non-empty string or null, got ${describe(raw[key])}`)
    out[key] = raw[key] as string | null
  }
  for (const key of ['tags', 'sources'] as const) {
    if (raw[key] === undefined) continue
    const list = raw[key]
    if (!Array.isArray(list)) fail(key, `expected an array of strings, got ${describe(list)}`)
    for (const item of list as unknown[]) {
      if (typeof item !== 'string' || !SLUG.test(item)) fail(key, `expected lower-case words such as "tls", got ${describe(item)}`)
    }
    out[key] = [...(list as string[])]
  }
  return out
}

/** Bit 31 of an HRESULT is the severity: set means failure. */
export function severityOf (value: number): Severity {
  return value >= 0x80000000 ? 'error' : 'success'
}
