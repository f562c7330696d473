import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { besideLimit } from '../../bench/figures.js'

describe('a bench figure beside its target', () => {
  it('keeps the usual decimals where they show the figure on its own side of the limit', () => {
    expect(besideLimit(0.9312, 0.95, 2)).toBe('0.93')
    expect(besideLimit(1.5341, 1.5, 2)).toBe('1.53')
  })

  it('takes more decimals where two would round a miss up onto the limit', () => {
    expect(besideLimit(0.9491, 0.95, 2)).toBe('0.949')
    expect(besideLimit(0.94962, 0.95, 2)).toBe('0.9496')
  })

  it('takes a decimal where a whole percent would round a cost onto the limit, from either side', () => {
    expect(besideLimit(5.2, 5, 0)).toBe('5.2')
    expect(besideLimit(4.6, 5, 0)).toBe('4.6')
    expect(besideLimit(5, 5, 0)).toBe('5')
  })

  it('never shows a figure on the other side of the limit than it is, within three more decimals', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 }), (n, tenths, digits) => {
      const limit = tenths / 10
      const shown = Number(besideLimit(n, limit, digits).replaceAll(',', ''))
      if (Math.abs(n - limit) >= 10 ** -(digits + 3)) expect(Math.sign(shown - limit)).toBe(Math.sign(n - limit))
    }))
  })
})
