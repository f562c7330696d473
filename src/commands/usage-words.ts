import type { Lang } from '../rules/lang.js'

type Phrase = string | { readonly one: string, readonly other: string }

/**
 * yargs' own words (help headings, type names, the messages of its checks)
 * for --lang, keyed by yargs' English strings (its locales/en.json). yargs
 * ships translations but finds them by a path relative to its own files,
 * which the bundled CLI (cli-loader.ts) does not keep; these are given to
 * it directly instead. English needs none.
 */
export const USAGE_WORDS: Readonly<Record<Lang, Readonly<Record<string, Phrase>>>> = {
  en: {},
  fr: {
    'Commands:': 'Commandes :',
    'Options:': 'Options :',
    'Examples:': 'Exemples :',
    'Positionals:': 'Arguments :',
    boolean: 'booléen',
    count: 'nombre de fois',
    string: 'texte',
    number: 'nombre',
    array: 'liste',
    required: 'obligatoire',
    default: 'par défaut',
    'default:': 'par défaut :',
    'choices:': 'valeurs :',
    'aliases:': 'autres noms :',
    command: 'commande',
    'Show help': "Affiche l'aide",
    'Show version number': 'Affiche la version',
    'Not enough non-option arguments: got %s, need at least %s': {
      one: 'Il manque des arguments : %s donné, au moins %s attendus',
      other: 'Il manque des arguments : %s donnés, au moins %s attendus',
    },
    'Too many non-option arguments: got %s, maximum of %s': {
      one: "Trop d'arguments : %s donné, %s au plus",
      other: "Trop d'arguments : %s donnés, %s au plus",
    },
    'Missing argument value: %s': { one: "Valeur d'option manquante : %s", other: "Valeurs d'options manquantes : %s" },
    'Missing required argument: %s': { one: 'Option obligatoire manquante : %s', other: 'Options obligatoires manquantes : %s' },
    'Unknown argument: %s': { one: 'Argument inconnu : %s', other: 'Arguments inconnus : %s' },
    'Unknown command: %s': { one: 'Commande inconnue : %s', other: 'Commandes inconnues : %s' },
    'Invalid values:': 'Valeurs refusées :',
    'Argument: %s, Given: %s, Choices: %s': 'Option : %s ; donné : %s ; valeurs possibles : %s',
    'Not enough arguments following: %s': "Il manque la valeur qui suit : %s",
    'Did you mean %s?': 'Vouliez-vous dire %s ?',
    'Arguments %s and %s are mutually exclusive': 'Les options %s et %s ne se combinent pas',
  },
  ja: {
    'Commands:': 'コマンド:',
    'Options:': 'オプション:',
    'Examples:': '例:',
    'Positionals:': '引数:',
    boolean: '真偽値',
    count: '回数',
    string: '文字列',
    number: '数値',
    array: '配列',
    required: '必須',
    default: '既定値',
    'default:': '既定値:',
    'choices:': '選択肢:',
    'aliases:': '別名:',
    command: 'コマンド',
    'Show help': 'ヘルプを表示します',
    'Show version number': 'バージョンを表示します',
    'Not enough non-option arguments: got %s, need at least %s': {
      one: '引数が足りません: %s 個指定されましたが、%s 個以上必要です',
      other: '引数が足りません: %s 個指定されましたが、%s 個以上必要です',
    },
    'Too many non-option arguments: got %s, maximum of %s': {
      one: '引数が多すぎます: %s 個指定されましたが、最大 %s 個です',
      other: '引数が多すぎます: %s 個指定されましたが、最大 %s 個です',
    },
    'Missing argument value: %s': { one: 'オプションの値がありません: %s', other: 'オプションの値がありません: %s' },
    'Missing required argument: %s': { one: '必須のオプションがありません: %s', other: '必須のオプションがありません: %s' },
    'Unknown argument: %s': { one: '不明な引数: %s', other: '不明な引数: %s' },
    'Unknown command: %s': { one: '不明なコマンド: %s', other: '不明なコマンド: %s' },
    'Invalid values:': '使えない値:',
    'Argument: %s, Given: %s, Choices: %s': 'オプション: %s、指定値: %s、選択肢: %s',
    'Not enough arguments following: %s': '次の値がありません: %s',
    'Did you mean %s?': '%s のことですか?',
    'Arguments %s and %s are mutually exclusive': '%s と %s は併用できません',
  },
}

/**
 * The --lang given on the command line (`--lang fr`, `--lang=fr`), for the
 * words yargs needs before it has parsed anything; else `fallback`. Not
 * past `--`: what follows it is files.
 */
export function langOfArgs (args: readonly string[], langs: readonly Lang[], fallback: Lang): Lang {
  let lang = fallback
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    const a = args[i]!
    const value = a === '--lang' ? args[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined
    if (value !== undefined && (langs as readonly string[]).includes(value)) lang = value as Lang
  }
  return lang
}
