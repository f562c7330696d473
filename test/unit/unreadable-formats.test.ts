import { describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { unreadableFormat } from '../../src/source/unreadable-formats.js'
import { problemText } from '../../src/problems.js'

const bytes = (...b: Array<number | string>): Buffer => Buffer.concat(b.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))))

describe('unreadableFormat', () => {
  it.each([
    ['xz', bytes(0xfd, '7zXZ', 0x00, 0x00, 0x04), /xz.*xz -dc/],
    ['bzip2', bytes('BZh91AY&SY'), /bzip2.*bzip2 -dc/],
    ['zstd', bytes(0x28, 0xb5, 0x2f, 0xfd, 0x04, 0x58), /zstd.*zstd -dc/],
    ['zip', bytes('PK', 0x03, 0x04, 0x14, 0x00), /zip archive.*unzip/],
    ['7-Zip', bytes('7z', 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04), /7-Zip archive/],
    ['an .evtx event log', bytes('ElfFile', 0x00, 0x00, 0x00), /event log \(\.evtx\).*wevtutil qe FILE \/lf:true \/f:text/],
    ['an old .evt event log', bytes(0x30, 0x00, 0x00, 0x00, 'LfLe'), /event log \(\.evt\)/],
  ])('names %s and how to get text out of it', (_name, head, reason) => {
    const found = unreadableFormat(head)
    expect(found === null ? null : problemText(found, 'en')).toMatch(reason)
  })

  it('lets text through, even text that starts like a magic number', () => {
    for (const text of ['2025-03-11 08:14:05 SEC_E_TIME_SKEW', 'PK fault on host', 'BZh', '7z archive made', 'ElfFile', '']) {
      expect(unreadableFormat(Buffer.from(text, 'latin1'))).toBeNull()
    }
  })

  it('leaves gzip alone: it is read', () => {
    expect(unreadableFormat(gzipSync('SEC_E_TIME_SKEW\n'))).toBeNull()
  })

  it('decides from as few bytes as the input has (a short first line in live mode)', () => {
    expect(unreadableFormat(bytes(0xfd, '7'))).toBeNull()
    expect(unreadableFormat(bytes(0x28, 0xb5))).toBeNull()
  })
})
