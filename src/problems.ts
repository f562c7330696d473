import type { Lang } from './rules/lang.js'

/**
 * What the commands say on stderr, in each language of --lang. A problem
 * travels as data (an id and its values, which cross a worker thread as
 * they are) and becomes words only where it is written, so a file that
 * cannot be read is named in the reader's language whichever thread found
 * it. JSON output keeps the English text: it is read by programs.
 *
 * Text that comes from elsewhere stays as it came: a system or zlib error
 * message, Redis's replies, and the details of a rules or summary file's
 * validation (they quote the file's own fields).
 */
export interface ProblemWords {
  // Files and inputs
  readonly noSuchFile: () => string
  readonly permissionDenied: () => string
  readonly isFolder: () => string
  readonly pathNotFolder: () => string
  readonly tooManyLinks: () => string
  readonly tooManyOpenFiles: () => string
  readonly cannotOpen: (code: string) => string
  readonly cannotRead: (code: string) => string
  readonly cannotList: (code: string) => string
  readonly notFileOrFolder: () => string
  readonly compressed: (tool: string, command: string) => string
  readonly zipArchive: () => string
  readonly sevenZipArchive: () => string
  readonly evtx: () => string
  readonly evt: () => string
  /** A gzip input that broke off; `reason` is zlib's own. */
  readonly damaged: (reason: string) => string
  /** A failure described by the system in its own words. */
  readonly other: (message: string) => string
  // Output
  readonly cannotWrite: (path: string, message: string) => string
  readonly cannotWriteOutput: (message: string) => string
  readonly cannotWriteSummary: (message: string) => string
  readonly folderMissing: (folder: string) => string
  readonly notAFolder: (folder: string) => string
  readonly folderNotWritable: (folder: string) => string
  readonly outputFile: (option: string, path: string, problem: string) => string
  // Summaries (merge)
  readonly notJson: (detail: string) => string
  readonly notASummary: () => string
  readonly damagedSummary: (detail: string) => string
  // Runs
  readonly interrupted: (signal: string, read: string, unread: string | null) => string
  readonly readingStdin: () => string
  readonly revalued: (name: string, from: string, to: string, nowNamed: string | null) => string
  readonly patternTooLarge: (length: string, max: string) => string
  // Usage
  readonly runHelp: (command: string) => string
  readonly noSuchCommand: (typed: string, meant: string) => string
  readonly unknownOption: (typed: string, meant: string | null) => string
  readonly wholeNumber: (option: string, min: number) => string
  readonly maxLineLength: (got: string) => string
  readonly year: () => string
  readonly targetKey: () => string
  readonly fieldPath: () => string
  readonly rsyslogAlone: () => string
  readonly dedupeRecords: () => string
  readonly dedupeAll: () => string
  readonly dedupeWindow: (got: string) => string
  readonly prettyText: () => string
  readonly summaryInterval: () => string
}

export type ProblemId = keyof ProblemWords
/** One problem: its id and the values its words take. */
export type Problem = { readonly [K in ProblemId]: { readonly id: K, readonly values: Parameters<ProblemWords[K]> } }[ProblemId]

export function problem<K extends ProblemId> (id: K, ...values: Parameters<ProblemWords[K]>): Problem {
  return { id, values } as unknown as Problem
}

const EN: ProblemWords = {
  noSuchFile: () => 'no such file or folder',
  permissionDenied: () => 'permission denied',
  isFolder: () => 'is a folder',
  pathNotFolder: () => 'a part of the path is not a folder',
  tooManyLinks: () => 'too many symbolic links',
  tooManyOpenFiles: () => 'too many open files',
  cannotOpen: (code) => `cannot open (${code})`,
  cannotRead: (code) => `cannot read (${code})`,
  cannotList: (code) => `cannot list (${code})`,
  notFileOrFolder: () => 'not a file or folder',
  compressed: (tool, command) => `compressed with ${tool}, which is not read; decompress it first (${command})`,
  zipArchive: () => 'a zip archive, which is not read; unpack it first (unzip)',
  sevenZipArchive: () => 'a 7-Zip archive, which is not read; unpack it first (7z x)',
  evtx: () => 'a Windows event log (.evtx), which is binary; export it as text first (wevtutil qe FILE /lf:true /f:text, or Get-WinEvent -Path FILE | Format-List)',
  evt: () => 'a Windows event log (.evt), which is binary; export it as text first (wevtutil qe FILE /lf:true /f:text)',
  damaged: (reason) => `${reason}; the lines before it are counted`,
  other: (message) => message,
  cannotWrite: (path, message) => `cannot write ${path}: ${message}`,
  cannotWriteOutput: (message) => `cannot write output: ${message}`,
  cannotWriteSummary: (message) => `cannot write the summary: ${message}`,
  folderMissing: (folder) => `the folder ${folder} does not exist`,
  notAFolder: (folder) => `${folder} is not a folder`,
  folderNotWritable: (folder) => `the folder ${folder} cannot be written to`,
  outputFile: (option, path, problem) => `${option} ${path}: ${problem}`,
  notJson: (detail) => `not JSON: ${detail}`,
  notASummary: () => 'not an sspi-annotate summary (version 1, with lines and byCode)',
  damagedSummary: (detail) => `a damaged summary: ${detail}`,
  interrupted: (signal, read, unread) => `interrupted by ${signal}: the report covers the ${read} read${unread === null ? '' : `; ${unread} not read`}`,
  readingStdin: () => 'reading standard input (paste or type log lines; Ctrl-D ends, Ctrl-C stops); give files to read them instead',
  revalued: (name, from, to, nowNamed) => `changes the value of ${name} from ${from} to ${to}; ${from} is now ${nowNamed ?? 'no code of the table'}`,
  patternTooLarge: (length, max) => `warning: with these rules the combined pattern is ${length} characters long; V8 optimises patterns of up to ${max} only, so scanning runs several times slower. Fewer or shorter names in the --rules files keep it fast.`,
  runHelp: (command) => `Run "${command}" for usage.`,
  noSuchCommand: (typed, meant) => `${typed}: no such command or file; did you mean "${meant}"?`,
  unknownOption: (typed, meant) => `unknown option ${typed}${meant === null ? '' : `; did you mean --${meant}?`}`,
  wholeNumber: (option, min) => `${option} needs a whole number, at least ${min}`,
  maxLineLength: (got) => `--max-line-length needs a whole number of bytes, at least 16, got ${got}`,
  year: () => '--year needs a year such as 2025',
  targetKey: () => '--target needs a key name',
  fieldPath: () => '--field needs a dot path such as message or log.original',
  rsyslogAlone: () => '--rsyslog reads messages on stdin and replies on stdout; it takes only --field, --target, --host-field, --year, --rules, --max-line-length and --summary-file (rsyslog reads stderr too, so --summary cannot be used)',
  dedupeRecords: () => '--dedupe works on text input; in record mode every record is passed on',
  dedupeAll: () => '--dedupe and --all cannot be combined: --all writes one object per input line',
  dedupeWindow: (got) => `--dedupe needs a window such as 30s, 5m or 500ms, got "${got}"`,
  prettyText: () => '--output pretty shows text events in the native format; records, --format ecs|otel and --rsyslog write NDJSON',
  summaryInterval: () => '--summary-interval needs a positive number of seconds',
}

const FR: ProblemWords = {
  noSuchFile: () => 'fichier ou dossier introuvable',
  permissionDenied: () => 'permission refusée',
  isFolder: () => 'est un dossier',
  pathNotFolder: () => "une partie du chemin n'est pas un dossier",
  tooManyLinks: () => 'trop de liens symboliques',
  tooManyOpenFiles: () => 'trop de fichiers ouverts',
  cannotOpen: (code) => `ouverture impossible (${code})`,
  cannotRead: (code) => `lecture impossible (${code})`,
  cannotList: (code) => `impossible de lister le dossier (${code})`,
  notFileOrFolder: () => "ni un fichier ni un dossier",
  compressed: (tool, command) => `compressé avec ${tool}, qui n'est pas lu ; décompressez-le d'abord (${command})`,
  zipArchive: () => "une archive zip, qui n'est pas lue ; extrayez-la d'abord (unzip)",
  sevenZipArchive: () => "une archive 7-Zip, qui n'est pas lue ; extrayez-la d'abord (7z x)",
  evtx: () => "un journal d'événements Windows (.evtx), binaire ; exportez-le d'abord en texte (wevtutil qe FILE /lf:true /f:text, ou Get-WinEvent -Path FILE | Format-List)",
  evt: () => "un journal d'événements Windows (.evt), binaire ; exportez-le d'abord en texte (wevtutil qe FILE /lf:true /f:text)",
  damaged: (reason) => `gzip interrompu (${reason}) ; les lignes qui précèdent sont comptées`,
  other: (message) => message,
  cannotWrite: (path, message) => `impossible d'écrire ${path} : ${message}`,
  cannotWriteOutput: (message) => `impossible d'écrire la sortie : ${message}`,
  cannotWriteSummary: (message) => `impossible d'écrire le résumé : ${message}`,
  folderMissing: (folder) => `le dossier ${folder} n'existe pas`,
  notAFolder: (folder) => `${folder} n'est pas un dossier`,
  folderNotWritable: (folder) => `le dossier ${folder} n'est pas accessible en écriture`,
  outputFile: (option, path, problem) => `${option} ${path} : ${problem}`,
  notJson: (detail) => `pas du JSON : ${detail}`,
  notASummary: () => "pas un résumé de sspi-annotate (version 1, avec lines et byCode)",
  damagedSummary: (detail) => `un résumé endommagé : ${detail}`,
  interrupted: (signal, read, unread) => `interrompu par ${signal} : le rapport couvre les ${read} lus${unread === null ? '' : ` ; ${unread} non lus`}`,
  readingStdin: () => "lecture de l'entrée standard (collez ou tapez des lignes de journal ; Ctrl-D termine, Ctrl-C arrête) ; donnez des fichiers pour les lire à la place",
  revalued: (name, from, to, nowNamed) => `change la valeur de ${name} de ${from} en ${to} ; ${from} est désormais ${nowNamed ?? 'un code absent de la table'}`,
  patternTooLarge: (length, max) => `avertissement : avec ces règles, le motif combiné fait ${length} caractères ; V8 n'optimise que les motifs de ${max} au plus, la recherche est donc plusieurs fois plus lente. Des noms moins nombreux ou plus courts dans les fichiers --rules la gardent rapide.`,
  runHelp: (command) => `Lancez « ${command} » pour l'aide.`,
  noSuchCommand: (typed, meant) => `${typed} : ni une commande ni un fichier ; vouliez-vous dire « ${meant} » ?`,
  unknownOption: (typed, meant) => `option inconnue ${typed}${meant === null ? '' : ` ; vouliez-vous dire --${meant} ?`}`,
  wholeNumber: (option, min) => `${option} attend un nombre entier, au moins ${min}`,
  maxLineLength: (got) => `--max-line-length attend un nombre entier d'octets, au moins 16 ; reçu ${got}`,
  year: () => '--year attend une année, par exemple 2025',
  targetKey: () => '--target attend un nom de clé',
  fieldPath: () => '--field attend un chemin pointé, par exemple message ou log.original',
  rsyslogAlone: () => "--rsyslog lit les messages sur stdin et répond sur stdout ; il n'accepte que --field, --target, --host-field, --year, --rules, --max-line-length et --summary-file (rsyslog lit aussi stderr, --summary est donc exclu)",
  dedupeRecords: () => '--dedupe porte sur une entrée texte ; en mode enregistrements, chaque enregistrement est transmis',
  dedupeAll: () => '--dedupe et --all ne se combinent pas : --all écrit un objet par ligne lue',
  dedupeWindow: (got) => `--dedupe attend une fenêtre comme 30s, 5m ou 500ms ; reçu « ${got} »`,
  prettyText: () => "--output pretty montre des événements texte au format natif ; les enregistrements, --format ecs|otel et --rsyslog écrivent du NDJSON",
  summaryInterval: () => '--summary-interval attend un nombre de secondes positif',
}

const JA: ProblemWords = {
  noSuchFile: () => 'ファイルまたはフォルダがありません',
  permissionDenied: () => 'アクセスが拒否されました',
  isFolder: () => 'フォルダです',
  pathNotFolder: () => 'パスの途中にフォルダでないものがあります',
  tooManyLinks: () => 'シンボリックリンクが多すぎます',
  tooManyOpenFiles: () => '開いているファイルが多すぎます',
  cannotOpen: (code) => `開けません (${code})`,
  cannotRead: (code) => `読めません (${code})`,
  cannotList: (code) => `フォルダの中身を一覧できません (${code})`,
  notFileOrFolder: () => 'ファイルでもフォルダでもありません',
  compressed: (tool, command) => `${tool} で圧縮されており、読みません。先に展開してください (${command})`,
  zipArchive: () => 'zip アーカイブは読みません。先に展開してください (unzip)',
  sevenZipArchive: () => '7-Zip アーカイブは読みません。先に展開してください (7z x)',
  evtx: () => 'Windows イベント ログ (.evtx) はバイナリです。先にテキストへ書き出してください (wevtutil qe FILE /lf:true /f:text、または Get-WinEvent -Path FILE | Format-List)',
  evt: () => 'Windows イベント ログ (.evt) はバイナリです。先にテキストへ書き出してください (wevtutil qe FILE /lf:true /f:text)',
  damaged: (reason) => `gzip が途中で切れています (${reason})。それまでの行は数えました`,
  other: (message) => message,
  cannotWrite: (path, message) => `${path} に書き込めません: ${message}`,
  cannotWriteOutput: (message) => `出力に書き込めません: ${message}`,
  cannotWriteSummary: (message) => `集計を書き込めません: ${message}`,
  folderMissing: (folder) => `フォルダ ${folder} がありません`,
  notAFolder: (folder) => `${folder} はフォルダではありません`,
  folderNotWritable: (folder) => `フォルダ ${folder} に書き込めません`,
  outputFile: (option, path, problem) => `${option} ${path}: ${problem}`,
  notJson: (detail) => `JSON ではありません: ${detail}`,
  notASummary: () => 'sspi-annotate の集計ではありません (version 1 で lines と byCode を持つもの)',
  damagedSummary: (detail) => `集計が壊れています: ${detail}`,
  interrupted: (signal, read, unread) => `${signal} で中断しました。レポートは読んだ ${read} の分です${unread === null ? '' : ` (${unread} は未読)`}`,
  readingStdin: () => '標準入力を読んでいます (ログ行を貼り付けるか入力してください。Ctrl-D で終了、Ctrl-C で中止)。ファイルを読むにはファイル名を指定してください',
  revalued: (name, from, to, nowNamed) => `${name} の値を ${from} から ${to} に変えます。${from} は ${nowNamed === null ? 'どのコードでもなくなります' : `${nowNamed} になります`}`,
  patternTooLarge: (length, max) => `警告: これらのルールでは結合パターンが ${length} 文字になります。V8 が最適化するのは ${max} 文字までなので、検索が数倍遅くなります。--rules ファイルの名前を減らすか短くすると速いままです。`,
  runHelp: (command) => `使い方は "${command}" で表示できます。`,
  noSuchCommand: (typed, meant) => `${typed}: そのようなコマンドやファイルはありません。"${meant}" のことですか?`,
  unknownOption: (typed, meant) => `不明なオプション ${typed}${meant === null ? '' : `。--${meant} のことですか?`}`,
  wholeNumber: (option, min) => `${option} には ${min} 以上の整数を指定してください`,
  maxLineLength: (got) => `--max-line-length には 16 以上のバイト数 (整数) を指定してください。指定値: ${got}`,
  year: () => '--year には 2025 のような年を指定してください',
  targetKey: () => '--target にはキー名を指定してください',
  fieldPath: () => '--field には message や log.original のようなドット区切りのパスを指定してください',
  rsyslogAlone: () => '--rsyslog は stdin でメッセージを読み stdout に応答します。使えるのは --field、--target、--host-field、--year、--rules、--max-line-length、--summary-file だけです (rsyslog は stderr も読むため --summary は使えません)',
  dedupeRecords: () => '--dedupe はテキスト入力に使います。レコード モードではすべてのレコードをそのまま渡します',
  dedupeAll: () => '--dedupe と --all は併用できません: --all は入力の 1 行ごとに 1 つのオブジェクトを書きます',
  dedupeWindow: (got) => `--dedupe には 30s、5m、500ms のような時間幅を指定してください。指定値: "${got}"`,
  prettyText: () => '--output pretty はテキストのイベントをネイティブ形式で表示します。レコード、--format ecs|otel、--rsyslog は NDJSON を書きます',
  summaryInterval: () => '--summary-interval には正の秒数を指定してください',
}

export const PROBLEM_WORDS: Readonly<Record<Lang, ProblemWords>> = { en: EN, fr: FR, ja: JA }

/** A problem in words of `lang`. */
export function problemText (p: Problem, lang: Lang): string {
  return (PROBLEM_WORDS[lang][p.id] as (...values: readonly unknown[]) => string)(...p.values)
}

/** An error that carries its problem: its message is the English text, for logs and JSON. */
export class ProblemError extends Error {
  constructor (readonly problem: Problem, readonly path: string | null = null) {
    super(path === null ? problemText(problem, 'en') : `${path}: ${problemText(problem, 'en')}`)
    this.name = 'ProblemError'
  }
}

/** The problem an error stands for: its own, or the system's message as it is. */
export function problemOf (err: unknown): Problem {
  return err instanceof ProblemError ? err.problem : problem('other', (err as Error).message)
}

/** An errno code as a problem; codes without words of their own say what failed (`cannot read (EIO)`). */
export function errnoProblem (code: string, failed: 'cannotOpen' | 'cannotRead' | 'cannotList'): Problem {
  switch (code) {
    case 'ENOENT': return problem('noSuchFile')
    case 'EACCES': return problem('permissionDenied')
    case 'EISDIR': return problem('isFolder')
    case 'ENOTDIR': return problem('pathNotFolder')
    case 'ELOOP': return problem('tooManyLinks')
    case 'EMFILE': return problem('tooManyOpenFiles')
    default: return problem(failed, code)
  }
}

/** One line on stderr, `sspi-annotate: [WHERE: ]PROBLEM`, in the reader's language. */
export function tell (lang: Lang, p: Problem, where: string | null = null): void {
  process.stderr.write(`sspi-annotate: ${where === null ? '' : `${where}: `}${problemText(p, lang)}\n`)
}
