import { describe, expect, it } from 'vitest'
import { scavengeAloneWhenCoresAreBusy } from '../../src/runtime/scavenge-alone.js'

describe('young-generation collections while summarize keeps every core busy', () => {
  const flagsSet = (threads: number, cores: number): string[] => {
    const flags: string[] = []
    scavengeAloneWhenCoresAreBusy(threads, cores, (f) => flags.push(f))
    return flags
  }

  it('run on the collecting thread alone when there are as many reading threads as cores', () => {
    expect(flagsSet(2, 2)).toEqual(['--no-parallel-scavenge'])
  })

  it('do so with more threads than cores too', () => {
    expect(flagsSet(8, 4)).toEqual(['--no-parallel-scavenge'])
  })

  it('keep their helpers when a core is left idle', () => {
    expect(flagsSet(2, 4)).toEqual([])
  })

  it('keep their helpers with one reading thread', () => {
    expect(flagsSet(1, 1)).toEqual([])
  })
})
