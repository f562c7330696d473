import type { Category, CodeKind, Severity } from './types.js'
import { RulesError } from './rules-error.js'

/** A code entry as written in a file: complete for a new name, partial for an override. */
export interface EntryFields {
  name: string
  /** The number in the family's notation, and the way it is written in messages (`0x80090325`, `0xC000006D`, `24`). */
  value?: number
  valueText?: string
  severity?: Severity
  category?: string
  tags?: string[]
  meaning?: string
  hint?: string | null
  message?: string | null
  otherTexts?: string[]
  genericMessage?: boolean
  aliasOf?: string | null
  sources?: string[]
}

/** A checked file: its family, categories and code entries, with where each came from. */
export interface CheckedFile {
  readonly file: string
  readonly family: string | null
  /** How its values are written, from its family. */
  readonly kind: CodeKind
  readonly categories: Category[]
  readonly entries: Array<{ fields: EntryFields, where: string }>
}

const FILE_FIELDS = new Set(['$schema', 'family', 'description', 'categories', 'codes'])
const ENTRY_FIELDS = new Set(['name', 'hresult', 'value', 'severity', 'category', 'tags', 'meaning', 'hint', 'message', 'otherTexts', 'genericMessage', 'aliasOf', 'sources'])
const CATEGORY_FIELDS = new Set(['id', 'title', 'description'])

const NAME = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/
const HRESULT = /^0x[0-9A-Fa-f]{8}$/

/** The families whose numbers are not HRESULTs; any other family's are. */
const KINDS: Readonly<Record<string, CodeKind>> = { ntstatus: 'ntstatus', win32: 'win32', kerberos: 'kerberos' }
export const kindOfFamily = (family: string | null): CodeKind => (family !== null && Object.hasOwn(KINDS, family) ? KINDS[family]! : 'hresult')
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
    const kind = kindOfFamily(family as string | null)
    for (let i = 0; i < doc.codes.length; i++) {
      const fields = checkEntry(file, kind, i, doc.codes[i])
      const where = entryPlace(i, fields.name)
      if (seen.has(fields.name)) throw new RulesError(file, where, 'name', 'duplicate name in this file')
      seen.add(fields.name)
      entries.push({ fields, where })
    }
  }
  return { file, family: family as string | null, kind: kindOfFamily(family as string | null), categories, entries }
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

// Every command checks the built-in files as it starts, in code the
// interpreter runs (~650 entries): for...of over arrays and Object.keys
// there walks an iterator object per loop, and it was most of the ~6 ms
// checkEntry took per start (cpu-prof line ticks); plain index loops
// and the field lists made once below are what it runs instead.
const TEXT_FIELDS = ['category', 'meaning'] as const
const NULLABLE_TEXT_FIELDS = ['hint', 'message', 'aliasOf'] as const
const WORD_LIST_FIELDS = ['tags', 'sources'] as const

/** Where an entry is in its file, as its errors name it. */
const entryPlace = (index: number, name: string): string => `codes[${index}] (${name})`

function checkEntry (file: string, kind: CodeKind, index: number, raw: unknown): EntryFields {
  if (!isObject(raw)) throw new RulesError(file, `codes[${index}]`, null, `expected an object, got ${describe(raw)}`)
  const name = raw.name
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new RulesError(file, `codes[${index}]`, 'name', `expected an upper-case constant name such as "SEC_E_LOGON_DENIED", got ${describe(name)}`)
  }
  const fail = (field: string, problem: string): never => { throw new RulesError(file, entryPlace(index, name), field, problem) }
  const keys = Object.keys(raw)
  for (let i = 0; i < keys.length; i++) {
    if (!ENTRY_FIELDS.has(keys[i]!)) fail(keys[i]!, `unknown field (allowed: ${[...ENTRY_FIELDS].join(', ')})`)
  }
  const out: EntryFields = { name }
  if (kind === 'hresult') {
    if (raw.value !== undefined) fail('value', 'an HRESULT family gives "hresult"; "value" is for the ntstatus, win32 and kerberos families')
    if (raw.hresult !== undefined) {
      if (typeof raw.hresult !== 'string' || !HRESULT.test(raw.hresult)) fail('hresult', `expected "0x" followed by 8 hex digits, got ${describe(raw.hresult)}`)
      out.value = Number.parseInt((raw.hresult as string).slice(2), 16)
      out.valueText = '0x' + (raw.hresult as string).slice(2).toUpperCase()
    }
  } else {
    if (raw.hresult !== undefined) fail('hresult', `the ${kind} family gives "value"${kind === 'win32' ? ' (the HRESULT form is derived from it)' : ''}`)
    if (raw.value !== undefined) Object.assign(out, checkValue(kind, raw.value, (problem) => fail('value', problem)))
  }
  if (raw.severity !== undefined) {
    if (raw.severity !== 'error' && raw.severity !== 'success') fail('severity', `expected "error" or "success", got ${describe(raw.severity)}`)
    out.severity = raw.severity as Severity
    if (out.value !== undefined && severityOf(kind, out.value) !== out.severity) {
      fail('severity', `"${out.severity}" contradicts ${out.valueText}, which makes it "${severityOf(kind, out.value)}"`)
    }
  }
  for (let i = 0; i < TEXT_FIELDS.length; i++) {
    const key = TEXT_FIELDS[i]!
    if (raw[key] === undefined) continue
    if (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '') fail(key, `expected a non-empty string, got ${describe(raw[key])}`)
    out[key] = raw[key] as string
  }
  for (let i = 0; i < NULLABLE_TEXT_FIELDS.length; i++) {
    const key = NULLABLE_TEXT_FIELDS[i]!
    if (raw[key] === undefined) continue
    if (raw[key] !== null && (typeof raw[key] !== 'string' || (raw[key] as string).trim() === '')) fail(key, `expected a non-empty string or null, got ${describe(raw[key])}`)
    out[key] = raw[key] as string | null
  }
  if (raw.genericMessage !== undefined) {
    if (typeof raw.genericMessage !== 'boolean') fail('genericMessage', `expected true or false, got ${describe(raw.genericMessage)}`)
    out.genericMessage = raw.genericMessage as boolean
  }
  if (raw.otherTexts !== undefined) {
    const list = raw.otherTexts
    if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' || t.trim() === '')) fail('otherTexts', `expected an array of non-empty strings, got ${describe(list)}`)
    out.otherTexts = (list as string[]).slice()
  }
  for (let i = 0; i < WORD_LIST_FIELDS.length; i++) {
    const key = WORD_LIST_FIELDS[i]!
    if (raw[key] === undefined) continue
    const list = raw[key]
    if (!Array.isArray(list)) fail(key, `expected an array of strings, got ${describe(list)}`)
    for (let j = 0; j < (list as unknown[]).length; j++) {
      const item = (list as unknown[])[j]
      if (typeof item !== 'string' || !SLUG.test(item)) fail(key, `expected lower-case words such as "tls", got ${describe(item)}`)
    }
    out[key] = (list as string[]).slice()
  }
  return out
}

/** HRESULT and NTSTATUS: bit 31 set means failure. Win32 and Kerberos: anything but 0 is. */
export function severityOf (kind: CodeKind, value: number): Severity {
  if (kind === 'win32' || kind === 'kerberos') return value === 0 ? 'success' : 'error'
  return value >= 0x80000000 ? 'error' : 'success'
}

const STATUS_HEX = /^0x[0-9A-Fa-f]{8}$/

/**
 * A logon family's value: an NTSTATUS as `0x` + 8 hex digits, a Win32 error
 * the same way (at most 0xFFFF: HRESULT_FROM_WIN32 keeps 16 bits), a
 * Kerberos error number as a JSON number.
 */
function checkValue (kind: Exclude<CodeKind, 'hresult'>, raw: unknown, fail: (problem: string) => never): { value: number, valueText: string } {
  if (kind === 'kerberos') {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > 0x7fffffff) return fail(`expected a Kerberos error number such as 24, got ${describe(raw)}`)
    return { value: raw, valueText: String(raw) }
  }
  if (typeof raw !== 'string' || !STATUS_HEX.test(raw)) return fail(`expected "0x" followed by 8 hex digits, got ${describe(raw)}`)
  const value = Number.parseInt(raw.slice(2), 16)
  if (kind === 'win32' && value > 0xffff) return fail(`a Win32 error fits in 16 bits, got ${raw}`)
  return { value, valueText: '0x' + raw.slice(2).toUpperCase() }
}
