/**
 * Files a log folder holds that are not text and that this tool does not
 * unpack: other compressors' rotated logs, archives, and Windows event logs.
 * Scanned as text they gave no error and no code, only a few lines of
 * garbage counted as lines; they are now named, with the command that turns
 * them into text. gzip is not here: it is read (gzip.ts).
 *
 * Magic numbers: xz (xz file format 1.0.4, 2.1.1.1), bzip2 (stream header
 * "BZh" + block size, then a block or end-of-stream magic), zstd (RFC 8878,
 * 3.1.1), zip (APPNOTE 4.3.7, local file header; 4.3.16 end of central
 * directory for an empty archive), 7-Zip (7zFormat.txt, signature header),
 * .evtx (file header signature "ElfFile\0") and the older .evt (an
 * ELF_LOGFILE_HEADER: its size, 0x30, then "LfLe").
 */

/** Bytes looked at: the longest test below, bzip2's, reads ten. */
export const FORMAT_HEAD_BYTES = 10
import { problem, type Problem } from '../problems.js'

const starts = (head: Uint8Array, at: number, ...expected: number[]): boolean =>
  head.length >= at + expected.length && expected.every((b, i) => head[at + i] === b)
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0))

interface Format {
  readonly is: (head: Uint8Array) => boolean
  readonly reason: Problem
}

const compressed = (tool: string): Problem => problem('compressed', tool, `${tool} -dc FILE`)

const FORMATS: readonly Format[] = [
  { is: (h) => starts(h, 0, 0xfd, ...ascii('7zXZ'), 0x00), reason: compressed('xz') },
  {
    is: (h) => starts(h, 0, ...ascii('BZh')) && h.length >= 10 && h[3]! >= 0x31 && h[3]! <= 0x39 &&
      (starts(h, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59) || starts(h, 4, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90)),
    reason: compressed('bzip2'),
  },
  { is: (h) => starts(h, 0, 0x28, 0xb5, 0x2f, 0xfd), reason: compressed('zstd') },
  { is: (h) => starts(h, 0, 0x50, 0x4b, 0x03, 0x04) || starts(h, 0, 0x50, 0x4b, 0x05, 0x06), reason: problem('zipArchive') },
  { is: (h) => starts(h, 0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), reason: problem('sevenZipArchive') },
  {
    is: (h) => starts(h, 0, ...ascii('ElfFile'), 0x00),
    reason: problem('evtx'),
  },
  {
    is: (h) => starts(h, 0, 0x30, 0x00, 0x00, 0x00, ...ascii('LfLe')),
    reason: problem('evt'),
  },
]

/** Why a file that starts with `head` is not read as text, or null when it is. */
export function unreadableFormat (head: Uint8Array): Problem | null {
  for (const f of FORMATS) if (f.is(head)) return f.reason
  return null
}
