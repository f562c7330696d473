import { describe, expect, it } from 'vitest'
import { closest, unknownOptions } from '../../src/commands/did-you-mean.js'

describe('did you mean', () => {
  it('finds a name two edits away at most, and nothing further', () => {
    expect(closest('lookpu', ['lookup', 'merge'])).toBe('lookup')
    expect(closest('summarise', ['summarize', 'merge'])).toBe('summarize')
    expect(closest('app.log', ['lookup', 'merge'])).toBeNull()
  })

  it('lists only the options not known, negated known ones and values aside', () => {
    const known = ['summary', 'messages', 'max-line-length', 'h']
    expect(unknownOptions(['--no-messages', '--max-line-length=100', '--sumary', 'file', '--', '--not-an-option'], known))
      .toEqual([{ typed: '--sumary', meant: 'summary' }])
  })
})
