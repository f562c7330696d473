import v8 from 'node:v8'

/**
 * Compile a WebAssembly module that uses relaxed SIMD (the prefilter's
 * nibble lookups), or null where this V8 cannot run it. V8 ships relaxed
 * SIMD from 11.4 (Node 22 has 12.4, and compiles the module at once);
 * Node 20's V8 11.3 has it behind --experimental-wasm-relaxed-simd, which
 * is turned on here for the compile only. Node
 * leaves V8's flags unfrozen so that v8.setFlagsFromString works; the flag
 * is only named to a V8 old enough to know it, since a newer one would
 * print an error.
 *
 * Off again at once, because V8 takes a code cache only under the flags it
 * was made with, and its flags are the whole process's: with the flag left
 * on, a worker thread starting meanwhile compiled Node's own modules from
 * source (~25 ms more to start, idle; ~65 ms more beside a busy thread),
 * and the command's cache written at exit (code-cache.ts) was rejected by
 * every later start. The module keeps the features it was compiled with.
 */
export function compileRelaxed<M> (compile: () => M): M | null {
  if (!knowsTheFlag(process.versions.v8)) {
    try {
      return compile()
    } catch {
      return null
    }
  }
  // Behind the flag, a try without it only fails: ~1 ms of every start on
  // Node 20 (2.3 against 1.3 ms to the compiled module, four fresh processes).
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd')
  try {
    return compile()
  } catch {
    return null
  } finally {
    v8.setFlagsFromString('--no-experimental-wasm-relaxed-simd')
  }
}

/** Whether a V8 has relaxed SIMD behind its flag (before 11.4) rather than shipped. */
export function knowsTheFlag (version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major < 11 || (major === 11 && minor < 4)
}
