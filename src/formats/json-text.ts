/**
 * JSON text of a parsed record with fields added: JSON.stringify's output,
 * at any depth. V8's JSON.parse is iterative and reads a record nested
 * 100,000 levels deep, but its JSON.stringify recurses and throws a
 * RangeError past a few thousand levels (measured on Node 20: 1,000 fine,
 * 5,000 not), which in record mode ended the whole run on one hostile
 * record. Such a record is written here with an explicit stack instead;
 * every other one still goes through JSON.stringify, which is faster.
 *
 * Only what JSON.parse makes, plus plain objects, arrays, strings, numbers,
 * booleans and null, is expected: no toJSON, no replacer.
 */
export function jsonText (value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (err) {
    if (!(err instanceof RangeError)) throw err
    return deepJsonText(value)
  }
}

type Frame =
  | { readonly kind: 'array', readonly items: readonly unknown[], next: number }
  | { readonly kind: 'object', readonly obj: Record<string, unknown>, readonly keys: readonly string[], next: number, wrote: boolean }

/** The same text, written with an explicit stack (exported for its specs). */
export function deepJsonText (root: unknown): string {
  const out: string[] = []
  const stack: Frame[] = []
  // Writes a value, or opens its frame; returns whether it wrote anything
  // (undefined and functions are left out of objects, as JSON.stringify does).
  const open = (v: unknown, inArray: boolean): boolean => {
    if (Array.isArray(v)) {
      out.push('[')
      stack.push({ kind: 'array', items: v, next: 0 })
      return true
    }
    if (v !== null && typeof v === 'object') {
      out.push('{')
      stack.push({ kind: 'object', obj: v as Record<string, unknown>, keys: Object.keys(v), next: 0, wrote: false })
      return true
    }
    const text = JSON.stringify(v) as string | undefined
    if (text === undefined) {
      if (!inArray) return false
      out.push('null')
      return true
    }
    out.push(text)
    return true
  }
  if (!open(root, true)) return 'null'
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (top.kind === 'array') {
      if (top.next === top.items.length) {
        out.push(']')
        stack.pop()
        continue
      }
      if (top.next > 0) out.push(',')
      open(top.items[top.next++], true)
      continue
    }
    if (top.next === top.keys.length) {
      out.push('}')
      stack.pop()
      continue
    }
    const key = top.keys[top.next++]!
    const v = top.obj[key]
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue
    out.push(`${top.wrote ? ',' : ''}${JSON.stringify(key)}:`)
    top.wrote = true
    open(v, false)
  }
  return out.join('')
}
