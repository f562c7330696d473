import v8 from 'node:v8'

/**
 * Compile regular expressions to machine code at their first use, not to
 * bytecode first. V8 runs a new expression in its interpreter and compiles
 * it to machine code on the second use; for the combined pattern, a
 * command's first scan paid both: 17 KB with the message anchors took
 * ~8 ms to bytecode and ~3 ms to machine code, ~3 ms straight to machine
 * code (the sticky anchor pattern ~4.5 ms against ~1 ms; measured on Node
 * 20, first uses in a fresh process). Every pattern a scanning command
 * builds is used on many lines, so the interpreter never pays for itself.
 * Set by the commands that scan, once started, except summarize when it
 * starts worker threads (a flag changed while one starts slows its start;
 * relaxed-simd.ts says how much). The flag is part of what V8
 * checks a code cache against, so Node's own modules loaded after it
 * compile without theirs (~2 ms in a CPU profile, against ~11 ms saved on
 * a 20,000-line file), and the command's cache is written with the flag
 * as at start (regExpTierAsAtStart).
 */
export function compileRegExpsToMachineCode (): void {
  v8.setFlagsFromString('--no-regexp-tier-up')
}

/** The regexp flag as a process starts, for a code cache written at exit (code-cache.ts). */
export function regExpTierAsAtStart (): void {
  v8.setFlagsFromString('--regexp-tier-up')
}
