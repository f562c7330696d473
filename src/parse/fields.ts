/** The fields scanned in a record when --field is not given: the first that holds a string. */
export const DEFAULT_MESSAGE_FIELDS = ['message', 'msg', 'log', 'MESSAGE'] as const

/**
 * The value at a dot path: `a.b.c` is record.a.b.c, unless the record has a
 * key that is literally `a.b.c` (flattened names such as "log.level" are
 * common in shipper output), which wins.
 */
export function valueAt (record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path]
  let at: unknown = record
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

/** The (path, text) pairs to scan in a record. */
export function textsToScan (record: Record<string, unknown>, fields: readonly string[] | null): Array<[string, string]> {
  if (fields === null) {
    for (const f of DEFAULT_MESSAGE_FIELDS) {
      const v = record[f]
      if (typeof v === 'string') return [[f, v]]
    }
    return []
  }
  const out: Array<[string, string]> = []
  for (const f of fields) {
    const v = valueAt(record, f)
    if (typeof v === 'string') out.push([f, v])
  }
  return out
}

/** `text` parsed as a JSON object (a record), or null when it is not JSON or not an object. */
export function parseRecord (text: string): Record<string, unknown> | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null
}
