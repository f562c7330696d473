import type { Lang } from '../rules/lang.js'
import { num } from './text-format.js'

/**
 * The words of the counts table and the reports (terminal, Markdown, HTML)
 * in each language of --lang; the codes' own texts come translated with the
 * table. Numbers keep one notation (1,234) in every language: they are read
 * against the JSON.
 */
export interface ReportWords {
  readonly htmlLang: string
  readonly failuresTitle: string
  readonly codesTitle: string
  readonly lines: (n: number) => string
  readonly mentions: (n: number) => string
  readonly files: (n: number) => string
  readonly withCodes: (n: number) => string
  readonly withFailures: (n: number) => string
  readonly noFailures: string
  /** The totals line: lines, where, share of lines with codes and failures, mentions. */
  readonly totals: (lines: string, files: string | null, withCodes: string, share: string, mentions: string) => string
  /** The same as a sentence (Markdown), files always named. */
  readonly totalsSentence: (lines: string, files: string, withCodes: string, share: string, mentions: string) => string
  readonly seenFromTo: (from: string, to: string) => string
  readonly firstLastSeen: (first: string, last: string, untimed: string) => string
  readonly untimed: (n: number) => string
  readonly interrupted: (signal: string, read: string, unread: string | null) => string
  /** The counts table's line on names beside another code's number. */
  readonly pairsLine: (n: number) => string
  readonly topCodes: string
  readonly andMore: (n: number) => string
  readonly andMoreHosts: (n: number) => string
  readonly check: string
  readonly byCategory: string
  readonly byFamily: string
  readonly byHost: string
  readonly codesHeading: string
  readonly categoriesHeading: string
  readonly familiesHeading: string
  readonly hostsHeading: string
  readonly hostsByCodes: string
  readonly whatEachMeans: string
  readonly whatToCheck: string
  /** An occurrence's label in the HTML report: first, last, or the one line. */
  readonly firstAt: string
  readonly lastAt: string
  readonly seenAt: string
  readonly notInTable: string
  readonly notInTableMeaning: string
  readonly input: string
  readonly problems: { readonly conflicts: (n: number) => string, readonly cut: (n: number) => string, readonly replaced: (n: number) => string, readonly malformed: (n: number) => string }
  readonly col: { readonly code: string, readonly value: string, readonly category: string, readonly family: string, readonly lines: string, readonly mentions: string, readonly lastSeen: string, readonly firstSeen: string, readonly host: string, readonly topCodes: string, readonly meaning: string, readonly check: string, readonly hresult: string }
  readonly codeLine: (lines: string, mentions: string, first: string, last: string) => string
  readonly noTimestamps: string
  readonly noTimestampedLines: string
  readonly fromTo: (from: string, to: string) => string
  readonly failuresNoun: string
  readonly codedLinesNoun: string
  /** The timeline's heading: failures (or lines with codes) per hour, day…, by category. */
  readonly timeline: (noun: string, per: string, last: number | null) => string
  /** One bar of the timeline, by the hours it spans (timeline.ts: 1, 3, 6, 24 or 168). */
  readonly bucket: (hours: number) => string
  /** The HTML totals' labels, under their numbers. */
  readonly card: { readonly withCodes: (n: number) => string, readonly failures: (n: number) => string, readonly mentions: (n: number) => string, readonly codes: (n: number) => string, readonly hosts: (n: number) => string, readonly read: (n: number, files: string) => string }
  readonly untimedSentence: (n: number) => string
}

const en = (one: string, many: string) => (n: number): string => `${num(n)} ${n === 1 ? one : many}`
const fr = en
const ja = (unit: string) => (n: number): string => `${num(n)} ${unit}`

const EN: ReportWords = {
  htmlLang: 'en',
  failuresTitle: 'Windows authentication failures',
  codesTitle: 'Windows security codes',
  lines: en('line', 'lines'),
  mentions: en('mention', 'mentions'),
  files: en('file', 'files'),
  withCodes: (n) => `${num(n)} with security codes`,
  withFailures: (n) => `${num(n)} with failures`,
  noFailures: 'none of them failures',
  totals: (lines, files, withCodes, share, mentions) => `${lines}${files === null ? ' read' : ` in ${files}`}, ${withCodes} (${share}), ${mentions}`,
  totalsSentence: (lines, files, withCodes, share, mentions) => `${lines} in ${files}; ${withCodes} (${share}), ${mentions}.`,
  seenFromTo: (from, to) => `seen from ${from} to ${to} UTC`,
  firstLastSeen: (first, last, untimed) => `First seen ${first} UTC, last seen ${last} UTC; ${untimed}.`,
  untimed: (n) => `${en('line', 'lines')(n)} with codes had no timestamp`,
  interrupted: (signal, read, unread) => `Interrupted by ${signal}: these counts cover the ${read} read before it${unread === null ? '' : `; ${unread} of the input was not read`}.`,
  pairsLine: (n) => `${en('line pairs', 'lines pair')(n)} a name with another code's number`,
  topCodes: 'Top codes',
  andMore: (n) => `… and ${num(n)} more (--json, --markdown or --html for all)`,
  andMoreHosts: (n) => `… and ${en('more host', 'more hosts')(n)} (--json, --markdown or --html for all)`,
  check: 'Check: ',
  byCategory: 'By category',
  byFamily: 'By family',
  byHost: 'By host',
  codesHeading: 'Codes',
  categoriesHeading: 'Categories',
  familiesHeading: 'Families',
  hostsHeading: 'Hosts',
  hostsByCodes: 'Hosts × codes',
  whatEachMeans: 'What each code means',
  whatToCheck: 'What to check:',
  firstAt: 'First seen in',
  lastAt: 'Last seen in',
  seenAt: 'Seen in',
  notInTable: 'not in the table (facility 9):',
  notInTableMeaning: 'Not in the table: a value in the Windows security facility.',
  input: 'Input: ',
  problems: {
    conflicts: (n) => `${en('line', 'lines')(n)} pairing a name with another code's number`,
    cut: (n) => `${en('line', 'lines')(n)} cut at the length limit`,
    replaced: (n) => `${en('invalid byte', 'invalid bytes')(n)} replaced`,
    malformed: en('malformed record', 'malformed records'),
  },
  col: { code: 'code', value: 'value', category: 'category', family: 'family', lines: 'lines', mentions: 'mentions', lastSeen: 'last seen', firstSeen: 'first seen', host: 'host', topCodes: 'top codes', meaning: 'meaning', check: 'what to check', hresult: 'hresult' },
  codeLine: (lines, mentions, first, last) => `${lines}, ${mentions}; first seen ${first}, last seen ${last} UTC.`,
  noTimestamps: 'No timestamps found.',
  noTimestampedLines: 'No timestamped lines.',
  fromTo: (from, to) => `From ${from} to ${to} UTC.`,
  failuresNoun: 'Failures',
  codedLinesNoun: 'Lines with codes',
  timeline: (noun, per, last) => `${noun} per ${per}, by category${last === null ? '' : ` (the last ${num(last)} ${per}s)`}`,
  bucket: (h) => (h === 1 ? 'hour' : h < 24 ? `${h} hours` : h === 24 ? 'day' : 'week'),
  card: {
    withCodes: (n) => (n === 1 ? 'line with security codes' : 'lines with security codes'),
    failures: (n) => (n === 1 ? 'line with failures' : 'lines with failures'),
    mentions: (n) => (n === 1 ? 'mention' : 'mentions'),
    codes: (n) => (n === 1 ? 'distinct code' : 'distinct codes'),
    hosts: (n) => (n === 1 ? 'host' : 'hosts'),
    read: (n, files) => `${n === 1 ? 'line' : 'lines'} read in ${files}`,
  },
  untimedSentence: (n) => `${en('line', 'lines')(n)} with codes had no timestamp.`,
}

const FR: ReportWords = {
  htmlLang: 'fr',
  failuresTitle: "Échecs d'authentification Windows",
  codesTitle: 'Codes de sécurité Windows',
  lines: fr('ligne', 'lignes'),
  mentions: fr('mention', 'mentions'),
  files: fr('fichier', 'fichiers'),
  withCodes: (n) => `${num(n)} avec des codes de sécurité`,
  withFailures: (n) => `${num(n)} avec des échecs`,
  noFailures: "aucune n'est un échec",
  totals: (lines, files, withCodes, share, mentions) => `${lines}${files === null ? ' lues' : ` dans ${files}`}, ${withCodes} (${share}), ${mentions}`,
  totalsSentence: (lines, files, withCodes, share, mentions) => `${lines} dans ${files} ; ${withCodes} (${share}), ${mentions}.`,
  seenFromTo: (from, to) => `vus du ${from} au ${to} UTC`,
  firstLastSeen: (first, last, untimed) => `Vu en premier le ${first} UTC, en dernier le ${last} UTC ; ${untimed}.`,
  untimed: (n) => `${fr('ligne', 'lignes')(n)} avec codes sans horodatage`,
  interrupted: (signal, read, unread) => `Interrompu par ${signal} : ces comptes couvrent les ${read} lus avant${unread === null ? '' : ` ; ${unread} de l'entrée n'ont pas été lus`}.`,
  pairsLine: (n) => `${fr('ligne associe', 'lignes associent')(n)} un nom au numéro d'un autre code`,
  topCodes: 'Codes les plus fréquents',
  andMore: (n) => `… et ${num(n)} de plus (--json, --markdown ou --html pour tous)`,
  andMoreHosts: (n) => `… et ${fr('autre hôte', 'autres hôtes')(n)} (--json, --markdown ou --html pour tous)`,
  check: 'À vérifier : ',
  byCategory: 'Par catégorie',
  byFamily: 'Par famille',
  byHost: 'Par hôte',
  codesHeading: 'Codes',
  categoriesHeading: 'Catégories',
  familiesHeading: 'Familles',
  hostsHeading: 'Hôtes',
  hostsByCodes: 'Hôtes × codes',
  whatEachMeans: 'Ce que signifie chaque code',
  whatToCheck: 'À vérifier :',
  firstAt: 'Vu en premier dans',
  lastAt: 'Vu en dernier dans',
  seenAt: 'Vu dans',
  notInTable: 'absents de la table (facility 9) :',
  notInTableMeaning: 'Absent de la table : une valeur de la facility sécurité de Windows.',
  input: 'Entrée : ',
  problems: {
    conflicts: (n) => `${fr('ligne', 'lignes')(n)} associant un nom au numéro d'un autre code`,
    cut: (n) => `${fr('ligne coupée', 'lignes coupées')(n)} à la longueur limite`,
    replaced: (n) => `${fr('octet invalide remplacé', 'octets invalides remplacés')(n)}`,
    malformed: fr('enregistrement mal formé', 'enregistrements mal formés'),
  },
  col: { code: 'code', value: 'valeur', category: 'catégorie', family: 'famille', lines: 'lignes', mentions: 'mentions', lastSeen: 'vu en dernier', firstSeen: 'vu en premier', host: 'hôte', topCodes: 'codes principaux', meaning: 'sens', check: 'à vérifier', hresult: 'hresult' },
  codeLine: (lines, mentions, first, last) => `${lines}, ${mentions} ; vu en premier le ${first}, en dernier le ${last} UTC.`,
  noTimestamps: 'Aucun horodatage trouvé.',
  noTimestampedLines: 'Aucune ligne horodatée.',
  fromTo: (from, to) => `Du ${from} au ${to} UTC.`,
  failuresNoun: 'Échecs',
  codedLinesNoun: 'Lignes avec codes',
  timeline: (noun, per, last) => `${noun} par ${per}, par catégorie${last === null ? '' : ` (${per === 'heure' ? 'les' : 'les'} ${num(last)} derniers intervalles)`}`,
  bucket: (h) => (h === 1 ? 'heure' : h < 24 ? `${h} heures` : h === 24 ? 'jour' : 'semaine'),
  card: {
    withCodes: (n) => (n === 1 ? 'ligne avec des codes de sécurité' : 'lignes avec des codes de sécurité'),
    failures: (n) => (n === 1 ? 'ligne avec des échecs' : 'lignes avec des échecs'),
    mentions: (n) => (n === 1 ? 'mention' : 'mentions'),
    codes: (n) => (n === 1 ? 'code distinct' : 'codes distincts'),
    hosts: (n) => (n === 1 ? 'hôte' : 'hôtes'),
    read: (n, files) => `${n === 1 ? 'ligne lue' : 'lignes lues'} dans ${files}`,
  },
  untimedSentence: (n) => `${fr('ligne', 'lignes')(n)} avec codes sans horodatage.`,
}

const JA: ReportWords = {
  htmlLang: 'ja',
  failuresTitle: 'Windows 認証の失敗',
  codesTitle: 'Windows セキュリティ コード',
  lines: ja('行'),
  mentions: ja('件の出現'),
  files: ja('ファイル'),
  withCodes: (n) => `セキュリティ コードを含む行 ${num(n)}`,
  withFailures: (n) => `失敗 ${num(n)}`,
  noFailures: '失敗はなし',
  totals: (lines, files, withCodes, share, mentions) => `${files === null ? '' : `${files}、`}${lines}${files === null ? 'を読み取り' : ''}、${withCodes} (${share})、${mentions}`,
  totalsSentence: (lines, files, withCodes, share, mentions) => `${files}、${lines}。${withCodes} (${share})、${mentions}。`,
  seenFromTo: (from, to) => `${from} から ${to} (UTC) まで`,
  firstLastSeen: (first, last, untimed) => `最初 ${first} (UTC)、最終 ${last} (UTC)。${untimed}。`,
  untimed: (n) => `コードを含む ${ja('行')(n)}にタイムスタンプなし`,
  interrupted: (signal, read, unread) => `${signal} で中断: この集計は中断前に読み取った ${read} 分です${unread === null ? '' : `。入力のうち ${unread} は未読です`}。`,
  pairsLine: (n) => `名前と別のコードの番号が並ぶ行 ${num(n)}`,
  topCodes: '上位のコード',
  andMore: (n) => `… ほか ${num(n)} 件 (すべては --json、--markdown、--html)`,
  andMoreHosts: (n) => `… ほか ${num(n)} ホスト (すべては --json、--markdown、--html)`,
  check: '確認: ',
  byCategory: 'カテゴリ別',
  byFamily: 'ファミリ別',
  byHost: 'ホスト別',
  codesHeading: 'コード',
  categoriesHeading: 'カテゴリ',
  familiesHeading: 'ファミリ',
  hostsHeading: 'ホスト',
  hostsByCodes: 'ホスト × コード',
  whatEachMeans: '各コードの意味',
  whatToCheck: '確認すること:',
  firstAt: '最初の出現:',
  lastAt: '最後の出現:',
  seenAt: '出現:',
  notInTable: '表にない値 (ファシリティ 9):',
  notInTableMeaning: '表にありません: Windows のセキュリティ ファシリティの値です。',
  input: '入力: ',
  problems: {
    conflicts: (n) => `名前と別のコードの番号が並ぶ行 ${num(n)}`,
    cut: (n) => `長さの上限で切った行 ${num(n)}`,
    replaced: (n) => `置き換えた不正なバイト ${num(n)}`,
    malformed: (n) => `不正なレコード ${num(n)}`,
  },
  col: { code: 'コード', value: '値', category: 'カテゴリ', family: 'ファミリ', lines: '行', mentions: '出現', lastSeen: '最終', firstSeen: '最初', host: 'ホスト', topCodes: '主なコード', meaning: '意味', check: '確認すること', hresult: 'hresult' },
  codeLine: (lines, mentions, first, last) => `${lines}、${mentions}。最初 ${first}、最終 ${last} (UTC)。`,
  noTimestamps: 'タイムスタンプが見つかりません。',
  noTimestampedLines: 'タイムスタンプのある行はありません。',
  fromTo: (from, to) => `${from} から ${to} (UTC) まで。`,
  failuresNoun: '失敗',
  codedLinesNoun: 'コードを含む行',
  timeline: (noun, per, last) => `${per}ごとの${noun} (カテゴリ別)${last === null ? '' : ` (直近 ${num(last)} 区間)`}`,
  bucket: (h) => (h === 1 ? '1 時間' : h < 24 ? `${h} 時間` : h === 24 ? '1 日' : '1 週間'),
  card: {
    withCodes: () => 'セキュリティ コードを含む行',
    failures: () => '失敗を含む行',
    mentions: () => '出現',
    codes: () => '種類のコード',
    hosts: () => 'ホスト',
    read: (_n, files) => `読み取った行 (${files})`,
  },
  untimedSentence: (n) => `コードを含む ${num(n)} 行にタイムスタンプがありません。`,
}

export const REPORT_WORDS: Readonly<Record<Lang, ReportWords>> = { en: EN, fr: FR, ja: JA }
