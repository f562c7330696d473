import { describe, expect, it } from 'vitest'
import { ProgressBar, progressLine } from '../../src/summarize/progress.js'

describe('the progress bar', () => {
  it('shows files and bytes done, the rate and the time left', () => {
    expect(progressLine({ filesDone: 1, files: 4, bytesDone: 50 * 1048576, bytes: 200 * 1048576 }, 2000))
      .toBe('[######..................] 1/4 files, 50.0/200.0 MiB, 25.0 MiB/s, 6s left')
  })

  it('shows minutes when the rest takes longer than one', () => {
    expect(progressLine({ filesDone: 0, files: 1, bytesDone: 1048576, bytes: 200 * 1048576 }, 1000)).toMatch(/, 3m19s left$/)
  })

  it.each([
    ['fr', '[######..................] 1/4 fichiers, 50.0/200.0 MiB, 25.0 MiB/s, encore 6s'],
    ['ja', '[######..................] 1/4 ファイル, 50.0/200.0 MiB, 25.0 MiB/s、残り 6s'],
  ] as const)('speaks the language of --lang (%s)', (lang, line) => {
    expect(progressLine({ filesDone: 1, files: 4, bytesDone: 50 * 1048576, bytes: 200 * 1048576 }, 2000, lang)).toBe(line)
  })

  it('does without a total size for standard input', () => {
    expect(progressLine({ filesDone: 0, files: 1, bytesDone: 3 * 1048576, bytes: 0 }, 1000)).toBe('[........................] 0/1 files, 3.0 MiB, 3.0 MiB/s')
  })

  function fakeStream (isTTY: boolean): NodeJS.WriteStream & { text: string } {
    const s = { isTTY, text: '', write (t: string) { s.text += t; return true } }
    return s as unknown as NodeJS.WriteStream & { text: string }
  }

  it('draws in place on a terminal and clears itself at the end', () => {
    const out = fakeStream(true)
    const bar = new ProgressBar({ filesDone: 0, files: 2, bytesDone: 0, bytes: 10 }, out)
    bar.update()
    bar.done()
    expect(out.text).toMatch(/^\r\[\.+\] 0\/2 files.*\u001b\[K\r\u001b\[K$/)
  })

  it('writes nothing when stderr is not a terminal', () => {
    const out = fakeStream(false)
    const bar = new ProgressBar({ filesDone: 0, files: 2, bytesDone: 0, bytes: 10 }, out)
    bar.update()
    bar.done()
    expect(out.text).toBe('')
  })
})
