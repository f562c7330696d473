/** Whether an HRESULT reports failure (bit 31 set) or success. */
export type Severity = 'error' | 'success'

/** One status code, as loaded from a rules file and checked. */
export interface Rule {
  /** The constant's name, e.g. `SEC_E_UNTRUSTED_ROOT`. */
  readonly name: string
  /** The value as an unsigned 32-bit integer. */
  readonly value: number
  /** `0x` + 8 upper-case hex digits. */
  readonly hresult: string
  readonly severity: Severity
  /** The rules file family this entry came from (`sspi`, or the user file's). */
  readonly family: string
  /** The primary category: exactly one, from the taxonomy. */
  readonly category: string
  /** Secondary facets, e.g. `smartcard` on a Kerberos code. */
  readonly tags: readonly string[]
  /** One plain sentence: what the code means. */
  readonly meaning: string
  /** What usually causes it and what to check first. */
  readonly hint: string | null
  /** The text Windows prints for it (FormatMessage), when known. */
  readonly message: string | null
  /** Set when this name is another name for the same value. */
  readonly aliasOf: string | null
  /** Where the name and value are defined (ids described in rules/README.md). */
  readonly sources: readonly string[]
}

export interface Category {
  readonly id: string
  readonly title: string
  readonly description: string
}

/** The loaded table: every rule, and the lookups built from it once at start-up. */
export interface RuleSet {
  readonly rules: readonly Rule[]
  readonly categories: ReadonlyMap<string, Category>
  /** Every name, aliases included. */
  readonly byName: ReadonlyMap<string, Rule>
  /** One rule per value: the canonical name (never an alias). */
  readonly byValue: ReadonlyMap<number, Rule>
  /** For each canonical name, the other names of the same value. */
  readonly aliases: ReadonlyMap<string, readonly string[]>
  /**
   * Built-in codes whose value a user file changed: a copy-paste slip there
   * silently re-maps the best-known codes, so the CLI says so on stderr.
   */
  readonly revalued?: readonly Revalued[]
}

/** A built-in code given another value by a user rules file. */
export interface Revalued {
  readonly name: string
  readonly from: string
  readonly to: string
  /** The user file that changed it. */
  readonly file: string
  /** The code the old value names now, or null when no code has it any more. */
  readonly fromNowNames: string | null
}
