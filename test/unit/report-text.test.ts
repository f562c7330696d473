import { describe, expect, it } from 'vitest'
import { columns, displayWidth, wrapText } from '../../src/summary/text-format.js'
import { renderReportMarkdown, renderReportText } from '../../src/summary/report-text.js'
import type { ReportModel } from '../../src/summary/report-model.js'
import { REPORT_WORDS } from '../../src/summary/report-words.js'

const lines = (text: string): string[] => text.split('\n')

describe('displayWidth', () => {
  it('counts a kana, kanji or fullwidth character as two columns', () => {
    expect(displayWidth('SSPI のトークン')).toBe(5 + 2 * 5)
    expect(displayWidth('（ＡＢ）')).toBe(8)
  })

  it('counts Latin letters, with or without accents, as one', () => {
    expect(displayWidth('déjà vu')).toBe(7)
  })
})

describe('wrapText', () => {
  it('breaks English at spaces, each line within the width', () => {
    const out = lines(wrapText('The certificate chain ends at a root certificate this machine does not trust.', 30, '  '))
    expect(out).toEqual(['  The certificate chain ends at', '  a root certificate this', '  machine does not trust.'])
  })

  it('breaks Japanese between characters, measuring two columns for each', () => {
    const text = '証明書チェーンが、このマシンが信頼していないルート証明書で終わっています。'
    const out = lines(wrapText(text, 20, ''))
    expect(out.length).toBeGreaterThan(1)
    for (const l of out) expect(displayWidth(l)).toBeLessThanOrEqual(20)
    expect(out.join('')).toBe(text)
  })

  it('never starts a line with closing punctuation or a small kana (kinsoku)', () => {
    const text = 'ああああああああ、いいいいいいいっ。うう'
    for (let width = 4; width <= 24; width++) {
      for (const l of lines(wrapText(text, width, ''))) expect('、。っ').not.toContain(l[0])
    }
  })

  it('never ends a line with an opening bracket', () => {
    const text = 'ああああ「いいいい」うう'
    for (let width = 4; width <= 20; width++) {
      for (const l of lines(wrapText(text, width, ''))) expect(l.endsWith('「')).toBe(false)
    }
  })

  it('keeps the space between a Latin word and the Japanese after it', () => {
    expect(wrapText('TLS では相手が', 80, '')).toBe('TLS では相手が')
  })

  it('gives a word wider than the width a line of its own', () => {
    expect(lines(wrapText('see https://example.invalid/a/very/long/path now', 10, ''))).toEqual(['see', 'https://example.invalid/a/very/long/path', 'now'])
  })
})

describe('columns', () => {
  it('aligns a column whose cells have wide characters by their display width', () => {
    const out = columns([['host', 'lines'], ['サーバー01', '3'], ['web-02', '12']], [1])
    expect(new Set(out.map(displayWidth)).size).toBe(1)
  })
})

const model: ReportModel = {
  title: 'Windows authentication failures', failureLines: 17,
  lines: 26, linesWithCodes: 18, mentions: 22, files: 1, bytes: 2600, firstSeen: null, lastSeen: null, untimedLines: 0,
  codes: [], categories: [], families: {}, hosts: [], timeline: { bucketHours: 1, buckets: [], truncated: false }, conflicts: 0,
  input: { truncatedLines: 0, replacedCharacters: 0, malformedRecords: 0 }, interrupted: null, words: REPORT_WORDS.en,
}

describe('report totals', () => {
  it('say "1 file" in the terminal report', () => {
    expect(renderReportText(model)).toMatch(/^26 lines in 1 file,/)
  })

  it('say "1 file" in the Markdown report', () => {
    expect(lines(renderReportMarkdown(model))[2]).toMatch(/^26 lines in 1 file;/)
  })

  const ones: ReportModel = {
    ...model, lines: 1, linesWithCodes: 1, failureLines: 1, mentions: 1, untimedLines: 1, conflicts: 1, firstSeen: '2025-03-11T08:00:00.000Z', lastSeen: '2025-03-11T08:00:00.000Z',
    input: { truncatedLines: 1, replacedCharacters: 1, malformedRecords: 1 },
  }

  it('say one of anything in the singular in the terminal report', () => {
    const out = renderReportText(ones)
    expect(out).toMatch(/^1 line in 1 file, 1 with security codes \(100\.0%; 1 with failures\), 1 mention\n/)
    expect(out).toContain('; 1 line with codes had no timestamp\n')
    expect(out).toContain('Input: 1 line pairing a name with another code\'s number, 1 line cut at the length limit, 1 invalid byte replaced, 1 malformed record\n')
  })

  it('say one of anything in the singular in the Markdown report', () => {
    const out = renderReportMarkdown(ones)
    expect(lines(out)[2]).toBe('1 line in 1 file; 1 with security codes (100.0%; 1 with failures), 1 mention.')
    expect(out).toContain('; 1 line with codes had no timestamp.')
  })
})

describe('the terminal report\'s host table', () => {
  it('says how many hosts it leaves out past the top ones', () => {
    const hosts = Array.from({ length: 12 }, (_, i) => ({ host: `web-${i + 1}`, lines: 12 - i, mentions: 12 - i, topCodes: ['SEC_E_TIME_SKEW'], byCode: {} }))
    const out = renderReportText({ ...model, hosts }, 10)
    expect(out).toContain('  web-10 ')
    expect(out).not.toContain('web-11')
    expect(out).toMatch(/\n {2}… and 2 more hosts \(--json, --markdown or --html for all\)\n/)
  })

  it('says "1 more host" when it leaves out one', () => {
    const hosts = Array.from({ length: 11 }, (_, i) => ({ host: `web-${i + 1}`, lines: 11 - i, mentions: 11 - i, topCodes: ['SEC_E_TIME_SKEW'], byCode: {} }))
    expect(renderReportText({ ...model, hosts }, 10)).toMatch(/\n {2}… and 1 more host \(--json, --markdown or --html for all\)\n/)
  })

  it('says nothing more when every host is shown', () => {
    const hosts = [{ host: 'dc-01', lines: 3, mentions: 3, topCodes: ['SEC_E_TIME_SKEW'], byCode: {} }]
    expect(renderReportText({ ...model, hosts }, 10)).not.toContain('more hosts')
  })
})

describe('reports say failures only for failures', () => {
  const handshakes: ReportModel = { ...model, title: 'Windows security codes', linesWithCodes: 5, failureLines: 0 }

  it('count the lines with failures among the lines with codes', () => {
    expect(renderReportText(model)).toMatch(/18 with security codes \(69\.2%; 17 with failures\)/)
  })

  it('say so when no line with codes is a failure, in the table and in the Markdown title', () => {
    expect(renderReportText(handshakes)).toMatch(/5 with security codes \([\d.]+%; none of them failures\)/)
    expect(lines(renderReportMarkdown(handshakes))[0]).toBe('# Windows security codes')
  })
})

describe('the Markdown report by family', () => {
  it('lists the families codes came from, most lines first', () => {
    const md = renderReportMarkdown({ ...model, families: { sspi: { lines: 12, mentions: 15 }, security: { lines: 3, mentions: 3 } } })
    expect(md).toContain('## Families\n\n| family | lines | mentions |\n| --- | ---: | ---: |\n| sspi | 12 | 15 |\n| security | 3 | 3 |\n')
  })
})

describe('the terminal report by family', () => {
  it('lists the families codes came from', () => {
    const text = renderReportText({ ...model, families: { sspi: { lines: 12, mentions: 15 }, ntstatus: { lines: 3, mentions: 4 } } })
    expect(text).toMatch(/By family\n +family +lines +mentions\n +sspi +12 +15\n +ntstatus +3 +4\n/)
  })
})

describe('the reports in the language of --lang', () => {
  it('writes the terminal report\'s headings and columns in French', () => {
    const text = renderReportText({ ...model, words: REPORT_WORDS.fr, categories: [{ id: 'schannel', title: 'Schannel', lines: 4, mentions: 6 }] })
    expect(text).toMatch(/^26 lignes dans 1 fichier, 18 avec des codes de sécurité \(69\.2%; 17 avec des échecs\), 22 mentions\n/)
    expect(text).toMatch(/Par catégorie\n +catégorie +lignes +mentions\n/)
  })

  it('writes the Markdown report\'s headings and columns in Japanese', () => {
    const md = renderReportMarkdown({ ...model, words: REPORT_WORDS.ja, families: { ntstatus: { lines: 3, mentions: 4 } } })
    expect(md).toContain('## ファミリ\n\n| ファミリ | 行 | 出現 |')
    expect(md).toContain('## ホスト\n\n| ホスト | 行 | 出現 | 主なコード |')
  })
})
