import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { TEXT_PIECE } from './text-pieces.js'

/** What decoding found, for the summary. */
export interface DecodeStats {
  /** The encoding the input was read as. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  /** Invalid bytes (or lone UTF-16 surrogates) replaced by U+FFFD. */
  replaced: number
}

const REPLACEMENT = '\uFFFD'

/**
 * Bytes in any encoding Windows logs come in, out as UTF-8 bytes for the line
 * splitter. Not a stream itself: the input stage runs it on each chunk. The byte order mark decides: EF BB BF is dropped; FF FE and FE FF
 * (what PowerShell's `>` and Out-File write) switch to UTF-16 LE or BE.
 * Without a BOM the input is UTF-8, unless its first bytes are text with a
 * NUL every other byte: UTF-16 whose BOM was lost (utf16WithoutBom).
 *
 * Valid UTF-8, the common case, passes through untouched after one native
 * isUtf8 check per chunk. A chunk with invalid bytes is decoded with the
 * WHATWG decoder instead, which replaces each invalid sequence with U+FFFD,
 * and the replacements are counted; the splitter then sees only valid UTF-8.
 */
export class InputDecoder {
  readonly stats: DecodeStats = { encoding: 'utf-8', replaced: 0 }
  /** Told of every replacement as it happens (the summary's tap). */
  private readonly onReplaced: (n: number) => void

  /** `bom: false`: the bytes start mid-file (a slice of it), where no BOM is looked for; they are UTF-8. */
  constructor (options: { onReplaced?: (n: number) => void, bom?: boolean } = {}) {
    this.onReplaced = options.onReplaced ?? (() => {})
    this.started = options.bom === false
  }

  private replaced (n: number): void {
    if (n === 0) return
    this.stats.replaced += n
    this.onReplaced(n)
  }
  private started = false
  /** The start of a sequence cut by the chunk boundary, kept for the next chunk. */
  private carry: Buffer | null = null
  private utf16: TextDecoder | null = null
  /** UTF-16LE, read by Node's own decoder (fromUtf16le); the code unit cut off the last chunk's end. */
  private le = false
  private leRest: Buffer | null = null
  /** UTF-16 bytes seen so far, to keep code units aligned across odd-sized chunks. */
  private utf16Bytes = 0
  /** Where UTF-16LE's UTF-8 is written, chunk after chunk (utf8Room). */
  private utf8Out: Buffer | null = null

  /** The UTF-8 bytes for `chunk`; a character cut at its end waits for the next chunk. */
  write (chunk: Buffer): Buffer {
    let bytes = this.carry === null ? chunk : Buffer.concat([this.carry, chunk])
    this.carry = null
    if (!this.started) {
      // A BOM is at most 3 bytes; wait for them before deciding.
      if (bytes.length < 3 && couldBeBom(bytes)) {
        this.carry = Buffer.from(bytes)
        return EMPTY
      }
      this.started = true
      bytes = this.sniff(bytes)
    }
    if (this.le || this.utf16 !== null) return this.fromUtf16(bytes, true)
    const cut = completeLength(bytes)
    if (cut < bytes.length) {
      // A copy, not a view: the caller may read its next chunk into the same buffer.
      this.carry = Buffer.from(bytes.subarray(cut))
      bytes = bytes.subarray(0, cut)
    }
    return isUtf8(bytes) ? bytes : this.repair(bytes)
  }

  /** What is left at the end of input. */
  end (): Buffer {
    let rest = this.carry ?? EMPTY
    this.carry = null
    if (!this.started) {
      this.started = true
      rest = this.sniff(rest)
    }
    if (this.le || this.utf16 !== null) return this.fromUtf16(rest, false)
    // Whatever is left is a sequence the input never finished.
    return rest.length === 0 || isUtf8(rest) ? rest : this.repair(rest)
  }

  private sniff (bytes: Buffer): Buffer {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3)
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return this.useUtf16('utf-16le', bytes)
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return this.useUtf16('utf-16be', bytes)
    const bomless = utf16WithoutBom(bytes)
    return bomless === null ? bytes : this.useUtf16(bomless, bytes)
  }

  private useUtf16 (encoding: 'utf-16le' | 'utf-16be', bytes: Buffer): Buffer {
    this.stats.encoding = encoding
    if (encoding === 'utf-16le') {
      this.le = true
      return bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2) : bytes
    }
    this.utf16 = new TextDecoder(encoding, { ignoreBOM: false })
    return bytes
  }

  private fromUtf16 (bytes: Buffer, more: boolean): Buffer {
    if (this.le) return this.fromUtf16le(bytes, more)
    const text = this.utf16!.decode(bytes, { stream: more })
    this.replaced(countReplacements(text) - countUtf16Replacements(bytes, this.stats.encoding, this.utf16Bytes % 2))
    this.utf16Bytes += bytes.length
    return Buffer.from(text, 'utf8')
  }

  /**
   * UTF-16LE, what Windows tools write, by Buffer's 'utf16le' decoding and a
   * count of the surrogates it left alone (UTF-8 encoding turns each into
   * U+FFFD, as TextDecoder does). CPU profiles of annotate over the bench
   * corpus in UTF-16LE: TextDecoder ~250 ms per million lines, this ~200.
   * A unit cut by the chunk's end, or a high surrogate at its end whose low
   * half may follow, waits for the next chunk.
   */
  private fromUtf16le (bytes: Buffer, more: boolean): Buffer {
    const b = this.leRest === null ? bytes : Buffer.concat([this.leRest, bytes])
    this.leRest = null
    let end = b.length & ~1
    if (more && end >= 2 && isHighSurrogate(b[end - 2]! | (b[end - 1]! << 8))) end -= 2
    if (more && end < b.length) this.leRest = Buffer.from(b.subarray(end))
    // An odd byte at the very end of input is a unit the input never
    // finished: one U+FFFD, for it and a high surrogate before it alike
    // (the WHATWG decoder's end of stream).
    const odd = !more && end < b.length
    if (odd && end >= 2 && isHighSurrogate(b[end - 2]! | (b[end - 1]! << 8))) end -= 2
    // A unit is at most three bytes of UTF-8 (a pair of them four).
    const out = this.utf8Room(end / 2 * 3 + RAW_REPLACEMENT.length)
    let at = 0
    let repaired = odd ? 1 : 0
    // Strings of at most TEXT_PIECE bytes, as for UTF-8 (text-pieces.ts):
    // one string per 512 KiB chunk went to V8's large-object space, which
    // only a full collection frees; the bench saw 539 MB of peak RSS.
    for (let from = 0; from < end;) {
      let to = Math.min(end, from + TEXT_PIECE)
      // A pair of surrogates stays in one piece.
      if (to < end && isHighSurrogate(b[to - 2]! | (b[to - 1]! << 8))) to -= 2
      const text = b.toString('utf16le', from, to)
      repaired += loneSurrogates(text)
      at += out.write(text, at)
      from = to
    }
    if (odd) at += RAW_REPLACEMENT.copy(out, at)
    this.replaced(repaired)
    this.utf16Bytes += bytes.length
    return out.subarray(0, at)
  }

  /**
   * UTF-16LE's UTF-8, written into one buffer kept for the next chunk: the
   * bytes write() returns are read before the next chunk is written, as
   * those of a UTF-8 chunk (a view of the chunk read). A new buffer per
   * piece and one more to join them was a million-line file's 277 MB of
   * fresh memory, paged in as first written and given back only as often as
   * V8 collected: as the rest of a run came to allocate less, the bench's
   * UTF-16LE row fell from 0.68x to 0.49x of UTF-8's speed. Into one
   * buffer, by hand: 0.81 of the time of the build before (paired, 9 rounds).
   */
  private utf8Room (bytes: number): Buffer {
    if (this.utf8Out === null || this.utf8Out.length < bytes) this.utf8Out = Buffer.allocUnsafeSlow(bytes)
    return this.utf8Out
  }

  private repair (bytes: Buffer): Buffer {
    const text = new TextDecoder('utf-8').decode(bytes)
    // U+FFFD already in the input (EF BF BD) is text, not a repair.
    this.replaced(countReplacements(text) - countRaw(bytes, RAW_REPLACEMENT))
    return Buffer.from(text, 'utf8')
  }
}

const RAW_REPLACEMENT = Buffer.from(REPLACEMENT, 'utf8')

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff

const SURROGATE = /[\ud800-\udfff]/

/** Surrogates in `text` that are not half of a pair. */
function loneSurrogates (text: string): number {
  if (!SURROGATE.test(text)) return 0
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0xd800 || c > 0xdfff) continue
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++
        continue
      }
    }
    n++
  }
  return n
}
const EMPTY = Buffer.alloc(0)

function couldBeBom (b: Buffer): boolean {
  const boms = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]
  return boms.some((bom) => b.every((x, i) => bom[i] === x))
}

/**
 * Length of `b` without a multi-byte UTF-8 sequence cut off at its end: a
 * lead byte in the last 3 bytes whose sequence does not fit. Invalid bytes
 * are left in, to be replaced.
 */
export function completeLength (b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const x = b[b.length - back]!
    if ((x & 0xc0) === 0x80) continue // continuation byte: look further back
    const need = x >= 0xf0 && x <= 0xf4 ? 4 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xc2 && x <= 0xdf ? 2 : 1
    return need > back ? b.length - back : b.length
  }
  return b.length
}

function countReplacements (text: string): number {
  let n = 0
  for (let i = text.indexOf(REPLACEMENT); i !== -1; i = text.indexOf(REPLACEMENT, i + 1)) n++
  return n
}

function countRaw (bytes: Buffer, needle: Buffer): number {
  let n = 0
  for (let i = bytes.indexOf(needle); i !== -1; i = bytes.indexOf(needle, i + needle.length)) n++
  return n
}

/** U+FFFD code units written in the UTF-16 input itself (a unit cut by a chunk edge is not counted). */
function countUtf16Replacements (bytes: Buffer, encoding: string, misaligned: number): number {
  // Searched for as two bytes, then kept only at a code unit's edge: a loop
  // over every unit took ~250 ms per million lines (CPU profile).
  const needle = encoding === 'utf-16le' ? FFFD_LE : FFFD_BE
  let n = 0
  for (let i = bytes.indexOf(needle, misaligned); i !== -1; i = bytes.indexOf(needle, i + 1)) if ((i - misaligned) % 2 === 0) n++
  return n
}

const FFFD_LE = Buffer.from([0xfd, 0xff])
const FFFD_BE = Buffer.from([0xff, 0xfd])

/**
 * UTF-16 without a byte order mark, as a tool that writes UTF-16 leaves it
 * when the file is cut or concatenated, or as some .NET services write it:
 * in the first bytes (up to 256, at least 4), nine pairs in ten or more are a
 * character below U+0100 and a NUL, in the same order. UTF-8 text has no NUL.
 */
export function utf16WithoutBom (head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 256) & ~1
  if (n < 4) return null
  let le = 0
  let be = 0
  for (let i = 0; i < n; i += 2) {
    if (head[i] !== 0 && head[i + 1] === 0) le++
    else if (head[i] === 0 && head[i + 1] !== 0) be++
  }
  const pairs = n / 2
  return le >= pairs * 0.9 ? 'utf-16le' : be >= pairs * 0.9 ? 'utf-16be' : null
}
