import type { Rule, RuleSet } from './types.js'
import { signedDecimal, unsignedDecimal } from '../match/hresult.js'

export const EXPORT_FORMATS = ['logstash', 'vector', 'splunk', 'csv', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/**
 * Every spelling a code is looked up by: its name (aliases too), the HRESULT
 * as 0x… and as 8 bare digits, and for error codes the signed and unsigned
 * decimals. Lookup tables match exactly, so each spelling is a key of its own.
 */
export function keysOf (ruleSet: RuleSet, rule: Rule): string[] {
  const keys = [rule.name, ...(ruleSet.aliases.get(rule.name) ?? [])]
  // A number is a key of the one code that owns the value: 0 is SEC_E_OK's,
  // not SCARD_S_SUCCESS's, and a lookup table may not hold a key twice.
  if (ruleSet.byValue.get(rule.value) !== rule) return keys
  keys.push(rule.hresult)
  if (rule.value !== 0) keys.push(rule.hresult.slice(2))
  if (rule.severity === 'error') keys.push(signedDecimal(rule.value), unsignedDecimal(rule.value))
  return keys
}

const COLUMNS = ['name', 'hresult', 'severity', 'category', 'tags', 'meaning', 'hint'] as const
const row = (r: Rule): string[] => [r.name, r.hresult, r.severity, r.category, r.tags.join(' '), r.meaning, r.hint ?? '']

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
