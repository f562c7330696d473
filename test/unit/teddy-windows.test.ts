import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { BUCKETS, chooseWindows, keyLiterals, literalBytes, windowStarts, windowsToBuild, type KeyedLiteral } from '../../src/scan/teddy-windows.js'
import { wasmWindowSearch } from '../../src/scan/window-search.js'
import { compileMatcher } from '../../src/match/compile.js'
import { requiredLiterals } from '../../src/match/literals.js'
import { ruleSet } from '../helpers/rules.js'

const literal = fc.oneof(
  fc.stringMatching(/^[a-z0-9_\\-]{1,10}$/),
  fc.tuple(fc.stringMatching(/^[a-z']{1,9}$/), fc.stringMatching(/^[a-z,.:]{1,9}$/)).map(([a, b]) => `${a} ${b}`),
)

describe('the prefilter\'s windows', () => {
  it('keys each literal on its start or on four bytes inside one of its words, in one of the buckets', () => {
    fc.assert(fc.property(fc.uniqueArray(literal, { minLength: 1, maxLength: 40 }), (lits) => {
      const bytes = lits.map(literalBytes)
      chooseWindows(bytes).forEach((k, i) => {
        expect(k.bytes).toBe(bytes[i])
        expect(k.window).toEqual(k.bytes.subarray(k.at, k.at + k.window.length))
        expect(k.bucket).toBeGreaterThanOrEqual(0)
        expect(k.bucket).toBeLessThan(BUCKETS)
        if (k.at === 0) expect(k.window.toString('latin1')).toBe(lits[i]!.split(' ')[0]!.slice(0, 4))
        else expect(k.window.toString('latin1')).toMatch(/^[!-~]{4}$/)
      })
    }), { numRuns: 200 })
  })

  it('keys a word pair inside its rare second word rather than on its everyday first one', () => {
    const [k] = chooseWindows([literalBytes('client zxqvj')])
    expect(k!.at).toBeGreaterThan('client '.length - 1)
  })

  it('keys the built-in literals as the build does, when the build\'s choice is for them', () => {
    const literals = requiredLiterals(compileMatcher(ruleSet, { messages: true }))!
    const choice = windowsToBuild(literals)
    const chosen = chooseWindows(literals.map(literalBytes))
    expect(keyLiterals(literals.map(literalBytes), choice).map((k) => [k.at, k.bucket])).toEqual(chosen.map((k) => [k.at, k.bucket]))
  })

  it('takes the build\'s window for a literal exactly where it is one of the literal\'s windows', () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 14 }).map((a) => Buffer.from(a.map((c) => [32, 65, 97, 200, 9, 95, 48, 126, 127][c % 9]!)))
    fc.assert(fc.property(bytes, fc.integer({ min: -1, max: 15 }), (b, at) => {
      expect(keyLiterals([b], [[at, 3]])[0]!.at === at).toBe(windowStarts(b).includes(at))
    }), { numRuns: 2000 })
  })

  it('chooses again where the build\'s choice is for other literals or names a window a literal may not be keyed on', () => {
    const bytes = ['target principal', 'logon failure'].map(literalBytes)
    const chosen = chooseWindows(bytes).map((k) => [k.at, k.bucket])
    // Too few entries; a window over the space; a bucket out of range.
    for (const built of [[[0, 1]], [[4, 1], [0, 2]], [[0, BUCKETS], [0, 2]]] as Array<Array<[number, number]>>) {
      expect(keyLiterals(bytes, built).map((k) => [k.at, k.bucket])).toEqual(chosen)
    }
  })
})

describe('the search in WebAssembly that chooses windows again during a run', () => {
  const search = wasmWindowSearch()!
  const choices = (keyed: readonly KeyedLiteral[]): Array<[number, number]> => keyed.map((k) => [k.at, k.bucket])

  it('compiles on every Node this package supports', () => {
    expect(search).not.toBeNull()
  })

  it('chooses as the JavaScript does when its module was compiled ahead, on V8\'s background threads', async () => {
    vi.resetModules()
    const fresh = await import('../../src/scan/window-search.js')
    fresh.compileAhead()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const ahead = fresh.wasmWindowSearch()!
    const bytes = requiredLiterals(compileMatcher(ruleSet, { messages: true }))!.map(literalBytes)
    expect(choices(chooseWindows(bytes, null, ahead))).toEqual(choices(chooseWindows(bytes)))
  })

  it('chooses every literal\'s window and bucket as the JavaScript does, ties included', () => {
    fc.assert(fc.property(fc.uniqueArray(literal, { minLength: 1, maxLength: 60 }), (lits) => {
      const bytes = lits.map(literalBytes)
      expect(choices(chooseWindows(bytes, null, search))).toEqual(choices(chooseWindows(bytes)))
    }), { numRuns: 300 })
  })

  it('chooses as the JavaScript does when some literals keep their window and others may not take some', () => {
    const literals = requiredLiterals(compileMatcher(ruleSet, { messages: true }))!.map(literalBytes)
    const built = chooseWindows(literals)
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: literals.length - 1 }), { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (moved, skip) => {
      const keep = built.map((k, i) => (moved.includes(i) ? null : k))
      // A moved literal may not be keyed on its old window nor on every (skip+2)th of the others.
      const allowed = (i: number, starts: readonly number[]): number[] => starts.filter((at, n) => at !== built[i]!.at && n % (skip + 2) !== 1)
      expect(choices(chooseWindows(literals, { keep, allowed }, search))).toEqual(choices(chooseWindows(literals, { keep, allowed })))
    }), { numRuns: 40 })
  })

  it('makes room for more windows than its first memory holds', () => {
    const many = Array.from({ length: 900 }, (_, i) => literalBytes(`authentication${i} certificate${i} validation${i}`))
    expect(choices(chooseWindows(many, null, search))).toEqual(choices(chooseWindows(many)))
  })
})
