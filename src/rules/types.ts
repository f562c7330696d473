/** Whether a code reports failure or success (for the 32-bit kinds, bit 31). */
export type Severity = 'error' | 'success'

/**
 * How a family writes its numbers. HRESULT families (sspi, security, cert,
 * smartcard, user files) by default; the logon families each have their own:
 * an NTSTATUS (`0xC000006D`), a Win32 error (1326, also written as its
 * HRESULT 0x8007052E), a Kerberos error number (24, written 0x18 in events).
 */
export type CodeKind = 'hresult' | 'ntstatus' | 'win32' | 'kerberos'

/** One status code, as loaded from a rules file and checked. */
export interface Rule {
  /** The constant's name, e.g. `SEC_E_UNTRUSTED_ROOT`. */
  readonly name: string
  /** The number in its family's own notation, unsigned: the HRESULT, the NTSTATUS, the Win32 error or the Kerberos error number. */
  readonly value: number
  /** How `value` is written; the family's. */
  readonly kind: CodeKind
  /**
   * The 32-bit status a log writes it as, unsigned: the HRESULT or NTSTATUS,
   * a Win32 error's HRESULT_FROM_WIN32 form; null for a Kerberos number,
   * which only means something in its field.
   */
  readonly status: number | null
  /** `0x` + 8 upper-case hex digits, where the code is an HRESULT (a Win32 error's HRESULT form too); null otherwise. */
  readonly hresult: string | null
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
  /**
   * The texts that name it in a line with no code: the message, and other
   * texts Windows or a common client prints for it (an older wording, an
   * event's failure reason); empty where the message is too generic to name
   * one code ("Ticket expired").
   */
  readonly texts: readonly string[]
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
  /** One rule per 32-bit status (`Rule.status`): the canonical name (never an alias). */
  readonly byValue: ReadonlyMap<number, Rule>
  /** One rule per number of each kind: `byNumber.get('kerberos').get(24)`, `byNumber.get('win32').get(1326)`. */
  readonly byNumber: ReadonlyMap<CodeKind, ReadonlyMap<number, Rule>>
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
