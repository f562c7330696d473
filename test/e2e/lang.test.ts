import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ndjson, ROOT, runCli } from '../helpers/cli.js'
import { displayWidth } from '../../src/summary/text-format.js'

const texts = (lang: string): { codes: Record<string, { meaning: string, hint?: string }>, categories: Record<string, { title: string }> } =>
  JSON.parse(readFileSync(join(ROOT, 'rules', 'lang', `${lang}.json`), 'utf8'))
const fr = texts('fr')
const ja = texts('ja')
const LINE = 'schannel: next InitializeSecurityContext failed: SEC_E_UNTRUSTED_ROOT (0x80090325)\n'

describe('--lang', () => {
  it('writes meaning and hint in French with --lang fr', async () => {
    const [e] = ndjson((await runCli(['--lang', 'fr'], LINE)).stdout)
    expect(e.codes[0]).toMatchObject({ name: 'SEC_E_UNTRUSTED_ROOT', meaning: fr.codes.SEC_E_UNTRUSTED_ROOT!.meaning, hint: fr.codes.SEC_E_UNTRUSTED_ROOT!.hint })
  })

  it('takes its default from LANG', async () => {
    const [e] = ndjson((await runCli([], LINE, { LANG: 'ja_JP.UTF-8' })).stdout)
    expect(e.codes[0].meaning).toBe(ja.codes.SEC_E_UNTRUSTED_ROOT!.meaning)
  })

  it('lets --lang override the environment', async () => {
    const [e] = ndjson((await runCli(['--lang', 'en'], LINE, { LANG: 'fr_FR.UTF-8' })).stdout)
    expect(e.codes[0].meaning).toMatch(/root certificate this machine does not trust/)
  })

  it('answers lookup in Japanese, facts unchanged', async () => {
    const r = await runCli(['lookup', '--lang', 'ja', '0x80092012'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^CRYPT_E_NO_REVOCATION_CHECK {2}0x80092012/)
    expect(r.stdout).toContain(ja.codes.CRYPT_E_NO_REVOCATION_CHECK!.meaning)
    expect(r.stdout).toContain(ja.categories.schannel!.title)
  })

  it('folds Japanese lookup texts within 78 columns, two for each wide character', async () => {
    const r = await runCli(['lookup', '--lang', 'ja', 'SEC_E_INVALID_TOKEN', 'SEC_E_NO_CREDENTIALS'])
    expect(r.code).toBe(0)
    for (const line of r.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(78)
    // Folded between characters: the text reads whole once the line breaks and indents are gone.
    expect(r.stdout.replace(/\n {14}/g, '')).toContain(ja.codes.SEC_E_INVALID_TOKEN!.hint)
  })

  it('writes the summarize report texts in French', async () => {
    const r = await runCli(['summarize', '--markdown', '--lang', 'fr', 'fixtures/windows-auth-sample.log'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(fr.codes.SEC_E_UNTRUSTED_ROOT!.meaning)
  })

  it('exports the table in Japanese', async () => {
    const rows = JSON.parse((await runCli(['rules', 'export', '--to', 'json', '--lang', 'ja'])).stdout) as Array<{ name: string, meaning: string }>
    expect(rows.find((r) => r.name === 'SCARD_W_REMOVED_CARD')!.meaning).toBe(ja.codes.SCARD_W_REMOVED_CARD!.meaning)
  })

  it('refuses a language it has no texts for, with status 2', async () => {
    const r = await runCli(['--lang', 'de'], LINE)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/lang/)
  })
})

describe('--lang on stderr', () => {
  it('says a mistyped option and where help is in French', async () => {
    const r = await runCli(['--lang', 'fr', '--sumary'], LINE)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('sspi-annotate: option inconnue --sumary ; vouliez-vous dire --summary ?\nLancez « sspi-annotate --help » pour l\'aide.\n')
  })

  it("says a check's refusal in Japanese, with the subcommand's help", async () => {
    const r = await runCli(['summarize', '--lang', 'ja', '--workers', '0', 'fixtures/windows-auth-sample.log'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('sspi-annotate: --workers には 1 以上の整数を指定してください\n使い方は "sspi-annotate summarize --help" で表示できます。\n')
  })

  it("gives yargs' own messages in the language too", async () => {
    const r = await runCli(['summarize', '--lang', 'fr'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^sspi-annotate: Il manque des arguments : 0 donnés, au moins 1 attendus\n/)
  })

  it('names a file that cannot be read in the language of the environment', async () => {
    const r = await runCli(['summarize', 'nope.log'], undefined, { LANG: 'ja_JP.UTF-8' })
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('sspi-annotate: nope.log: ファイルまたはフォルダがありません\n')
  })

  it('names a file annotate cannot read, in French', async () => {
    const r = await runCli(['--lang', 'fr', 'nope.log'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('sspi-annotate: nope.log: fichier ou dossier introuvable\n')
  })

  it('says a mistyped command in Japanese', async () => {
    const r = await runCli(['--lang', 'ja', 'lookpu', '0x80090325'])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toBe('sspi-annotate: lookpu: そのようなコマンドやファイルはありません。"lookup" のことですか?')
  })

  it('says in French that a file given to merge is not a summary', async () => {
    const r = await runCli(['merge', '--lang', 'fr', 'fixtures/windows-auth-sample.log'])
    expect(r.code).toBe(2)
    // After the words, JSON.parse's own message, which stays as Node wrote it.
    expect(r.stderr).toMatch(/^sspi-annotate: fixtures\/windows-auth-sample\.log: pas du JSON : \S.*\n$/)
  })
})

