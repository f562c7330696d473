import { availableParallelism } from 'node:os'
import v8 from 'node:v8'

/**
 * Young-generation collections (scavenges) are made to run on the thread
 * that collects, without V8's parallel helper tasks, unless the scanning
 * threads leave at least two cores idle. The helpers run on the process's
 * platform threads, shared by every isolate in it and by V8's concurrent
 * compiler; the one core left over is theirs already.
 *
 * Measured with --trace-gc on summarize's bench files, two threads on two
 * cores: each thread's isolate made ~75-85 scavenges either way; they took
 * 95-145 ms in all with helpers, 50-85 without, and the run went from 845
 * to 799 ms (median of 11). One thread on two cores (annotate, summarize
 * --workers 1): the same ~25 scavenges of a young generation of at most
 * 8 MB (young-generation.ts) took as long either way, and the run was 1-4%
 * faster alone (paired medians of 15: text annotate 0.959, the shared
 * corpus 0.970, --no-messages 0.990, summarize 0.996).
 *
 * V8's flags are process-wide and read at each scavenge, so this covers
 * worker threads too; it is set before they start. Node does not freeze
 * V8's flags after start-up (young-generation.ts uses the same).
 */
export function scavengeAloneWhenCoresAreBusy (threads: number, cores = availableParallelism(), setFlags = (flags: string): void => v8.setFlagsFromString(flags)): void {
  if (threads >= cores - 1) setFlags('--no-parallel-scavenge')
}
