import type { Rule, RuleSet } from './types.js'
import { hresultHex, signedDecimal, unsignedDecimal } from '../match/hresult.js'
import { valueTextOf } from './load.js'
import { otherSpellings } from '../match/spellings.js'

export const EXPORT_FORMATS = ['logstash', 'vector', 'splunk', 'csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/**
 * Every spelling a code is looked up by: its name (aliases and other
 * spellings too), the 32-bit status as 0x… and as 8 bare digits, for errors
 * the signed and unsigned decimals, and a Win32 error's own number. Lookup
 * tables match exactly, so each spelling is a key of its own. A Kerberos
 * number means something only in its field, so it is no key.
 */
export function keysOf (ruleSet: RuleSet, rule: Rule): string[] {
  const keys = [rule.name, ...otherSpellings(rule), ...(ruleSet.aliases.get(rule.name) ?? [])]
  // A number is a key of the one code that owns the value: 0 is SEC_E_OK's,
  // not SCARD_S_SUCCESS's, and a lookup table may not hold a key twice.
  if (rule.status === null || ruleSet.byValue.get(rule.status) !== rule) return keys
  const hex = hresultHex(rule.status)
  keys.push(hex)
  if (rule.status !== 0) keys.push(hex.slice(2))
  if (rule.severity === 'error') keys.push(signedDecimal(rule.status), unsignedDecimal(rule.status))
  if (rule.kind === 'win32') keys.push(String(rule.value))
  return keys
}

const COLUMNS = ['name', 'family', 'value', 'hresult', 'severity', 'category', 'tags', 'meaning', 'hint'] as const
const row = (r: Rule): string[] => [r.name, r.family, valueTextOf(r), r.hresult ?? '', r.severity, r.category, r.tags.join(' '), r.meaning, r.hint ?? '']

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField (v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
}
const csvLine = (fields: readonly string[]): string => fields.map(csvField).join(',') + '\r\n'

/** YAML single-quoted scalar: nothing is escaped but the single quote, doubled. */
const yamlQuote = (v: string): string => `'${v.replaceAll("'", "''")}'`

/** The table in the given format, as text. Canonical codes only; aliases appear as keys. */
export function exportRules (ruleSet: RuleSet, format: ExportFormat): string {
  const rules = ruleSet.rules.filter((r) => r.aliasOf === null)
  switch (format) {
    case 'json':
      return JSON.stringify(rules.map((r) => ({ ...r, aliases: ruleSet.aliases.get(r.name) ?? [] })), null, 2) + '\n'
    case 'csv':
      return csvLine(COLUMNS) + rules.map((r) => csvLine(row(r))).join('')
    case 'vector':
      // An enrichment table (type "file", csv encoding): look a value up by the key column.
      return csvLine(['key', ...COLUMNS]) + rules.flatMap((r) => keysOf(ruleSet, r).map((k) => csvLine([k, ...row(r)]))).join('')
    case 'splunk':
      // A lookup table: its output fields land in events under these names.
      return csvLine(['sspi_code', ...COLUMNS.map((c) => `sspi_${c}`)]) + rules.flatMap((r) => keysOf(ruleSet, r).map((k) => csvLine([k, ...row(r)]))).join('')
    case 'logstash': {
      // A translate filter dictionary: key -> one string. The value is a JSON
      // object, for a json filter to expand into fields.
      const lines = ['# sspi-annotate code table for logstash-filter-translate (dictionary_path).', '# Each value is JSON: follow the translate filter with a json filter on its target.']
      for (const r of rules) {
        const value = JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, c === 'tags' ? r.tags : row(r)[i]])))
        for (const k of keysOf(ruleSet, r)) lines.push(`${yamlQuote(k)}: ${yamlQuote(value)}`)
      }
      return lines.join('\n') + '\n'
    }
  }
}
