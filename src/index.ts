/**
 * sspi-annotate as a library: load the table, compile it once, and annotate
 * lines, records or streams of them. This is the stable surface; everything
 * else in the package is internal and may change in any release.
 *
 *   import { loadRules, compileMatcher, annotateLine } from 'sspi-annotate'
 *   const matcher = compileMatcher(loadRules())
 *   annotateLine(matcher, 'failed: SEC_E_UNTRUSTED_ROOT (0x80090325)')
 */
export { loadRules, type LoadRulesOptions } from './rules/load.js'
export { RulesError } from './rules/rules-error.js'
export type { Rule, RuleSet, Category, Severity, CodeKind } from './rules/types.js'
export type { Lang } from './rules/lang.js'
export { compileMatcher, type Matcher, type MatcherOptions } from './match/compile.js'
export { scanLine, type Hit, type MatchForm } from './match/scan.js'
export { annotateLine, type LineEvent } from './enrich/line-event.js'
export type { AnnotatedCode, CodeMatch } from './enrich/codes.js'
export { createAnnotator, type Annotator, type AnnotatorOptions } from './annotator.js'
export type { FormatName } from './formats/index.js'
export { lookup, type LookupResult } from './lookup/lookup.js'
export { mergeSummaries, type Summary, type Tally, type CodeTally } from './summary/summary.js'
export { createConsumer, type Consumer, type ConsumerOptions } from './queue/consumer.js'
