import { describe, expect, it } from 'vitest'
import { reportModel } from '../../src/summary/report-model.js'
import { renderReportHtml } from '../../src/summary/report-html.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { annotateLine } from '../../src/enrich/line-event.js'
import { matcher, ruleSet } from '../helpers/rules.js'

/** The HTML report of one line with one code on one host: at `time`, or with no stamp. */
function pageOfOne (time: number | null, line = 'x SEC_E_LOGON_DENIED'): string {
  const counter = new SummaryCounter()
  const codes = annotateLine(matcher, line)
  counter.countLine(codes)
  counter.countWhenWhere(codes!, time, 'dc-01')
  const s = counter.summary
  s.files = 1
  return renderReportHtml(reportModel(s, ruleSet))
}

describe('the HTML report of one of everything', () => {
  it('says each total in the singular', () => {
    const page = pageOfOne(Date.UTC(2025, 2, 11, 8))
    for (const label of ['line with security codes', 'line with failures', 'mention', 'distinct code', 'host', 'line read in 1 file']) {
      expect(page, label).toContain(`<b>1</b><span>${label}</span>`)
    }
  })

  it('says "1 line, 1 mention" of the code', () => {
    expect(pageOfOne(Date.UTC(2025, 2, 11, 8))).toContain('<p>1 line, 1 mention; first seen')
  })

  it('says "1 line with codes had no timestamp"', () => {
    expect(pageOfOne(null)).toContain(' 1 line with codes had no timestamp.')
  })
})

describe('the HTML report of success codes only', () => {
  const page = pageOfOne(Date.UTC(2025, 2, 11, 8), 'handshake SEC_I_CONTINUE_NEEDED')

  it('is not titled failures, and counts no line with failures', () => {
    expect(page).toContain('<title>Windows security codes</title>')
    expect(page).not.toMatch(/authentication failures/)
    expect(page).toContain('<b>0</b><span>lines with failures</span>')
  })

  it('calls its timeline lines with codes, not failures', () => {
    expect(page).toMatch(/<h2>Lines with codes per hour, by category<\/h2>/)
    expect(pageOfOne(Date.UTC(2025, 2, 11, 8))).toMatch(/<h2>Failures per hour, by category<\/h2>/)
  })
})

describe('the HTML report of hostile input', () => {
  it('escapes everything taken from logs: host names, code names and texts of a rules file', () => {
    const counter = new SummaryCounter()
    const codes = annotateLine(matcher, 'x SEC_E_LOGON_DENIED')
    counter.countLine(codes)
    for (const host of ['<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', 'a&b']) counter.countWhenWhere(codes!, Date.UTC(2025, 2, 11, 8), host)
    const s = counter.summary
    s.files = 1
    const page = renderReportHtml(reportModel(s, ruleSet))
    expect(page).not.toMatch(/<img|<script|onerror=alert\(1\)>/)
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(page).toContain('&quot;&gt;&lt;script&gt;')
    expect(page).toContain('a&amp;b')
  })
})

describe('the host × code table', () => {
  it('gives the lines of each code on each host, a dot where none', () => {
    const counter = new SummaryCounter()
    const at = Date.UTC(2025, 2, 11, 8)
    for (const [line, host] of [['x SEC_E_LOGON_DENIED', 'dc-01'], ['x SEC_E_LOGON_DENIED', 'dc-01'], ['x SEC_E_TIME_SKEW', 'web-02']] as const) {
      const codes = annotateLine(matcher, line)
      counter.countLine(codes)
      counter.countWhenWhere(codes!, at, host)
    }
    const page = renderReportHtml(reportModel(counter.summary, ruleSet))
    const grid = /<h2>Hosts × codes<\/h2>([\s\S]*?)<\/section>/.exec(page)![1]!
    expect([...grid.matchAll(/<th class="n"><code>([^<]+)<\/code>/g)].map((m) => m[1])).toEqual(['SEC_E_LOGON_DENIED', 'SEC_E_TIME_SKEW'])
    const rows = [...grid.matchAll(/<tr><td>([^<]+)<\/td>(.*?)<\/tr>/g)].map((m) => [m[1], [...m[2]!.matchAll(/>([^<]+)<\/td>/g)].map((c) => c[1])])
    expect(rows).toEqual([['dc-01', ['2', '·']], ['web-02', ['·', '1']]])
  })

  it('is left out for a single host, whose table above says it all', () => {
    expect(pageOfOne(Date.UTC(2025, 2, 11, 8))).not.toContain('Hosts × codes')
  })
})

describe('the HTML report by family', () => {
  it('draws a bar per family the codes came from', () => {
    const html = pageOfOne(null, 'x SEC_E_LOGON_DENIED Status: 0xC0000234')
    expect(html).toContain('<h2>By family</h2>')
    expect(html.match(/class="bar bar-family"/g)).toHaveLength(2)
  })
})

describe('the HTML report in the language of --lang', () => {
  const page = (lang: 'fr' | 'ja'): string => {
    const counter = new SummaryCounter()
    const codes = annotateLine(matcher, 'x SEC_E_LOGON_DENIED')
    counter.countLine(codes)
    counter.countWhenWhere(codes!, Date.UTC(2025, 2, 11, 8), 'dc-01')
    return renderReportHtml(reportModel(counter.summary, ruleSet, lang))
  }

  it('names its language in <html lang>', () => {
    expect(page('ja')).toContain('<html lang="ja">')
    expect(page('fr')).toContain('<html lang="fr">')
  })

  it('writes its headings, labels and sentences in that language', () => {
    const fr = page('fr')
    expect(fr).toContain('<h1>Échecs d&#39;authentification Windows</h1>')
    expect(fr).toContain('<h2>Par catégorie</h2>')
    expect(fr).toContain('<b>À vérifier :</b>')
    expect(fr).toContain('<h2>Échecs par heure, par catégorie</h2>')
    const ja = page('ja')
    expect(ja).toContain('<h2>各コードの意味</h2>')
    expect(ja).toContain('<h2>1 時間ごとの失敗 (カテゴリ別)</h2>')
  })
})

describe('where each code was seen, in the HTML report', () => {
  function pageOf (lines: Array<[string, number]>): string {
    const counter = new SummaryCounter()
    for (const [text, line] of lines) counter.count({ codes: annotateLine(matcher, text), conflict: false, cut: false, malformed: false, time: Date.UTC(2025, 2, 11, 8, 0, line), host: 'dc-01', at: { source: 'logs/<dc>.log', line, text } })
    const s = counter.summary
    s.files = 1
    return renderReportHtml(reportModel(s, ruleSet))
  }

  it('gives the file:line and the line of the first and last occurrence, escaped', () => {
    const html = pageOf([['<script>alert(1)</script> SEC_E_LOGON_DENIED', 4], ['later SEC_E_LOGON_DENIED & more', 40]])
    expect(html).toContain('First seen in <code>logs/&lt;dc&gt;.log:4</code></span><pre>&lt;script&gt;alert(1)&lt;/script&gt; SEC_E_LOGON_DENIED</pre>')
    expect(html).toContain('Last seen in <code>logs/&lt;dc&gt;.log:40</code></span><pre>later SEC_E_LOGON_DENIED &amp; more</pre>')
    expect(html).not.toContain('<script>')
  })

  it('names one line once when the code was seen in one line', () => {
    const html = pageOf([['x SEC_E_LOGON_DENIED', 2]])
    expect(html).toContain('Seen in <code>logs/&lt;dc&gt;.log:2</code>')
    expect(html).not.toContain('Last seen in')
  })
})
