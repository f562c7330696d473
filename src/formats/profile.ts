import type { AnnotatedCode } from '../enrich/codes.js'
import type { LineEvent } from '../enrich/line-event.js'
import { informativeCodes } from '../enrich/sub-status.js'

/** Extra facts about a line that some formats carry. */
export type OutputEvent = LineEvent & { readonly repeated?: number }

/** How one output profile (--format) writes what was found. */
export interface OutputProfile {
  readonly name: 'native' | 'ecs' | 'otel'
  /** Text mode: one annotated line as the object this profile writes. */
  lineObject (event: OutputEvent): object
  /** Text mode: the same as one line of JSON (JSON.stringify of lineObject, perhaps built faster). */
  lineJson (event: OutputEvent): string
  /**
   * Record mode: add the annotation to `record` in place, under `target`
   * where the profile has a free-form place; `conflictNote` when a name sits
   * beside another code's number (enrich/conflicts.ts).
   */
  enrichRecord (record: Record<string, unknown>, codes: readonly AnnotatedCode[], target: string, conflictNote?: string | null): void
}

/** The first failure among the codes (a 4625 line's Sub Status rather than its generic Status), else the first code: what a single-valued field should show. */
export function primaryCode (codes: readonly AnnotatedCode[]): AnnotatedCode | undefined {
  const telling = informativeCodes(codes)
  return telling.find((c) => c.severity === 'error') ?? telling[0]
}

/**
 * `record[key] = value` as an own property, whatever the key: the record is
 * the user's, and so is --target. Plain assignment to `__proto__` set the
 * record's prototype instead, and the annotation vanished from the output.
 */
export function putKey (record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}

/** An object at `key` of `into`, made if absent; a non-object there is left alone and null returned. */
export function objectAt (into: Record<string, unknown>, key: string): Record<string, unknown> | null {
  const v = into[key]
  if (v === undefined) return (into[key] = {}) as Record<string, unknown>
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null
}

/** `values` added to the array at `key` (made if absent), without repeats. */
export function addToArray (into: Record<string, unknown>, key: string, values: readonly string[]): void {
  const have = into[key]
  const list = Array.isArray(have) ? have : have === undefined ? [] : [have]
  for (const v of values) if (!list.includes(v)) list.push(v)
  into[key] = list
}
