import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateCorpus } from '../../bench/corpus.js'
import { ROOT, runCli } from '../helpers/cli.js'

// Debian's chromium; .ci/run installs it. Locally the spec is skipped when it
// is missing; in CI a missing browser fails the run.
const CHROMIUM = '/usr/bin/chromium'
const runIt = existsSync(CHROMIUM) || process.env.CI !== undefined
/** Where the screenshot is kept for people to look at (git-ignored). */
const ARTIFACTS = join(ROOT, 'test-artifacts')

describe.runIf(runIt)('the HTML report in a real headless Chromium', () => {
  it('renders with no console error and the expected number of bars, and is saved as a screenshot', async () => {
    expect(existsSync(CHROMIUM)).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'sspi-html-'))
    const log = join(dir, 'day.log')
    const out = createWriteStream(log)
    // ~6 hours of stamped lines: 41 ms apart, 500,000 lines.
    generateCorpus({ lines: 500_000, seed: 31 }, (b) => out.write(b))
    out.end()
    await once(out, 'finish')
    const html = join(dir, 'report.html')
    const r = await runCli(['summarize', '--json', '--html', html, log, 'fixtures/windows-auth-sample.log', '--year', '2025'])
    expect(r.code).toBe(0)
    const summary = JSON.parse(r.stdout)
    const page = readFileSync(html, 'utf8')
    // Nothing that could load anything: no script, stylesheet link, src, href or url().
    expect(page).not.toMatch(/<script|<link |\ssrc=|\shref=|url\(/)

    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      const problems: string[] = []
      tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`) })
      tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      tab.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`))
      await tab.goto(`file://${html}`)
      expect(problems).toEqual([])

      const categories = Object.values(summary.byCategory as Record<string, { lines: number }>).filter((c) => c.lines > 0).length
      const codes = Object.keys(summary.byCode).length + Object.keys(summary.unknown).length
      const hours = Object.keys(summary.time.byHour).sort()
      const span = (Date.parse(hours[hours.length - 1] + ':00:00Z') - Date.parse(hours[0] + ':00:00Z')) / 3_600_000 + 1
      expect(await tab.locator('rect.bar-category').count()).toBe(categories)
      expect(await tab.locator('rect.bar-code').count()).toBe(Math.min(20, codes))
      expect(await tab.locator('svg.timeline g.bucket').count()).toBe(span)
      expect(await tab.locator('.code h3').count()).toBe(codes)
      expect(await tab.locator('table.hosts tbody tr').count()).toBe(Object.keys(summary.byHost).length)
      expect(await tab.locator('table.grid tbody tr').count()).toBe(Math.min(20, Object.keys(summary.byHost).length))

      mkdirSync(ARTIFACTS, { recursive: true })
      const shot = join(ARTIFACTS, 'report.png')
      await tab.screenshot({ path: shot, fullPage: true })
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG')

      // Fluid: the page fills a desktop window and fits a phone's, long
      // code names and host tables included, with nothing to scroll sideways.
      for (const width of [1280, 420]) {
        await tab.setViewportSize({ width, height: 900 })
        // Run in the page, as text: this project's TypeScript has no DOM types.
        const box = await tab.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, main: document.querySelector("main").getBoundingClientRect().width })') as { scroll: number, client: number, main: number }
        expect(box.scroll, `${width} px`).toBeLessThanOrEqual(box.client)
        expect(box.main, `${width} px`).toBe(width)
        await tab.screenshot({ path: join(ARTIFACTS, `report-${width}.png`), fullPage: true })
      }
    } finally {
      await browser.close()
    }
  }, 120_000)
})
