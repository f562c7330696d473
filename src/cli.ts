import { existsSync, readFileSync } from 'node:fs'
import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { loadRules } from './rules/load.js'
import { RulesError } from './rules/rules-error.js'
import type { RuleSet } from './rules/types.js'
import { compileMatcher } from './match/compile.js'
import { warnWhenPatternTooLarge } from './commands/pattern-warning.js'
import { runAnnotate } from './commands/annotate.js'
import { runLookup } from './commands/lookup.js'
import { closest, COMMANDS, unknownOptions } from './commands/did-you-mean.js'
import { parseWindow } from './enrich/dedupe.js'
import { runSummarize } from './commands/summarize.js'
import { DEFAULT_MAX_LINE_BYTES } from './scan/line-scanner.js'
import { runMerge } from './commands/merge.js'
import { quietOnClosedStdout } from './commands/report-output.js'
import { outputFileProblem, writeOutputFile } from './commands/output-file.js'
import { availableParallelism } from 'node:os'
import { EXPORT_FORMATS, exportRules } from './rules/export.js'
import { LANGS, langFromEnv, type Lang } from './rules/lang.js'
import { problem, problemText, tell, type Problem } from './problems.js'
import { langOfArgs, USAGE_WORDS } from './commands/usage-words.js'

/**
 * A command's exit status. After a signal (130, 143) the process leaves at
 * once: standard input may still be open (paused, not ours to close) and
 * would keep it alive, though nothing more will be read.
 */
function endWith (code: number): void {
  if (code >= 128) process.exit(code)
  process.exitCode = code
  // Once nothing is left to do (every write done, every worker gone), leave
  // by process.exit: a natural end also frees V8's heap a region at a time,
  // which the exit does not need (strace, text annotate of a million lines:
  // 150 munmap calls in the whole run, 83 leaving by process.exit). The
  // shared corpus's run ended 6 ms sooner (425 -> 419 ms, paired medians of
  // 21), an empty file 2 ms.
  process.once('beforeExit', () => process.exit())
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

/**
 * yargs drops a lone `-` from positional arguments (yargs/yargs#1312,
 * yargs-parser#381, open at the time of writing), but `-` is the Unix name
 * for standard input. It travels through the parser under another name.
 */
const STDIN_ARG = '\u0000stdin'
/**
 * `--` ends the options, and what follows is files, paths or codes even when
 * it starts with a dash. yargs keeps what follows `--` out of positional
 * arguments (yargs/yargs#2017, yargs-parser#177), so `summarize -- app.log`
 * was refused and `-- app.log` read standard input instead; each such
 * argument is passed through marked, as an operand yargs cannot take for an
 * option.
 */
const OPERAND = '\u0000operand:'
const typed = hideBin(process.argv)
const endOfOptions = typed.indexOf('--')
const args = (endOfOptions === -1 ? typed : [...typed.slice(0, endOfOptions), ...typed.slice(endOfOptions + 1).map((a) => (a === '-' ? a : OPERAND + a))])
  .map((a) => (a === '-' ? STDIN_ARG : a))
/** Positional arguments as typed. */
const operands = (values: readonly string[] | undefined): string[] => (values ?? []).map((v) => (v.startsWith(OPERAND) ? v.slice(OPERAND.length) : v))
const inputPaths = (files: readonly string[] | undefined): string[] => operands(files).map((f) => (f === STDIN_ARG ? '-' : f))

/** Exit status for a usage error: bad flags, bad rules. */
const USAGE = 2

/** The language of what is said before a command runs: yargs' words and the checks' (commands use argv.lang). */
const usageLang = langOfArgs(args, LANGS, langFromEnv())
const usage = (p: Problem): Error => new Error(problemText(p, usageLang))

/** The command being parsed and its options, noted by its builder for the usage error (did-you-mean.ts). */
let parsing: { command: string | null, options: string[] } = { command: null, options: [] }
function noting<Y> (command: string | null, y: Y): Y {
  // getOptions is yargs' own, left out of its type definitions.
  parsing = { command, options: Object.keys((y as unknown as { getOptions: () => { key: object } }).getOptions().key) }
  return y
}

function rulesOrExit (files: readonly string[] | undefined, lang: Lang, quiet = false): RuleSet {
  try {
    const ruleSet = loadRules({ rulesFiles: files ?? [], lang })
    // A slip in a --rules file must not silently re-map a built-in code.
    if (!quiet) for (const r of ruleSet.revalued ?? []) tell(lang, problem('revalued', r.name, r.from, r.to, r.fromNowNames), r.file)
    return ruleSet
  } catch (err) {
    if (!(err instanceof RulesError)) throw err
    process.stderr.write(`sspi-annotate: ${err.message}\n`)
    process.exit(USAGE)
  }
}

/** For .check: a file named for output must look writable, so a typo fails before the work (output-file.ts). */
function checkOutputFile (option: string, path: string | undefined): void {
  if (path === undefined) return
  const p = outputFileProblem(path)
  if (p !== null) throw usage(problem('outputFile', option, path, problemText(p, usageLang)))
}

/** How summarize and merge write their report. */
const reportOptions = {
  json: { type: 'boolean', default: false, describe: 'print the summary as JSON (the shape of the annotate counts, with time and host breakdowns)' },
  markdown: { type: 'boolean', default: false, describe: 'print the report as Markdown' },
  html: { type: 'string', requiresArg: true, describe: 'also write a self-contained HTML report to this file' },
  top: { type: 'number', default: 10, requiresArg: true, describe: 'codes and hosts shown in the table' },
} as const

const messagesOption = {
  type: 'boolean',
  default: true,
  describe: 'recognise codes from the English text Windows prints for them, on lines that write no code (--no-messages: numbers and names only)',
} as const

/**
 * A repeatable option takes one value each time (`--rules a.json --rules
 * b.json`), gathered into an array. yargs' `array: true` would instead take
 * every word that follows: `--rules house.json app.log` read app.log as a
 * second rules file.
 */
const repeatable = (v: string | string[]): string[] => ([] as string[]).concat(v)

const rulesOption = {
  type: 'string',
  coerce: repeatable,
  requiresArg: true,
  describe: 'extra rules file (JSON, same format as rules/*.json) that adds or overrides codes; repeatable',
} as const

/** Every command that reads lines bounds them the same way (line-scanner.ts). */
const maxLineLengthOption = {
  type: 'number',
  requiresArg: true,
  default: DEFAULT_MAX_LINE_BYTES,
  describe: 'cut longer lines (in UTF-8 bytes) and count them as truncated; codes in the kept part are still found (record mode passes such a line on unchanged)',
} as const

/** Records name their host in a field; the counts' host table reads it there. */
const hostFieldOption = { type: 'string', requiresArg: true, describe: 'records: dot path of the host name, for the counts (default: the file name)' } as const

/** Syslog stamps have no year: the counts' time table needs one. */
const yearOption = { type: 'number', requiresArg: true, describe: 'year for syslog (RFC 3164) timestamps, which have none (default: the current year)' } as const

function checkLineStartOptions (argv: { 'max-line-length': number, year?: number }): void {
  const max = argv['max-line-length']
  if (!(Number.isInteger(max) && max >= 16)) throw usage(problem('maxLineLength', String(max)))
  if (argv.year !== undefined && !(Number.isInteger(argv.year) && argv.year >= 1970 && argv.year <= 9999)) throw usage(problem('year'))
}

/** A whole number option below its least value, as a usage error. */
function checkWholeNumber (option: string, n: number, min: number): void {
  if (!(Number.isInteger(n) && n >= min)) throw usage(problem('wholeNumber', option, min))
}

// No top-level await: this file is bundled as a script for V8's code cache
// (cli-loader.ts). A rejection still ends the process with its error.
void yargs(args)
  .locale('en')
  // Plural phrases are objects, which y18n takes though yargs' types say strings.
  .updateLocale(USAGE_WORDS[usageLang] as Record<string, string>)
  .option('lang', { choices: LANGS, default: langFromEnv(), defaultDescription: 'from LC_ALL, LC_MESSAGES or LANG, else en', describe: 'language of meanings, hints and category texts in output, lookup, reports and exports, and of messages on stderr' })
  .scriptName('sspi-annotate')
  .usage('$0 [FILE…]\n\nFind Windows SSPI status codes in log lines and annotate them as NDJSON.')
  .command(
    ['$0 [files..]', 'annotate [files..]'],
    'annotate lines from files or standard input (-); one NDJSON object per line with codes',
    (y) => noting(null, y
      .positional('files', { type: 'string', array: true, describe: 'log files (gzip ones too); - or none for standard input' })
      .option('all', { type: 'boolean', default: false, describe: 'one object per input line, in order, codes: [] when none' })
      .option('summary', { type: 'boolean', default: false, describe: 'print the counts on stderr at the end (a table on a terminal, JSON otherwise)' })
      .option('summary-file', { type: 'string', requiresArg: true, describe: 'write the counts as JSON to this file (atomically) at the end, on signals and on each interval' })
      .option('summary-interval', { type: 'number', requiresArg: true, describe: 'also write the counts every N seconds (for long-running tails)' })
      .option('dedupe', { type: 'string', requiresArg: true, describe: 'fold repeats of an event (same codes, same line but for numbers) seen within WINDOW (30s, 5m, 500ms) into one event with a "repeated" count' })
      .option('input', { choices: ['text', 'ndjson', 'auto'] as const, default: 'text' as const, describe: 'text: log lines; ndjson: one JSON record per line, every record passed on, annotated when it has codes; auto: ndjson when the first non-empty line is a JSON object' })
      .option('field', { type: 'string', coerce: repeatable, requiresArg: true, describe: 'record mode: dot path of a field to scan (repeatable; default: the first string of message, msg, log, MESSAGE)' })
      .option('target', { type: 'string', default: 'sspi', requiresArg: true, describe: 'record mode: the key the annotation is added under' })
      .option('host-field', hostFieldOption)
      .option('format', { choices: ['native', 'ecs', 'otel'] as const, default: 'native' as const, describe: 'output profile: native, Elastic Common Schema, or an OpenTelemetry log record' })
      .option('output', { choices: ['ndjson', 'pretty'] as const, describe: 'ndjson, or a view for people to read; default: pretty when stdout is a terminal (text events, native format), else ndjson', defaultDescription: 'pretty on a terminal' })
      .option('rsyslog', { type: 'boolean', default: false, describe: 'run as an rsyslog mmexternal plugin (interface.input="fulljson"): one reply per message on stdout, $!sspi added when msg has codes; never writes to stderr' })
      .option('max-line-length', maxLineLengthOption)
      .option('year', yearOption)
      .option('messages', messagesOption)
      .option('rules', rulesOption)
      .check((argv) => {
        checkLineStartOptions(argv)
        if (argv.target.trim() === '') throw usage(problem('targetKey'))
        if (argv.rsyslog && (argv.summary || argv.all || argv.dedupe !== undefined || argv.input !== 'text' || argv.format !== 'native' || (argv.files ?? []).length > 0)) {
          throw usage(problem('rsyslogAlone'))
        }
        if (argv.field?.some((f) => f.trim() === '') === true) throw usage(problem('fieldPath'))
        if (argv.input === 'ndjson' && argv.dedupe !== undefined) throw usage(problem('dedupeRecords'))
        if (argv.output === 'pretty' && (argv.input !== 'text' || argv.format !== 'native' || argv.rsyslog)) throw usage(problem('prettyText'))
        // In .check, not .conflicts: yargs counts --all's default as given.
        if (argv.dedupe !== undefined && argv.all) throw usage(problem('dedupeAll'))
        if (argv.dedupe !== undefined && parseWindow(argv.dedupe) === null) throw usage(problem('dedupeWindow', argv.dedupe))
        const n = argv['summary-interval']
        if (n !== undefined && !(Number.isFinite(n) && n > 0)) throw usage(problem('summaryInterval'))
        checkOutputFile('--summary-file', argv['summary-file'])
        return true
      })),
    async (argv) => {
      const files = inputPaths(argv.files)
      // `lookpu 0x80090325` is a mistyped command, not two missing files.
      const first = files[0]
      const meant = first === undefined || first === '-' || existsSync(first) ? null : closest(first, COMMANDS)
      if (meant !== null) {
        tell(argv.lang, problem('noSuchCommand', first!, meant))
        process.stderr.write(`${problemText(problem('runHelp', 'sspi-annotate --help'), argv.lang)}\n`)
        process.exit(USAGE)
      }
      const ruleSet = rulesOrExit(argv.rules, argv.lang, argv.rsyslog === true)
      const matcher = compileMatcher(ruleSet, { messages: argv.messages })
      // Not under --rsyslog: rsyslog reads stderr too.
      if (argv.rsyslog !== true) warnWhenPatternTooLarge(matcher, argv.lang)
      // A person at a terminal gets a view to read; a pipe gets NDJSON.
      const pretty = argv.output === 'pretty' || (argv.output === undefined && process.stdout.isTTY === true && argv.input === 'text' && argv.format === 'native' && argv.rsyslog !== true)
      if ((files.length === 0 || files.includes('-')) && process.stdin.isTTY === true && argv.rsyslog !== true) {
        tell(argv.lang, problem('readingStdin'))
      }
      const code = await runAnnotate({
        matcher,
        pretty: pretty ? { width: (process.stdout.columns ?? 0) > 0 ? process.stdout.columns : 100, color: (process.env.NO_COLOR ?? '') === '', lang: argv.lang } : null,
        inputs: files,
        all: argv.all,
        summary: argv.summary,
        summaryFile: argv['summary-file'] ?? null,
        summaryIntervalSeconds: argv['summary-interval'] ?? null,
        dedupeWindowMs: argv.dedupe === undefined ? null : parseWindow(argv.dedupe),
        maxLineBytes: argv['max-line-length'],
        year: argv.year,
        hostField: argv['host-field'] ?? null,
        input: argv.input,
        fields: argv.field ?? null,
        target: argv.target,
        format: argv.format,
        rsyslog: argv.rsyslog,
        lang: argv.lang,
      })
      endWith(code)
    },
  )
  .command(
    'lookup <codes..>',
    'explain codes given as names or numbers (0x80090308, 80090308, -2146893048, 2148074248), or every code in pasted text; - reads one query per line from standard input',
    (y) => noting('lookup', y
      .positional('codes', { type: 'string', array: true, demandOption: true })
      .option('json', { type: 'boolean', default: false, describe: 'print a JSON array, one object per code found, in order (each with the query it came from)' })
      .option('rules', rulesOption)),
    async (argv) => {
      process.exitCode = await runLookup(rulesOrExit(argv.rules, argv.lang), inputPaths(argv.codes), argv.json, argv.lang)
    },
  )
  .command(
    'summarize <paths..>',
    'count SSPI and security codes over files, folders (recursively) and .gz logs, in parallel: a table, --json, --markdown or --html',
    (y) => noting('summarize', y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'files, folders, .gz files; - for standard input' })
      .options(reportOptions)
      .option('workers', { type: 'number', default: availableParallelism(), requiresArg: true, describe: 'worker threads reading files in parallel' })
      .option('input', { choices: ['auto', 'text', 'ndjson'] as const, default: 'auto' as const, describe: 'text lines or NDJSON records; auto decides per file from its first line' })
      .option('field', { type: 'string', coerce: repeatable, requiresArg: true, describe: 'records: dot path of a field to scan (repeatable)' })
      .option('host-field', hostFieldOption)
      .option('year', yearOption)
      .option('max-line-length', maxLineLengthOption)
      .option('messages', messagesOption)
      .option('rules', rulesOption)
      .check((argv) => {
        checkWholeNumber('--workers', argv.workers, 1)
        checkWholeNumber('--top', argv.top, 1)
        checkLineStartOptions(argv)
        checkOutputFile('--html', argv.html)
        return true
      })),
    async (argv) => {
      const code = await runSummarize(() => rulesOrExit(argv.rules, argv.lang), {
        paths: inputPaths(argv.paths),
        workers: argv.workers,
        messages: argv.messages,
        source: { input: argv.input, fields: argv.field ?? null, hostField: argv['host-field'] ?? null, year: argv.year, maxLineBytes: argv['max-line-length'] },
        json: argv.json,
        markdown: argv.markdown,
        html: argv.html ?? null,
        top: argv.top,
        lang: argv.lang,
      })
      endWith(code)
    },
  )
  .command(
    'merge <summaries..>',
    'merge summaries (summarize --json, --summary-file) from many hosts into one: a table, --json, --markdown or --html',
    (y) => noting('merge', y
      .positional('summaries', { type: 'string', array: true, demandOption: true })
      .options(reportOptions)
      .option('rules', rulesOption)
      .check((argv) => {
        checkWholeNumber('--top', argv.top, 1)
        checkOutputFile('--html', argv.html)
        return true
      })),
    (argv) => {
      process.exitCode = runMerge(rulesOrExit(argv.rules, argv.lang), operands(argv.summaries), { json: argv.json, markdown: argv.markdown, html: argv.html ?? null, top: argv.top, lang: argv.lang })
    },
  )
  .command(
    'consume <url>',
    'a worker of a consumer group on a Redis stream (or list): read entries, annotate their lines, write the events to --out, acknowledge',
    (y) => noting('consume', y
      .positional('url', { type: 'string', demandOption: true, describe: 'redis://HOST:PORT/DB/KEY or redis+unix:///path/redis.sock?db=0&key=KEY' })
      .option('out', { type: 'string', demandOption: true, requiresArg: true, describe: 'output stream (a key or URL on the same server), or - for standard output' })
      .option('from', { choices: ['stream', 'list'] as const, default: 'stream' as const, describe: 'stream: a consumer group (XREADGROUP); list: items moved to KEY:processing:CONSUMER (BLMOVE), as Logstash, Vector and rsyslog write lists' })
      .option('group', { type: 'string', default: 'sspi-annotate', requiresArg: true, describe: 'consumer group (streams)' })
      .option('consumer', { type: 'string', requiresArg: true, describe: "this worker's name; a restart under the same name takes up its unfinished entries (default: host-pid)" })
      .option('batch', { type: 'number', requiresArg: true, describe: 'entries per read (default: about 1 MB of entries, from the size of the last ones read)' })
      .option('min-idle', { type: 'number', default: 30_000, requiresArg: true, describe: 'milliseconds an entry stays pending to a silent worker before another takes it over (XAUTOCLAIM)' })
      .option('max-deliveries', { type: 'number', default: 5, requiresArg: true, describe: 'an entry that cannot be read goes to --dead-letter once delivered more often than this' })
      .option('dead-letter', { type: 'string', requiresArg: true, describe: 'stream for entries that cannot be read, with their error (default: left pending)' })
      .option('all', { type: 'boolean', default: false, describe: 'one object per input line, codes: [] when none' })
      .option('input', { choices: ['text', 'ndjson'] as const, default: 'text' as const, describe: 'text: log lines; ndjson: records, every one passed on, annotated when it has codes' })
      .option('field', { type: 'string', coerce: repeatable, requiresArg: true, describe: 'record mode: dot path of a field to scan (repeatable)' })
      .option('target', { type: 'string', default: 'sspi', requiresArg: true, describe: 'record mode: the key the annotation is added under' })
      .option('format', { choices: ['native', 'ecs', 'otel'] as const, default: 'native' as const, describe: 'output profile' })
      .option('summary-file', { type: 'string', requiresArg: true, describe: "this worker's counts, as JSON, when it stops (merge them with merge)" })
      .option('max-line-length', maxLineLengthOption)
      .option('messages', messagesOption)
      .option('rules', rulesOption)
      .check((argv) => {
        checkWholeNumber('--batch', argv.batch ?? 1, 1)
        checkWholeNumber('--min-idle', argv['min-idle'], 1)
        checkWholeNumber('--max-deliveries', argv['max-deliveries'], 1)
        checkLineStartOptions({ 'max-line-length': argv['max-line-length'] })
        checkOutputFile('--summary-file', argv['summary-file'])
        return true
      })),
    async (argv) => {
      const { runConsume } = await import('./commands/consume.js')
      endWith(await runConsume({
        url: argv.url,
        // `-` travels through the parser under another name (STDIN_ARG).
        out: inputPaths([argv.out])[0]!,
        from: argv.from,
        group: argv.group,
        ...(argv.consumer === undefined ? {} : { consumer: argv.consumer }),
        ...(argv.batch === undefined ? {} : { batch: argv.batch }),
        minIdleMs: argv['min-idle'],
        maxDeliveries: argv['max-deliveries'],
        deadLetter: argv['dead-letter'] ?? null,
        all: argv.all,
        input: argv.input,
        fields: argv.field ?? null,
        target: argv.target,
        format: argv.format,
        maxLineBytes: argv['max-line-length'],
        messages: argv.messages,
        rules: rulesOrExit(argv.rules, argv.lang),
        summaryFile: argv['summary-file'] ?? null,
      }))
    },
  )
  .command(
    'publish <url> [files..]',
    'the producer side: every line of the files (or standard input) into a Redis stream or list, --pack lines to an entry',
    (y) => noting('publish', y
      .positional('url', { type: 'string', demandOption: true, describe: 'redis://HOST:PORT/DB/KEY or redis+unix:///path/redis.sock?db=0&key=KEY' })
      .positional('files', { type: 'string', array: true, describe: 'log files; - or none for standard input' })
      .option('to', { choices: ['stream', 'list'] as const, default: 'stream' as const, describe: 'stream: XADD with a line or lines field; list: RPUSH' })
      .option('pack', { type: 'number', default: 1, requiresArg: true, describe: 'lines per entry' })
      .check((argv) => {
        checkWholeNumber('--pack', argv.pack, 1)
        return true
      })),
    async (argv) => {
      const { publish } = await import('./queue/publish.js')
      try {
        await publish({ url: argv.url, to: argv.to, pack: argv.pack, inputs: inputPaths(argv.files) })
      } catch (err) {
        process.stderr.write(`sspi-annotate publish: ${(err as Error).message}\n`)
        process.exitCode = 1
      }
    },
  )
  .command(
    'rules <action>',
    'work with the code table: rules export --to logstash|vector|splunk|csv|json',
    (y) => noting('rules', y
      .positional('action', { choices: ['export'] as const, describe: 'export: the table for other tools' })
      .option('to', { choices: EXPORT_FORMATS, demandOption: true, describe: 'logstash: translate dictionary (YAML); vector: CSV enrichment table; splunk: lookup CSV; csv; json' })
      .option('out', { type: 'string', requiresArg: true, describe: 'write to this file instead of stdout' })
      .option('rules', rulesOption)
      .check((argv) => {
        checkOutputFile('--out', argv.out)
        return true
      })),
    (argv) => {
      quietOnClosedStdout()
      const text = exportRules(rulesOrExit(argv.rules, argv.lang), argv.to)
      if (argv.out === undefined) process.stdout.write(text)
      else if (!writeOutputFile(argv.out, text, argv.lang)) process.exitCode = 1
    },
  )
  .example('$0 app.log', 'annotate the lines of app.log that carry codes')
  .example('tail -f app.log | $0 --summary', 'live: each event as its line arrives, counts on exit')
  .example('$0 --all --summary-file counts.json *.log', 'every line out, counts to a file')
  .example('tail -f app.log | $0 --dedupe 1m', 'live, with repeats folded into one event per minute')
  .example('$0 --input ndjson --format ecs < records.ndjson', 'enrich shipper records with ECS fields, every record passed on')
  .example('$0 lookup 0x80090325 SEC_E_WRONG_PRINCIPAL', 'explain codes')
  .example('$0 summarize /var/log/archive --html report.html', 'a report over a folder of rotated logs')
  .example('$0 rules export --to vector --out sspi.csv', 'the code table as a Vector enrichment table')
  .strict()
  .version(pkg.version)
  .help()
  .alias('h', 'help')
  .alias('v', 'version')
  .wrap(Math.min(100, process.stdout.columns ?? 100))
  .fail((msg, err) => {
    if (err !== undefined && err !== null && msg === null) throw err
    // A mistyped option gets the one it is closest to; yargs may have
    // complained of something else first (--jsn took the path as its value).
    const typo = unknownOptions(args, parsing.options)[0]
    const said = typo === undefined ? msg ?? err?.message ?? '' : problemText(problem('unknownOption', typo.typed, typo.meant), usageLang)
    const help = parsing.command === null ? 'sspi-annotate --help' : `sspi-annotate ${parsing.command} --help`
    process.stderr.write(`sspi-annotate: ${said}\n${problemText(problem('runHelp', help), usageLang)}\n`)
    process.exit(USAGE)
  })
  .parseAsync()
