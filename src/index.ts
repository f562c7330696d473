/**
 * sspi-annotate as a library: load the table, compile it once, and annotate
 * lines or streams of lines.
 *
 *   import { loadRules, compileMatcher, annotateLine } from 'sspi-annotate'
 *   const matcher = compileMatcher(loadRules())
 *   annotateLine(matcher, 'failed: SEC_E_UNTRUSTED_ROOT (0x80090325)')
 */
export { createAnnotator, type Annotator, type AnnotatorOptions } from './annotator.js'
export { loadRules, readRulesFile, buildRuleSet, BUILTIN_RULES_DIR, type LoadRulesOptions } from './rules/load.js'
export { RulesError } from './rules/rules-error.js'
export type { Rule, RuleSet, Category, Severity } from './rules/types.js'
export { compileMatcher, type Matcher, type MatcherOptions } from './match/compile.js'
export { LANGS, langFromEnv, type Lang } from './rules/lang.js'
export { scanLine, type Hit, type MatchForm } from './match/scan.js'
export { parseHresult, hresultHex, decodeHresult, hresultFromSigned, signedDecimal, unsignedDecimal, type HresultParts } from './match/hresult.js'
export { codesFromHits, type AnnotatedCode, type CodeMatch } from './enrich/codes.js'
export { annotateLine, createAnnotateStage, type AnnotateStageOptions, type LineEvent } from './stream/annotate.js'
export { BlockAnnotateStage } from './stream/block-annotate.js'
export { splitLines } from './stream/lines.js'
export { createNdjsonStage } from './formats/ndjson.js'
export { PROFILES, type FormatName, type OutputProfile } from './formats/index.js'
export { processRecordLine, annotateRecord, type RecordOptions } from './stream/records.js'
export { createRecordStage } from './stream/record-stage.js'
export { rsyslogReply, createRsyslogStage } from './formats/rsyslog.js'
export { SummaryCounter, mergeSummaries, emptySummary, type Summary, type Tally, type CodeTally } from './summary/summary.js'
export { renderSummaryTable } from './summary/table.js'
export { lookup, type LookupResult } from './lookup/lookup.js'
export { explain } from './lookup/explain.js'
