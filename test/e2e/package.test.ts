import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { ROOT } from '../helpers/cli.js'
import { workerFile } from '../../src/summarize/pool.js'

describe('the package', () => {
  it('can be imported by its name and annotates a line', () => {
    const script = `
      import { loadRules, compileMatcher, annotateLine } from 'sspi-annotate'
      const codes = annotateLine(compileMatcher(loadRules()), 'failed: SEC_E_UNTRUSTED_ROOT (0x80090325)')
      console.log(JSON.stringify(codes.map((c) => [c.name, c.matches.length])))
    `
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual([['SEC_E_UNTRUSTED_ROOT', 2]])
  })

  it('builds a command that can be run directly, as npx and the bin link run it', () => {
    if (process.platform === 'win32') return
    expect(statSync(join(ROOT, 'dist', 'cli.cjs')).mode & 0o111).toBe(0o111)
    expect(execFileSync(join(ROOT, 'dist', 'cli.cjs'), ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('starts its command and summarize\'s workers from CommonJS files: an ES module as the entry brings Node\'s ES module loader', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin['sspi-annotate']).toMatch(/\.cjs$/)
    expect(workerFile()).toMatch(/\.cjs$/)
  })

  it('ships its types, built code and rules, and nothing else', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } })
    const files = (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path)
    expect(files).toContain('dist/index.js')
    expect(files).toContain('dist/index.d.ts')
    expect(files).toContain('dist/cli.cjs')
    expect(files).toContain('rules/sspi.json')
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('fixtures/'))).toEqual([])
  })

  it('ships every file its README and docs link to', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } })
    const files = new Set((JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path))
    const pages = [...files].filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')))
    expect(pages.length).toBeGreaterThan(5)
    const missing: string[] = []
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), 'utf8')
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue
        const path = normalize(join(dirname(page), target!))
        if (!files.has(path) && !files.has(path.replace(/\/$/, '') + '/README.md')) missing.push(`${page} -> ${target}`)
      }
    }
    expect(missing).toEqual([])
  })
})
