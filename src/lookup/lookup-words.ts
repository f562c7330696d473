import type { Lang } from '../rules/lang.js'

/** What lookup prints around a code's own texts, in each language of --lang. */
export interface LookupWords {
  readonly family: string
  readonly severity: string
  readonly category: string
  readonly tags: string
  readonly aliasOf: string
  readonly also: string
  readonly meaning: string
  readonly hint: string
  readonly windows: string
  readonly unknownCode: string
  readonly didYouMean: string
  readonly error: string
  readonly success: string
  readonly facility: (facility: number, code: string) => string
  readonly notACode: string
  readonly notInTable: (value: string) => string
}

export const LOOKUP_WORDS: Readonly<Record<Lang, LookupWords>> = {
  en: {
    family: 'family',
    severity: 'severity',
    category: 'category',
    tags: 'tags',
    aliasOf: 'alias of',
    also: 'also',
    meaning: 'meaning',
    hint: 'hint',
    windows: 'Windows',
    unknownCode: 'unknown code',
    didYouMean: 'did you mean',
    error: 'error',
    success: 'success',
    facility: (f, c) => `facility ${f}, code ${c}`,
    notACode: 'not a code name, a number in a known notation or a Windows message',
    notInTable: (v) => `${v} is not in the table`,
  },
  fr: {
    family: 'famille',
    severity: 'gravité',
    category: 'catégorie',
    tags: 'étiquettes',
    aliasOf: 'alias de',
    also: 'aussi',
    meaning: 'sens',
    hint: 'conseil',
    windows: 'Windows',
    unknownCode: 'code inconnu',
    didYouMean: 'vouliez-vous dire',
    error: 'erreur',
    success: 'succès',
    facility: (f, c) => `facility ${f}, code ${c}`,
    notACode: "ni un nom de code, ni un nombre dans une notation connue, ni un message de Windows",
    notInTable: (v) => `${v} n'est pas dans la table`,
  },
  ja: {
    family: 'ファミリ',
    severity: '重大度',
    category: 'カテゴリ',
    tags: 'タグ',
    aliasOf: '別名の元',
    also: '別名',
    meaning: '意味',
    hint: 'ヒント',
    windows: 'Windows',
    unknownCode: '不明なコード',
    didYouMean: 'もしかして',
    error: 'エラー',
    success: '成功',
    facility: (f, c) => `ファシリティ ${f}、コード ${c}`,
    notACode: 'コード名でも、既知の表記の数値でも、Windows のメッセージでもありません',
    notInTable: (v) => `${v} は表にありません`,
  },
}
