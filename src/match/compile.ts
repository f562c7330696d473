import type { Rule, RuleSet } from '../rules/types.js'
import { otherSpellings } from './spellings.js'
import { contextSource, type ContextTables, contextTables } from './context.js'
import { FACILITY_SECURITY, signedDecimal, unsignedDecimal } from './hresult.js'
import { escapeChar, hexCaseless, trieSource } from './trie.js'
import { compileMessages, type MessageMatcher } from './messages.js'
import { builtTries, type CodeTries } from './built-tries.js'

/**
 * The rules compiled once, at start-up, into one combined pattern and the
 * tables that turn a matched token back into its rule.
 */
export interface Matcher {
  readonly ruleSet: RuleSet
  /** Global, so the scanner can walk a line with lastIndex. Not shared across threads. */
  readonly pattern: RegExp
  /**
   * The same without the message anchors (the very pattern when message
   * text is off): a line is searched for codes first, and for message text
   * only when it writes none (scan.ts).
   */
  readonly codePattern: RegExp
  /** Symbol as written (aliases too) → canonical rule. */
  readonly bySymbol: ReadonlyMap<string, Rule>
  /** Lower-case 8 hex digits → canonical rule. */
  readonly byHex: ReadonlyMap<string, Rule>
  /** Signed and unsigned decimal spellings of error codes → canonical rule. */
  readonly byDecimal: ReadonlyMap<string, Rule>
  /** The numbers that count only in their context: beside a name, after a field label (context.ts). */
  readonly context: ContextTables
  /** Message-text recognition, when asked for; its anchors are then part of `pattern` (see messages.ts). */
  readonly messages: MessageMatcher | null
}

export interface MatcherOptions {
  /** Also recognise codes from the English text Windows prints for them. */
  readonly messages?: boolean
  /**
   * Where each token's leading-edge lookbehind goes: after its first
   * character (the default, faster in V8), or before the token. Both find
   * the same tokens; PCRE2 runs the leading form faster (rg -P over the
   * bench corpus: ~400 against ~550 ms), so the bench gives rg that one.
   */
  readonly edges?: 'after-first' | 'leading'
}

/** Capture groups of the combined pattern, in order. */
export const GROUP_SYMBOL = 1
export const GROUP_SIGN_EXTENSION = 2
export const GROUP_HEX = 3
export const GROUP_BARE_HEX = 4
export const GROUP_DECIMAL = 5
/** Groups 6-10 are context.ts's numbers that count only where their context says so. */

// Token edges. These are the corpus rules (shared/corpus/README.md, "What
// counts"): a hex token touching a letter, digit, '_' or '-' is part of a
// GUID, hash, offset or longer run; a decimal touching a digit, letter, '_',
// '.' (or '-' before it) is part of an id such as blk_-2146893033975299669.
// One exception: a period after a decimal with no letter, digit or '_' after
// it ends a sentence ("returned error -2146893022."), and the decimal counts.
const SYMBOL_EDGE = '[A-Za-z0-9_\\\\]'
const SYMBOL_AFTER = '(?![A-Za-z0-9_]|\\\\_)'
const HEX_EDGE = '[0-9A-Za-z_-]'
const HEX_AFTER = '(?![0-9A-Za-z_-])'
const DEC_EDGE = '[0-9A-Za-z_.-]'
const DEC_AFTER = '(?![0-9A-Za-z_]|\\.[0-9A-Za-z_])'

/**
 * A token's leading edge, checked right after its first character `c`: the
 * character before `c` is none of `edge`. Written as a lookbehind at the
 * token's start, V8 ran it before testing any character of the token;
 * after the first character it runs only where that character fits.
 * Measured on the bench corpus in-process, 7 rounds: the combined pattern
 * went from 182-186 to 175-176 ms per million lines (min), 188-199 to
 * 179-180 (median). Deeper (after 2, 3 or 4 characters) gained nothing more.
 */
const notAfter = (edge: string) => (c: string): string => `(?<!${edge}${c})`

// Every 0x8009xxxx value is matched, known or not, so that nothing in the
// security facility goes unreported; unknown ones come out with name null.
const FACILITY_9_ERRORS = `8009${'[0-9A-Fa-f]'.repeat(4)}`

/**
 * Which values are worth matching as numbers. 0 (SEC_E_OK) would match every
 * 0x00000000 in a log, and the decimal spellings of success codes are short
 * ordinary numbers (SEC_I_CONTINUE_NEEDED is 590610), so decimals are kept
 * for error codes only.
 */
const matchesAsHex = (r: Rule): boolean => r.status !== null && r.status !== 0
const matchesAsDecimal = (r: Rule): boolean => r.status !== null && r.severity === 'error' && r.kind !== 'ntstatus'

/**
 * Every spelling adds the characters it can start with to the places the
 * engine must try a match, and some characters are everywhere in logs. All
 * the table's bare hex values start with a digit and all its unsigned
 * decimals with '2', except the three 0xC009000x codes (ERROR_AUDITING_DISABLED
 * and two more), whose bare hex starts with 'c'/'C' and unsigned decimal with
 * '3'. Matching those two spellings measured +35 and +30 ms per million lines
 * of the bench corpus (~8% of text mode) for three rarely seen codes, so they
 * are matched by name, 0x hex and signed decimal only.
 */
const startsCheaply = (spelling: string): boolean => /^[0-9-]/.test(spelling) && !spelling.startsWith('3')

/**
 * The longest pattern source V8 compiles with its optimisations
 * (RegExp::kRegExpTooLargeToOptimize, 20 KB). One character more and the
 * combined pattern ran 30x slower on Node 20 and 22, 6x on Node 24
 * (measured: 20,480 characters 27-41 ms over 100,000 bench lines, 20,481
 * 168-829 ms). The built-in table with message text is ~17,500; a spec
 * keeps it under, and the CLI warns when --rules files push it past.
 */
export const V8_OPTIMIZED_SOURCE_MAX = 20 * 1024

/** Whether V8 will run this matcher's pattern without its optimisations (see above). */
export function patternTooLarge (matcher: Matcher): boolean {
  return patternLength(matcher) > V8_OPTIMIZED_SOURCE_MAX
}

/** The length of the combined pattern's source, told without making the pattern (compileMatcher makes it when first asked for). */
export function patternLength (matcher: Matcher): number {
  return matcher.codePattern.source.length + (matcher.messages === null ? 0 : 1 + matcher.messages.anchorSource.length)
}

export function compileMatcher (ruleSet: RuleSet, options: MatcherOptions = {}): Matcher {
  const bySymbol = new Map<string, Rule>()
  for (const r of ruleSet.rules) {
    for (const name of [r.name, ...otherSpellings(r)]) bySymbol.set(name, canonical(ruleSet, r))
  }

  // NTSTATUS values start with 'c'/'C' bare and '3' unsigned, and are matched
  // with 0x (startsCheaply); their decimals only in context (context.ts).
  const byHex = new Map<string, Rule>()
  const byDecimal = new Map<string, Rule>()
  for (const r of ruleSet.byValue.values()) {
    if (matchesAsHex(r)) byHex.set(hresultDigits(r.status!), r)
    if (matchesAsDecimal(r)) {
      for (const d of [signedDecimal(r.status!), unsignedDecimal(r.status!)]) if (startsCheaply(d)) byDecimal.set(d, r)
    }
  }
  const context = contextTables(ruleSet)

  const leading = options.edges === 'leading'
  const before = (edge: string): string => (leading ? `(?<!${edge})` : '')
  const afterFirst = afterFirstOf(leading)
  const { symbols, hexDigits, knownHexDigits, decimals } = builtTries(triesKey(leading, bySymbol, byHex, byDecimal)) ?? codeTries(leading, bySymbol, byHex, byDecimal)

  const messages = options.messages === true ? compileMessages(ruleSet) : null
  const codeSource = [
    `${before(SYMBOL_EDGE)}(${symbols})${SYMBOL_AFTER}`,
    `${before(HEX_EDGE)}(?:0${afterFirst(HEX_EDGE)('0')}[xX]([fF]{8})?(${hexDigits})[lL]?|(${knownHexDigits}))${HEX_AFTER}`,
    `${before(DEC_EDGE)}(${decimals})${DEC_AFTER}`,
    contextSource(context, afterFirst(DEC_EDGE)),
  ].join('|')
  const codePattern = new RegExp(codeSource, 'g')
  let pattern: RegExp | undefined = messages === null ? codePattern : undefined
  return {
    ruleSet,
    /**
     * Made when first asked for: a line the prefilter names is searched by
     * codePattern, then for message text alone (scan.ts), so a text run
     * with message text on never asks, and V8 parses a pattern as it is
     * made (~2 ms for this one, ~0.5 ms for each of the anchors' own two
     * in messages.ts; in-process).
     */
    get pattern () {
      // Message anchors last, with no group: a match with no group is one (messages.ts).
      return (pattern ??= new RegExp(`${codeSource}|${messages!.anchorSource}`, 'g'))
    },
    codePattern,
    bySymbol,
    byHex,
    byDecimal,
    context,
    messages,
  }
}

/**
 * What the alternations are made from, as the build keys them
 * (built-tries.ts): names by their shapes' parts (symbolShapes), every hex
 * value and decimal.
 */
function triesKey (leading: boolean, bySymbol: ReadonlyMap<string, Rule>, byHex: ReadonlyMap<string, Rule>, byDecimal: ReadonlyMap<string, Rule>): string {
  const { firstWords, whole } = nameParts(bySymbol.keys())
  return `${leading ? 'leading' : 'after-first'}\n${[...firstWords].join(',')}\n${whole.join(',')}\n${[...byHex.keys()].join(',')}\n${[...byDecimal.keys()].join(',')}`
}

/** What follows an alternative's first character: nothing with leading edges, else the check that no edge character came before it. */
const afterFirstOf = (leading: boolean) => (edge: string): (c: string) => string => (leading ? () => '' : notAfter(edge))

/** The alternations of names, hex values and decimals, made from the tables. */
function codeTries (leading: boolean, bySymbol: ReadonlyMap<string, Rule>, byHex: ReadonlyMap<string, Rule>, byDecimal: ReadonlyMap<string, Rule>): CodeTries {
  const afterFirst = afterFirstOf(leading)
  const otherHex = [...byHex.keys()].filter((h) => (Number.parseInt(h, 16) >>> 16) !== (0x8000 | FACILITY_SECURITY))
  return {
    symbols: symbolShapes(bySymbol.keys(), afterFirst(SYMBOL_EDGE)),
    hexDigits: otherHex.length === 0 ? FACILITY_9_ERRORS : `(?:${FACILITY_9_ERRORS}|${trieSource(otherHex, hexCaseless)})`,
    knownHexDigits: trieSource([...byHex.keys()].filter(startsCheaply), hexCaseless, afterFirst(HEX_EDGE)),
    decimals: trieSource(byDecimal.keys(), escapeChar, afterFirst(DEC_EDGE)),
  }
}

/** The matcher's alternations as the build writes them into its bundles (built-tries.ts): their key and themselves. */
export function triesToBuild (matcher: Matcher, options: MatcherOptions = {}): [string, CodeTries] {
  const leading = options.edges === 'leading'
  return [triesKey(leading, matcher.bySymbol, matcher.byHex, matcher.byDecimal), codeTries(leading, matcher.bySymbol, matcher.byHex, matcher.byDecimal)]
}

/**
 * Names are matched by shape: a known first word, then words joined by
 * underscores; the scanner drops a shape that names no code. A trie of
 * every name would keep them apart in the pattern, and with the logon
 * families the 650 names made it 11.8 KB, with message text pushing the
 * pattern past V8_OPTIMIZED_SOURCE_MAX; the shapes take ~300 characters.
 * Names without '_' are listed whole.
 *
 * In markdown, '_' is often escaped: SEC\_E\_UNTRUSTED\_ROOT; inside a JSON
 * string that backslash is doubled (SEC\\_E\\_…), and record mode scans raw
 * JSON lines before parsing them, so up to two backslashes are allowed
 * before any '_'; the scanner takes them out before the lookup.
 */
function symbolShapes (names: Iterable<string>, afterFirst: (c: string) => string): string {
  const { firstWords, whole } = nameParts(names)
  const shapes = firstWords.size === 0 ? [] : [`(?:${trieSource(firstWords, escapeChar, afterFirst)})(?:\\\\{0,2}_[A-Z0-9]+)+`]
  return [...shapes, ...(whole.length === 0 ? [] : [trieSource(whole, escapeChar, afterFirst)])].join('|') || '(?!)'
}

/** What symbolShapes makes the names' pattern of: the first words of names with '_', and the names without. */
function nameParts (names: Iterable<string>): { firstWords: Set<string>, whole: string[] } {
  const all = [...names]
  return { firstWords: new Set(all.filter((n) => n.includes('_')).map((n) => n.slice(0, n.indexOf('_')))), whole: all.filter((n) => !n.includes('_')) }
}

const hresultDigits = (status: number): string => (status >>> 0).toString(16).padStart(8, '0')

function canonical (ruleSet: RuleSet, r: Rule): Rule {
  return r.aliasOf === null ? r : ruleSet.byName.get(r.aliasOf) ?? r
}
