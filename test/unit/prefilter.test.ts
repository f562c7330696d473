import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileMatcher } from '../../src/match/compile.js'
import { messageLiterals, requiredLiterals } from '../../src/match/literals.js'
import { scanLine } from '../../src/match/scan.js'
import { createCandidates, createPrefilter, LONG_LINE, prefilterFor, type Candidates, type Prefilter } from '../../src/scan/prefilter.js'
import { LineScanner, type ScannedLine } from '../../src/scan/line-scanner.js'
import { prefilterToBuild, wasmPrefilter } from '../../src/scan/prefilter-wasm.js'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadRules } from '../../src/rules/load.js'
import { knowsTheFlag } from '../../src/runtime/relaxed-simd.js'
import { cutAt } from '../helpers/chunks.js'
import { ruleSet } from '../helpers/rules.js'

const matcher = compileMatcher(ruleSet, { messages: true })
const literals = requiredLiterals(matcher)!

const run = (p: Prefilter, bytes: Buffer, a = 0, b = bytes.length): Omit<Candidates, 'messages'> & { messages: number[] } => {
  const c = createCandidates()
  p.scan(bytes, a, b, c)
  return { lines: c.lines, count: c.count, at: c.at.slice(0, c.count * 2), messages: Array.from(c.messages.subarray(0, c.count)) }
}

/** Bytes logs are made of, and the ones the contract has rules for. */
const piece = fc.oneof(
  fc.constantFrom('\n', '\r\n', ' ', '\t', '  ', '\u00a0', 'é', '日本', 'x', 'SEC', 'sec_', 'SEC\\_E', '8009', '-21468', '2148074', 'Target  Principal', 'target\tprincipal', 'the context', 'attempt failed', 'Clock  skew too great.', 'SEC_NOT_A_CODE '),
  fc.string({ maxLength: 12 }),
  fc.uint8Array({ maxLength: 6 }).map((a) => Buffer.from(a).toString('latin1')),
)
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''))

/** Literals of the shapes the matcher makes: words, pairs with a space, digits, punctuation. */
const literal = fc.oneof(
  fc.stringMatching(/^[a-z0-9_\\-]{2,8}$/),
  fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[a-z,.]{1,6}$/)).map(([a, b]) => `${a} ${b}`),
)

describe('the prefilter', () => {
  const wasm = createPrefilter(literals, 'wasm')!
  const plain = createPrefilter(literals, 'wasm-plain')!
  const js = createPrefilter(literals, 'js')!

  it('runs in WebAssembly on this Node, in the build with relaxed SIMD', () => {
    expect(wasm.engine).toBe('wasm')
    expect(wasmPrefilter(literals, { build: 'relaxed' })).not.toBeNull()
  })

  it('names the same lines in both WebAssembly builds as in JavaScript, for the built-in literals', () => {
    fc.assert(fc.property(text, (t) => {
      const bytes = Buffer.from(t, 'latin1')
      expect(run(wasm, bytes)).toEqual(run(js, bytes))
      expect(run(plain, bytes)).toEqual(run(js, bytes))
    }), { numRuns: 500 })
  })

  it('names the same lines in WebAssembly as in JavaScript, for any literals', () => {
    fc.assert(fc.property(fc.uniqueArray(literal, { minLength: 1, maxLength: 40 }), fc.array(fc.oneof(literal, piece), { maxLength: 80 }), (lits, parts) => {
      const bytes = Buffer.from(parts.join(''), 'latin1')
      expect(run(createPrefilter(lits, 'wasm')!, bytes)).toEqual(run(createPrefilter(lits, 'js')!, bytes))
      expect(run(createPrefilter(lits, 'wasm-plain')!, bytes)).toEqual(run(createPrefilter(lits, 'js')!, bytes))
    }), { numRuns: 300 })
  })

  it('names the same lines in WebAssembly as in JavaScript where every window is four bytes, tested first by a hash of them', () => {
    const long = fc.oneof(
      fc.stringMatching(/^[a-z0-9_\\-]{4,10}$/),
      fc.tuple(fc.stringMatching(/^[a-z]{4,7}$/), fc.stringMatching(/^[a-z,.]{1,6}$/)).map(([a, b]) => `${a} ${b}`),
    )
    const input = fc.uniqueArray(long, { minLength: 1, maxLength: 60 }).chain((lits) => fc.tuple(fc.constant(lits), fc.array(fc.oneof(
      fc.tuple(fc.constantFrom(...lits), fc.boolean()).map(([l, upper]) => (upper ? l.toUpperCase() : l)),
      piece,
    ), { maxLength: 40 })))
    fc.assert(fc.property(input, ([lits, parts]) => {
      const bytes = Buffer.from(parts.join(''), 'latin1')
      expect(run(createPrefilter(lits, 'wasm')!, bytes)).toEqual(run(createPrefilter(lits, 'js')!, bytes))
    }), { numRuns: 300 })
  })

  it('names the same lines in WebAssembly as in JavaScript where a word pair is split by any run of blanks, or nearly matches', () => {
    // The engine tests eight bytes of a literal at once, trusting the second
    // word's place only where the run between the words is one 0x20.
    const word = fc.stringMatching(/^[a-z]{1,9}$/)
    const blankRun = fc.array(fc.constantFrom(' ', '\t', '\u000b', '\f', '\r', '\u00a0', '\u3000'), { minLength: 1, maxLength: 4 }).map((r) => r.join(''))
    // The word as it is, in upper case, then near misses.
    const SPELLINGS = [(w: string) => w, (w: string) => w.toUpperCase(), (w: string) => w.slice(0, -1), (w: string) => `${w}s`, (w: string) => w.slice(1), (w: string) => `${w.slice(0, -1)}x`]
    const spelling = fc.nat({ max: SPELLINGS.length - 1 })
    const line = fc.tuple(fc.nat(), blankRun, spelling, spelling)
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(word, word), { minLength: 1, maxLength: 12 }), fc.array(line, { minLength: 1, maxLength: 30 }), (pairs, lines) => {
      const lits = pairs.map(([a, b]) => `${a} ${b}`)
      const bytes = Buffer.from(lines.map(([k, blanks, first, second]) => {
        const [a, b] = pairs[k % pairs.length]!
        return `x ${SPELLINGS[first]!(a)}${blanks}${SPELLINGS[second]!(b)} y\n`
      }).join(''), 'utf8')
      const found = run(createPrefilter(lits, 'wasm')!, bytes)
      expect(found).toEqual(run(createPrefilter(lits, 'js')!, bytes))
      // A line that holds its pair as it is (either case) is named.
      const named = new Set([...found.at].filter((_, j) => j % 2 === 0))
      lines.forEach(([, , first, second], i) => { if (first <= 1 && second <= 1) expect(named.has(i), `line ${i}`).toBe(true) })
    }), { numRuns: 300 })
  })

  it('names the same lines in WebAssembly as in JavaScript where many literals share a start and differ after it', () => {
    // Such literals are tested as a group (`error 5`, `error 86`, `error
    // 1263`…): the group's first test once, then each literal's own.
    const heads = ['error', 'errors', 'err', 'error:', 'erro']
    const number = fc.stringMatching(/^[0-9]{1,6}$/)
    const blankRun = fc.array(fc.constantFrom(' ', '\t', '\u00a0', '  '), { minLength: 1, maxLength: 3 }).map((r) => r.join(''))
    const literalOf = fc.tuple(fc.nat({ max: heads.length - 1 }), fc.oneof(number, fc.stringMatching(/^[a-z]{1,6}$/)))
    const line = fc.tuple(fc.nat(), blankRun, fc.oneof(number, fc.constant('')), fc.boolean())
    fc.assert(fc.property(fc.uniqueArray(literalOf, { minLength: 1, maxLength: 60, selector: ([h, w]) => `${h} ${w}` }), fc.array(line, { minLength: 1, maxLength: 30 }), (parts, lines) => {
      const lits = parts.map(([h, w]) => `${heads[h]!} ${w}`)
      const bytes = Buffer.from(lines.map(([k, blanks, tail, upper]) => {
        const [h, w] = parts[k % parts.length]!
        const head = upper ? heads[h]!.toUpperCase() : heads[h]!
        return `svc: ${head}${blanks}${w}${tail} done\n`
      }).join(''), 'utf8')
      const found = run(createPrefilter(lits, 'wasm')!, bytes)
      expect(found).toEqual(run(createPrefilter(lits, 'js')!, bytes))
      // A line whose literal is followed by a space (no digits glued on) is named.
      const named = new Set([...found.at].filter((_, j) => j % 2 === 0))
      lines.forEach(([, blanks, tail], i) => { if (tail === '' && blanks === ' ') expect(named.has(i), `line ${i}`).toBe(true) })
    }), { numRuns: 300 })
  })

  it('names the same lines in WebAssembly as in JavaScript where a literal is keyed inside its second word, up to the block\'s first byte', () => {
    // A common first word and a rare second one: the window falls in the
    // second word, and the engine compares the first backwards, across the
    // run of blanks, down to the start of the block at most.
    const common = fc.stringMatching(/^[etaoins]{1,7}$/)
    const rare = fc.stringMatching(/^[qzxjkv]{4,7}$/)
    const blankRun = fc.array(fc.constantFrom(' ', '\t', '\u00a0', '  '), { minLength: 1, maxLength: 3 }).map((r) => r.join(''))
    const SPELLINGS = [(w: string) => w, (w: string) => w.toUpperCase(), (w: string) => w.slice(1), (w: string) => `x${w.slice(1)}`, (w: string) => `${w}s`]
    const line = fc.tuple(fc.nat(), blankRun, fc.nat({ max: SPELLINGS.length - 1 }), fc.constantFrom('', ' ', 'ab '))
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(common, rare), { minLength: 1, maxLength: 8 }), fc.array(line, { minLength: 1, maxLength: 20 }), (pairs, lines) => {
      const lits = pairs.map(([a, b]) => `${a} ${b}`)
      const bytes = Buffer.from(lines.map(([k, blanks, first, before]) => {
        const [a, b] = pairs[k % pairs.length]!
        return `${before}${SPELLINGS[first]!(a)}${blanks}${b}\n`
      }).join(''), 'utf8')
      const found = run(createPrefilter(lits, 'wasm')!, bytes)
      expect(found).toEqual(run(createPrefilter(lits, 'js')!, bytes))
      const named = new Set([...found.at].filter((_, j) => j % 2 === 0))
      lines.forEach(([, , first], i) => { if (first <= 1) expect(named.has(i), `line ${i}`).toBe(true) })
    }), { numRuns: 300 })
  })

  it('keys a literal again on another of its words once the input turns out to be full of its window', () => {
    const p = wasmPrefilter(['target principal'], { build: 'relaxed', adaptEvery: 4096 })!
    const [window] = p.windows()
    const word = 'target'.includes(window!) ? 'target' : 'principal'
    const bytes = Buffer.from(`the ${word} is down\n`.repeat(400) + 'Target  Principal\n')
    expect(run(p, bytes)).toEqual(run(createPrefilter(['target principal'], 'js')!, bytes))
    expect(p.windows()[0]).not.toBe(window)
    expect(word.includes(p.windows()[0]!)).toBe(false)
  })

  it('keys a window of a few literals again at a rate that leaves a window many literals share where it is', () => {
    // Once per 4 KiB: above the mark of a window of a few literals, below
    // that of one shared by many (the `error <number>` literals).
    const every4k = (word: string): Buffer => Buffer.from(`${word} ${'x'.repeat(4090 - word.length)}\n`.repeat(32))
    const few = wasmPrefilter(['target principal'], { build: 'relaxed', adaptEvery: 65536 })!
    const [window] = few.windows()
    run(few, every4k('target'.includes(window!) ? 'target' : 'principal'))
    expect(few.windows()[0]).not.toBe(window)

    const many = Array.from({ length: 16 }, (_, i) => `error ${100 + i}`)
    const shared = wasmPrefilter(many, { build: 'relaxed', adaptEvery: 65536 })!
    const before = shared.windows()
    expect(new Set(before).size).toBe(1)
    run(shared, every4k(before[0]!))
    expect(shared.windows()).toEqual(before)
  })

  it('never keys a literal again on a window of digits only: the `error <number>` literals stay on their word where the input is full of it', () => {
    const p = wasmPrefilter(literals, { build: 'relaxed', adaptEvery: 4096 })!
    const numbered = literals.flatMap((l, i) => (/^error \d{4,}$/.test(l) ? [i] : []))
    const before = p.windows()
    expect(numbered.length).toBeGreaterThan(10)
    expect(new Set(numbered.map((i) => before[i]))).toEqual(new Set(['rror']))
    const bytes = Buffer.from(`error: retry in ${'x'.repeat(100)}\nError 1326 at 10:42:17\n`.repeat(300))
    expect(run(p, bytes)).toEqual(run(js, bytes))
    const after = p.windows()
    expect(after).not.toEqual(before)
    expect(new Set(numbered.map((i) => after[i]))).toEqual(new Set(['rror']))
  })

  it('keys a literal on a window not found itself once the input is full of every word of it', () => {
    const p = wasmPrefilter(['target principal'], { build: 'relaxed', adaptEvery: 4096 })!
    const first = p.windows()[0]!
    const [word, other] = 'target'.includes(first) ? ['target', 'principal'] : ['principal', 'target']
    run(p, Buffer.from(`${word} ${word}\n`.repeat(500)))
    const second = p.windows()[0]!
    expect(other.includes(second)).toBe(true)
    run(p, Buffer.from(`${other} ${'x'.repeat(40)}\n`.repeat(500)))
    const third = p.windows()[0]!
    expect([first, second]).not.toContain(third)
    expect('target principal'.includes(third)).toBe(true)
  })

  it('keys a literal back on its window found least often once every window of it has been found often', () => {
    // "skews" has two windows, "key" none: two rounds find both.
    const p = wasmPrefilter(['skews key'], { build: 'relaxed', adaptEvery: 4096 })!
    const first = p.windows()[0]!
    run(p, Buffer.from(`skews ${'x'.repeat(1000)}\n`.repeat(5)))
    expect(p.windows()[0]).not.toBe(first)
    run(p, Buffer.from('skews skews skews\n'.repeat(300)))
    expect(p.windows()[0]).toBe(first)
  })

  it('names the same lines in WebAssembly as in JavaScript while it keys literals again, block after block', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/)
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(word, word), { minLength: 1, maxLength: 10 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 })), { minLength: 40, maxLength: 200 }), (pairs, lines) => {
      const lits = pairs.map(([a, b]) => `${a} ${b}`)
      // Lines full of the pairs' words, alone or in their pairs.
      const text = lines.map(([k, shape]) => {
        const [a, b] = pairs[k % pairs.length]!
        return [`${a} ${a}${a}`, `x ${b}\t${b}`, `${a}  ${b}`, `${b} ${a}`][shape]!
      })
      const wasm = wasmPrefilter(lits, { build: 'relaxed', adaptEvery: 256 })!
      const oracle = createPrefilter(lits, 'js')!
      for (let i = 0; i < text.length; i += 20) {
        const bytes = Buffer.from(text.slice(i, i + 20).join('\n') + '\n')
        expect(run(wasm, bytes)).toEqual(run(oracle, bytes))
      }
    }), { numRuns: 200 })
  })

  it('turns on relaxed SIMD by its flag only in a V8 that has it behind one (Node 20), not in one that ships it (Node 22 on)', () => {
    expect(knowsTheFlag('11.3.244.8-node.33')).toBe(true)
    expect(knowsTheFlag('12.4.254.21-node.33')).toBe(false)
    expect(knowsTheFlag('13.6.233.10-node.18')).toBe(false)
  })

  it('leaves V8\'s flags as a process starts once the relaxed build is compiled: a worker thread started after it still takes a code cache made before', () => {
    // A Node of its own: in this one, an earlier compile has been through the flag already.
    const program = `
      import { Script } from 'node:vm'
      import { Worker } from 'node:worker_threads'
      import { compileRelaxed } from ${JSON.stringify(new URL('../../dist/runtime/relaxed-simd.js', import.meta.url).href)}
      import { PREFILTER_WASM_RELAXED } from ${JSON.stringify(new URL('../../dist/scan/prefilter-binary.js', import.meta.url).href)}
      const source = 'function flagsProbe () { return 1 }'
      const cachedData = new Script(source).createCachedData()
      const compiled = compileRelaxed(() => new WebAssembly.Module(Buffer.from(PREFILTER_WASM_RELAXED, 'base64'))) !== null
      const check = "import { Script } from 'node:vm'; import { workerData } from 'node:worker_threads'; console.log(JSON.stringify({ compiled: workerData.compiled, rejected: new Script(workerData.source, { cachedData: Buffer.from(workerData.cachedData) }).cachedDataRejected }))"
      new Worker(check, { eval: true, workerData: { compiled, source, cachedData } })`
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({ compiled: true, rejected: false })
  })

  it('stays in WebAssembly for a rules file of many long messages, their literals cut to their first words, and names their lines', () => {
    const words = ['harbor', 'ledger', 'quorum', 'lantern', 'meadow', 'summit', 'cipher', 'beacon']
    const messages = Array.from({ length: 600 }, (_, i) => `The ${words[i % 8]} ${words[(i >> 3) % 8]} service number ${i} could not reach the ${words[(i * 3) % 8]} authority because the remote peer refused it.`)
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-prefilter-')), 'many.json')
    writeFileSync(file, JSON.stringify({ codes: messages.map((message, i) => ({ name: `SEC_E_HOUSE_RULE_${i}`, hresult: `0x${(0xa0ed0000 + i).toString(16).toUpperCase()}`, category: 'general', meaning: 'Ours.', message })) }))
    const many = compileMatcher(loadRules({ rulesFiles: [file] }), { messages: true })
    const p = prefilterFor(many)!
    expect(p.engine).toBe('wasm')
    const lines = ['noise', ...messages.slice(0, 50).map((m) => `svc: ${m.toUpperCase()}`), 'noise']
    const found = run(p, Buffer.from(lines.join('\n') + '\n'))
    expect(Array.from({ length: found.count }, (_, k) => found.at[2 * k])).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })

  it('finds literals that share a window and go on after a run of blanks, whatever the run, as JavaScript does', () => {
    // The shape of the built-in `error <number>` literals: one window, then
    // a space and bytes that part them into groups by their first ones.
    const numbers = fc.uniqueArray(fc.stringMatching(/^[1-9][0-9]{0,4}$/), { minLength: 2, maxLength: 40 })
    const blanks = fc.constantFrom(' ', '  ', '\t', ' \t ', '\u00a0', '\r', '')
    const input = numbers.chain((ns) => fc.tuple(fc.constant(ns), fc.array(fc.tuple(
      fc.constantFrom('error', 'ERROR', 'Error', 'errors', 'terror', 'xerror'),
      blanks,
      fc.oneof(fc.constantFrom(...ns), fc.stringMatching(/^[0-9a-z]{0,6}$/)),
      fc.constantFrom('', ' ', 'x', '\n'),
    ).map((parts) => parts.join('')), { maxLength: 30 })))
    fc.assert(fc.property(input, ([ns, lines]) => {
      const lits = [...ns.map((n) => `error ${n}`), 'error code:']
      const bytes = Buffer.from(lines.join('\n') + '\n')
      expect(run(createPrefilter(lits, 'wasm')!, bytes)).toEqual(run(createPrefilter(lits, 'js')!, bytes))
    }), { numRuns: 300 })
  })

  it('finds the literals after one space or any other run of blanks, not where the run is missing or the number differs', () => {
    const p = createPrefilter(['error 1326', 'error 1327', 'error 86', 'error code:'], 'wasm')!
    const lines = ['error 1326', 'ERROR\t1327', 'error   86', 'error \u00a01326', 'error 1328', 'error1326', 'Error  Code: 5', 'error 8']
    const found = run(p, Buffer.from(lines.join('\n') + '\n'))
    expect(Array.from({ length: found.count }, (_, k) => found.at[2 * k])).toEqual([0, 1, 2, 3, 6])
  })

  it('finds a literal in either case and across any run of blanks but a line feed', () => {
    const p = createPrefilter(['target principal'], 'wasm')!
    const bytes = Buffer.from('a\nTARGET \t principal\ntarget\nprincipal\n')
    expect(run(p, bytes)).toMatchObject({ lines: 4, count: 1, at: Int32Array.from([1, 2]) })
  })

  it('counts the lines of blocks larger than the engine takes at once, and names a line longer than that whatever it holds', () => {
    const long = 'y'.repeat(LONG_LINE + 1)
    const bytes = Buffer.from(`${'filler line\n'.repeat(40000)}${long} sec_x\n0x80090325\n${long}\n`)
    expect(run(wasm, bytes)).toEqual(run(js, bytes))
    expect(run(wasm, bytes)).toMatchObject({ lines: 40003, count: 3 })
  })

  it('names every line the combined pattern finds something in', () => {
    fc.assert(fc.property(text, (t) => {
      const bytes = Buffer.from(t)
      const named = new Set(Array.from({ length: run(wasm, bytes).count }, (_, k) => run(wasm, bytes).at[2 * k]))
      bytes.toString().split('\n').forEach((line, i) => {
        if (scanLine(matcher, line) !== null) expect(named.has(i), line).toBe(true)
      })
    }), { numRuns: 300 })
  })
})

/** What a line scanner hands its sink, in order. */
function scanned (bytes: Buffer, cuts: number[], mode: 'hits' | 'every' | 'unscanned', prefilter: boolean, max: number): Array<ScannedLine | number> {
  const out: Array<ScannedLine | number> = []
  const scanner = new LineScanner({ matcher, mode, maxLineBytes: max, prefilter }, { plain: (n) => { if (n > 0) out.push(n) }, line: (l) => { out.push(l) } })
  for (const c of cutAt(bytes, cuts)) scanner.write(c)
  scanner.end()
  // Plain lines are told as counts, whose grouping and place among the
  // lines with hits say nothing (lines carry their numbers): their sum does.
  const plain = out.reduce<number>((n, x) => n + (typeof x === 'number' ? x : 0), 0)
  return [...out.filter((x) => typeof x !== 'number'), plain]
}

const logPiece = fc.constantFrom(
  '\n', '\r\n', '\r', ' ', 'é', '日本', 'x'.repeat(30), '2025-03-11T08:14:02Z web-02 app[7]: ',
  'SEC_E_TIME_SKEW', 'SEC\\_E\\_TIME\\_SKEW', '0x80090325', '0xFFFFFFFF80090325', '80090325', '-2146893019', '2148074277', '0x00090312',
  'The target principal name is incorrect.', 'the TARGET   principal name is incorrect', 'The logon attempt failed', 'returned error -2146893022.',
  '80090325-1f2e', 'blk_-2146893019', Buffer.from([0xe2, 0x82, 0xac]),
)

describe('the marks of lines that hold a message\'s literal', () => {
  const messages = new Set(messageLiterals(matcher))
  const wasm = createPrefilter(literals, 'wasm', messages)!
  const js = createPrefilter(literals, 'js', messages)!
  /** The mark of the one line of `line`, or null where it is not named. */
  const marked = (p: Prefilter, line: string): boolean | null => {
    const c = run(p, Buffer.from(line + '\n'))
    return c.count === 0 ? null : c.messages[0] === 1
  }

  it('marks a line that holds message text, however it is spaced and cased', () => {
    expect(marked(wasm, '80090325-1f2e the TARGET   principal name is incorrect')).toBe(true)
  })

  it('leaves unmarked a line that holds only a code\'s literal', () => {
    expect(marked(wasm, '2025-03-11T08:14:02Z web-02 app[7]: blk_-2146893019 80090325-1f2e')).toBe(false)
  })

  it('marks a line a code\'s literal names first and a message\'s literal comes later in', () => {
    expect(marked(wasm, 'sspi: 0x80090325 (the target principal name is incorrect)')).toBe(true)
  })

  it('marks a line too long to look at: it may hold anything', () => {
    const long = Buffer.from(`${'x'.repeat(LONG_LINE + 10)}\nshort\n`)
    expect(run(wasm, long).messages).toEqual([1])
  })

  it('marks nothing where no literal is a message\'s', () => {
    const codes = createPrefilter(requiredLiterals(compileMatcher(ruleSet, { messages: false }))!, 'wasm')!
    expect(marked(codes, 'sspi: 0x80090325 (the target principal name is incorrect)')).toBe(false)
  })

  it('marks the same lines in WebAssembly as in JavaScript, for the built-in literals', () => {
    fc.assert(fc.property(fc.array(logPiece, { maxLength: 30 }), (parts) => {
      const bytes = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))))
      expect(run(wasm, bytes)).toEqual(run(js, bytes))
    }), { numRuns: 300 })
  })

  it('marks the same lines in WebAssembly as in JavaScript, for any literals any of which are messages\'', () => {
    // Literals that share their starts and windows ("error 5", "error occurred"), in lines that hold several.
    const word = fc.constantFrom('error', 'errors', 'failed', 'the', 'logon', 'target', 'key', '5', '86', '1263', 'occurred', 'name')
    const lit = fc.tuple(word, word, fc.boolean()).map(([a, b, message]) => ({ text: `${a} ${b}`, message }))
    fc.assert(fc.property(fc.uniqueArray(lit, { minLength: 1, maxLength: 20, selector: (l) => l.text }), fc.array(fc.array(fc.oneof(word, fc.constantFrom(' ', '  ', '\t', 'x', 'ERROR')), { maxLength: 12 }), { maxLength: 20 }), (lits, lines) => {
      const texts = lits.map((l) => l.text)
      const ofMessages = new Set(lits.filter((l) => l.message).map((l) => l.text))
      const bytes = Buffer.from(lines.map((l) => l.join(' ')).join('\n') + '\n')
      expect(run(createPrefilter(texts, 'wasm', ofMessages)!, bytes)).toEqual(run(createPrefilter(texts, 'js', ofMessages)!, bytes))
      expect(run(createPrefilter(texts, 'wasm-plain', ofMessages)!, bytes)).toEqual(run(createPrefilter(texts, 'js', ofMessages)!, bytes))
    }), { numRuns: 300 })
  })
})

describe('the tables the build writes', () => {
  const messages = new Set(messageLiterals(matcher))
  const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => [
    `2025-03-11T08:${String(i % 60).padStart(2, '0')}:02Z web-0${i % 7} app[7]: session ${i} client ok`,
    'sspi: 0x80090325 (the target principal name is incorrect)',
    `status ${i} validation failed for client ticket`,
    'The logon attempt failed',
  ][i % 4]).join('\n') + '\n')

  it('start a prefilter that names and marks the lines one choosing and writing its own does, and keys them again the same way', () => {
    const [, built] = prefilterToBuild(literals, messages)
    const fromBuild = wasmPrefilter(literals, { messages, built, adaptEvery: 16384 })!
    const chosen = wasmPrefilter(literals, { messages, built: null, adaptEvery: 16384 })!
    expect(fromBuild.windows()).toEqual(chosen.windows())
    for (let at = 0; at < bytes.length;) {
      const end = bytes.indexOf(10, Math.min(bytes.length - 1, at + 20000)) + 1
      expect(run(fromBuild, bytes, at, end)).toEqual(run(chosen, bytes, at, end))
      at = end
    }
    expect(fromBuild.windows()).toEqual(chosen.windows())
  })

  it('are keyed by which literals are messages\' too: a list of the same literals marked otherwise is not theirs', () => {
    const [asMessages] = prefilterToBuild(literals, messages)
    const [asCodes] = prefilterToBuild(literals)
    expect(asMessages).not.toBe(asCodes)
  })
})

describe('the line scanner with and without the prefilter', () => {
  for (const mode of ['hits', 'every', 'unscanned'] as const) {
    it(`hands the same lines, hits and counts to its sink in ${mode} mode, however the bytes are chunked`, () => {
      fc.assert(fc.property(fc.array(logPiece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(24, 1 << 20), (parts, cuts, max) => {
        const bytes = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))))
        expect(scanned(bytes, cuts, mode, true, max)).toEqual(scanned(bytes, cuts, mode, false, max))
      }), { numRuns: 300 })
    })
  }
})
