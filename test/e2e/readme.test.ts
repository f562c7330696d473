import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runCli } from '../helpers/cli.js'
import { ruleSet } from '../helpers/rules.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const doc = (name: string): string => readFileSync(join(ROOT, 'docs', name), 'utf8')
/** The README and every page of docs/, where the examples live. */
const everyPage = [readme, ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map(doc)].join('\n')
const SAMPLE = 'fixtures/windows-auth-sample.log'

describe('the README stays true', () => {
  it('is a short entry page: at most 10 KB, the reference in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024)
  })

  it('starts with the two set-up commands', () => {
    const block = /```sh\n([^`]*)```/.exec(readme)![1]!.trim().split('\n')
    expect(block).toEqual([`npm install && npx sspi-annotate --summary ${SAMPLE}`, 'npm test'])
  })

  it('shows an event exactly as the CLI prints it for the sample', async () => {
    const shown = readme.split('\n').find((l) => l.startsWith('{"line":'))!
    const r = await runCli([SAMPLE])
    expect(r.stdout.split('\n')).toContain(shown)
  })

  it('shows the sample\'s real counts', async () => {
    const r = await runCli(['--summary', SAMPLE])
    const s = JSON.parse(r.stderr)
    const shown = /```json\n(\{"version"[^`]*)```/.exec(doc('cli.md'))![1]!
    const pick = (re: RegExp): unknown => JSON.parse(re.exec(shown)![1]!)
    expect(pick(/"lines":(\d+),"linesWithCodes"/)).toBe(s.lines)
    expect(pick(/"linesWithCodes":(\d+)/)).toBe(s.linesWithCodes)
    expect(pick(/"linesWithCodes":\d+,"mentions":(\d+)/)).toBe(s.mentions)
    // The page shows the tally without its first and last lines (firstAt, lastAt), which it describes.
    const { firstAt: _a, lastAt: _b, ...tally } = s.byCode.SEC_E_UNTRUSTED_ROOT!
    expect(pick(/"SEC_E_UNTRUSTED_ROOT":(\{[^}]*\})/)).toEqual(tally)
    expect(pick(/"schannel":(\{[^}]*\})/)).toEqual(s.byCategory.schannel)
    expect(pick(/"bySeverity":(\{.*?\}\}),/)).toEqual(s.bySeverity)
    expect(pick(/"time":(\{.*?\}\}\}),/)).toEqual(s.time)
    expect(pick(/"build-agent-07":(\{.*?\}\})/)).toEqual(s.byHost['build-agent-07'])
  })

  it('shows each lookup exactly as the CLI prints it', async () => {
    const shown = [...doc('cli.md').matchAll(/```text\n\$ sspi-annotate lookup (.*)\n([\s\S]*?)```/g)]
    expect(shown.length).toBeGreaterThanOrEqual(2)
    for (const [, args, output] of shown) {
      const argv = [...args!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!)
      expect((await runCli(['lookup', ...argv])).stdout, args).toBe(output)
    }
  })

  it('lists every category with its description and its number of codes', () => {
    for (const c of ruleSet.categories.values()) {
      const inCategory = ruleSet.rules.filter((r) => r.category === c.id)
      const sspi = inCategory.filter((r) => r.family === 'sspi').length
      const logon = inCategory.filter((r) => r.kind !== 'hresult').length
      expect(doc('recognition.md')).toContain(`| \`${c.id}\` | ${c.description} | ${sspi} | ${inCategory.length - sspi - logon} | ${logon} |`)
    }
  })
})

/** The fenced block that follows `<!-- example: NAME -->`. */
export function readmeExample (name: string): string {
  const m = new RegExp(`<!-- example: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(everyPage)
  if (m === null) throw new Error(`neither the README nor docs/ has an example "${name}"`)
  return m[1]!
}

describe('the README pipeline examples are what the CLI writes', () => {
  it.each([
    ['records native', ['--input', 'ndjson', 'fixtures/shipper-records.ndjson'], 6],
    ['ecs', ['--format', 'ecs', SAMPLE], 3],
    ['otel', ['--format', 'otel', SAMPLE], 3],
  ] as const)('%s', async (name, args, outputLine) => {
    const r = await runCli([...args])
    const line = r.stdout.split('\n')[outputLine - 1]!
    // The time of reading changes from run to run.
    const read = (text: string): string => text.replace(/"observedTimeUnixNano": "\d+"/, '"observedTimeUnixNano": "…"')
    expect(read(JSON.stringify(JSON.parse(line), null, 2))).toBe(read(readmeExample(name)))
  })

  it('the library example prints what the README says', async () => {
    const { writeFileSync, rmSync } = await import('node:fs')
    const { execFileSync } = await import('node:child_process')
    // Inside the repository, so that 'sspi-annotate' resolves to this package.
    const file = join(ROOT, `.readme-example-${process.pid}.mjs`)
    writeFileSync(file, readmeExample('library'))
    try {
      const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' })
      const printed = /prints\n\n```text\n([\s\S]*?)\n```/.exec(readme)![1]!
      expect(out.trim()).toBe(printed)
    } finally {
      rmSync(file)
    }
  })
})
