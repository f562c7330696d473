import { pipeline, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'

/** Whether `head` starts with gzip's magic bytes, 1F 8B (RFC 1952 section 2.3.1). */
export function isGzipHead (head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
}

/**
 * Whether the input begins with gzip's magic bytes, whatever its name
 * (rotated logs are not always named .gz). What was read is put back. False
 * once `signal` aborts: a live run stopped before its first bytes came.
 */
export async function startsWithGzip (raw: Readable, signal?: AbortSignal): Promise<boolean> {
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
      if (signal?.aborted === true) return false
      // read(2) gives nothing until two bytes are there, or the end is.
      const head = raw.read(2) as Buffer | null
      if (head !== null) {
        raw.unshift(head)
        return isGzipHead(head)
      }
      if (raw.readableEnded || raw.destroyed) return false
      await new Promise<void>((resolve) => { wake = resolve })
    }
  } finally {
    raw.off('readable', onEvent).off('end', onEvent).off('error', onEvent)
    signal?.removeEventListener('abort', onEvent)
  }
}

/**
 * The text of `raw`: decompressed when it is gzip, else `raw` itself.
 * Errors (a file cut short, a bad header) come out of the returned stream.
 */
export async function gunzipIfGzip (raw: Readable, signal?: AbortSignal): Promise<Readable> {
  if (!await startsWithGzip(raw, signal)) return raw
  return pipeline(raw, createGunzip(), () => {})
}
