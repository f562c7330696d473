import { describe, expect, it } from 'vitest'
import { scavengeAloneWhenCoresAreBusy } from '../../src/runtime/scavenge-alone.js'

describe('young-generation collections while the scanning threads keep the cores busy', () => {
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

  it('run alone when one core is left over, for the compiler and the platform threads', () => {
    expect(flagsSet(1, 2)).toEqual(['--no-parallel-scavenge'])
  })

  it('run alone with one reading thread on one core', () => {
    expect(flagsSet(1, 1)).toEqual(['--no-parallel-scavenge'])
  })

  it('keep their helpers when two cores are left idle', () => {
    expect(flagsSet(2, 4)).toEqual([])
  })
})
