import type { Readable } from 'node:stream'
import { ProblemError, type Problem } from '../problems.js'
import { FORMAT_HEAD_BYTES, unreadableFormat } from './unreadable-formats.js'

/** Whether `head` starts with gzip's magic bytes, 1F 8B (RFC 1952 section 2.3.1). */
export function isGzipHead (head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
}

/** An input that is not text and is not read (unreadable-formats.ts); the message says why. */
export class NotTextError extends ProblemError {
  constructor (path: string, reason: Problem) {
    super(reason, path)
    this.name = 'NotTextError'
  }
}

/**
 * The first bytes of the input, put back: at least two (or all there are,
 * once it ends), and up to FORMAT_HEAD_BYTES of what has already arrived.
 * It never waits for more than two, so a short first line of a live input
 * is not held back. Empty once `signal` aborts: a live run stopped before
 * its first bytes came.
 */
export async function peekHead (raw: Readable, signal?: AbortSignal): Promise<Buffer> {
  // One 'readable' listener for the whole wait. Node emits 'readable' at once
  // to a listener added while bytes are buffered: re-added on every turn with
  // one byte held, it woke this loop on every tick, and the tick queue then
  // starved the I/O that would bring the second byte (a spin, found by the
  // hostile-input property test).
  let wake: (() => void) | null = null
  const onEvent = (): void => {
    const w = wake
    wake = null
    w?.()
  }
  raw.on('readable', onEvent).on('end', onEvent).on('error', onEvent)
  signal?.addEventListener('abort', onEvent)
  try {
    for (;;) {
      if (signal?.aborted === true) return Buffer.alloc(0)
      // read(n) gives nothing until n bytes are there, or the end is.
      let head = raw.read(Math.min(FORMAT_HEAD_BYTES, Math.max(2, raw.readableLength))) as Buffer | null
      if (head !== null) {
        // Asking may itself have brought a chunk in: take more of it.
        const more = Math.min(FORMAT_HEAD_BYTES - head.length, raw.readableLength)
        if (more > 0) head = Buffer.concat([head, raw.read(more) as Buffer])
        raw.unshift(head)
        return head
      }
      if (raw.readableEnded || raw.destroyed) return Buffer.alloc(0)
      await new Promise<void>((resolve) => { wake = resolve })
    }
  } finally {
    raw.off('readable', onEvent).off('end', onEvent).off('error', onEvent)
    signal?.removeEventListener('abort', onEvent)
  }
}

/**
 * peekHead, for an input that must be text or gzip: one in a format that is
 * not read (unreadable-formats.ts) is released and rejected with NotTextError.
 */
export async function textHead (raw: Readable, path: string, signal?: AbortSignal): Promise<Buffer> {
  const head = await peekHead(raw, signal)
  const notText = unreadableFormat(head)
  if (notText !== null) {
    raw.destroy()
    throw new NotTextError(path, notText)
  }
  return head
}
