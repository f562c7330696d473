import { availableParallelism } from 'node:os'
import v8 from 'node:v8'

/**
 * When summarize reads on as many threads as there are cores, young-
 * generation collections (scavenges) are made to run on the thread that
 * collects, without V8's parallel helper tasks: those run on the process's
 * platform threads, shared by every isolate in it, and with every core
 * already scanning they only take turns with the scanning threads.
 *
 * Measured on the bench's four files, two threads on two cores, with
 * --trace-gc: each thread's isolate made ~75-85 scavenges either way; they
 * took 95-145 ms in all with helpers, 50-85 without, and the run went from
 * 845 to 799 ms (median of 11; one thread: 1,173 and 1,171 ms). Two
 * separate processes doing the same work spent ~22 ms each.
 *
 * V8's flags are process-wide and read at each scavenge, so this covers the
 * worker threads too, and it is set before they start. Node does not
 * freeze V8's flags after start-up (young-generation.ts uses the same).
 * One thread, or a core left over: the helpers use idle cores and stay.
 */
export function scavengeAloneWhenCoresAreBusy (threads: number, cores = availableParallelism(), setFlags = (flags: string): void => v8.setFlagsFromString(flags)): void {
  if (threads > 1 && threads >= cores) setFlags('--no-parallel-scavenge')
}
