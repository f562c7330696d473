import v8 from 'node:v8'
import vm from 'node:vm'

type Gc = (options: { type: 'minor' }) => void

let gc: Gc | null | undefined

/**
 * A young-generation collection, now: a scavenge, ~0.5 ms.
 *
 * Input arrives in Buffers whose memory lives outside V8's heap until the
 * collector finds them dead, and only allocation on the heap makes it look.
 * Lines the guard cuts are dropped as bytes, allocating almost nothing, so
 * while a 1 GB line streams by, dead reads pile up until V8's external
 * memory limit: Node 24 (V8 13) held ~53 MB of them and peaked at 130 MB,
 * where Node 20 held ~32 MB (`process.memoryUsage().arrayBuffers`); a bare
 * `process.stdin.on('data', () => {})` on Node 24 peaks at 129 MB too. A
 * scavenge every 16 MB dropped frees them (74 MB). gc() is exposed once,
 * on first use, by the documented way of doing it after start-up: the
 * --expose-gc flag, then a new context, which gets the gc function.
 */
export function collectYoungGarbage (): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc')
      gc = vm.runInNewContext('gc') as Gc
    } catch {
      gc = null
    }
  }
  gc?.({ type: 'minor' })
}
