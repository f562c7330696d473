import { spawn } from 'node:child_process'
import { openSync, closeSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './paths.js'

/** One timed run of a command. */
export interface Run {
  readonly ms: number
  /** Peak resident set in MiB, for node commands (reported by the child itself); null otherwise. */
  readonly rssMb: number | null
  /**
   * CPU time (user and system) in ms of the whole process, every thread of it,
   * for node commands (reported by the child itself); null otherwise. It
   * moves less than wall time with what else the machine is doing, and it
   * tells whether a second thread adds work or only spreads it.
   */
  readonly cpuMs: number | null
  readonly code: number | null
  readonly stderr: string
}

// Node children report their own peak RSS and CPU time on exit, so the
// figures are the command's and not the benchmark's. The peak is VmHWM,
// where Linux has it: getrusage's maxRSS is not the child's own, since a
// child started by vfork carries the RSS of the process that spawned it
// across exec (a child of a 400 MB parent reported 385 MB, VmHWM 40 MB),
// and the benchmark holds its corpora in memory at times. The report is a
// CommonJS file preloaded with --require (report-usage.cjs): as an ES
// module given to --import it loaded Node's ES module loader into every
// child, ~6-10 ms the command, a CommonJS script, does not spend.
export const REPORT_USAGE = `--require=${join(ROOT, 'bench', 'report-usage.cjs')}`

/** What a child's REPORT_USAGE wrote, and stderr without it. */
export function reportedUsage (stderr: string): { rssMb: number | null, cpuMs: number | null, stderr: string } {
  const usage = /\n?maxRSS=(\d+) cpu=(\d+)\n/.exec(stderr)
  if (usage === null) return { rssMb: null, cpuMs: null, stderr }
  return { rssMb: Number(usage[1]) / 1024, cpuMs: Number(usage[2]) / 1000, stderr: stderr.replace(usage[0], '') }
}

/**
 * The environment Node children run in: the bench's own, without what
 * changes how Node starts. NODE_EXTRA_CA_CERTS makes every Node process
 * read and parse a certificate bundle as it starts (measured with the
 * system bundle: `node -e 0` 45 -> 80 ms, `sspi-annotate --version` 110 ->
 * 150 ms); NODE_OPTIONS may add anything. Neither is the command's.
 */
export function childEnv (): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env['NODE_EXTRA_CA_CERTS']
  delete env['NODE_OPTIONS']
  return env
}

/**
 * A running process's CPU time so far, ms: user and system time of every
 * thread of it, those that have ended too, read from outside while it runs
 * (REPORT_USAGE reports a Node child's own only as it exits). /proc/PID/stat
 * counts in USER_HZ ticks, 100 a second on Linux: 10 ms steps. null where
 * /proc does not tell it.
 */
export function processCpuMs (pid: number): number | null {
  try {
    // The fields after the command's name, which may hold spaces, end in ") ".
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

export interface RunOptions {
  /** A file to feed on stdin. */
  readonly stdinFile?: string
  /** Where stdout goes: discarded unless a file is named. */
  readonly stdoutFile?: string
}

/** Run `node script args…` (or any command with node: false) and time it, wall clock. */
export function timeRun (command: { node: boolean, file: string, args: readonly string[] }, options: RunOptions = {}): Promise<Run> {
  const argv = command.node ? [REPORT_USAGE, command.file, ...command.args] : [...command.args]
  const bin = command.node ? process.execPath : command.file
  const stdin = options.stdinFile === undefined ? 'ignore' : openSync(options.stdinFile, 'r')
  const stdout = options.stdoutFile === undefined ? 'ignore' : openSync(options.stdoutFile, 'w')
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(bin, argv, { stdio: [stdin, stdout, 'pipe'], env: childEnv() })
    let stderr = ''
    child.stderr!.on('data', (b: Buffer) => { stderr += b.toString() })
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (typeof stdin === 'number') closeSync(stdin)
      if (typeof stdout === 'number') closeSync(stdout)
      resolve({ ms, code, ...reportedUsage(stderr) })
    })
  })
}

/**
 * Commands started together, timed until the last one ends: wall clock from
 * the first start to the last exit; CPU time added up, peak RSS the highest.
 */
export async function timeSideBySide (commands: ReadonlyArray<{ node: boolean, file: string, args: readonly string[] }>): Promise<Run> {
  const started = process.hrtime.bigint()
  const runs = await Promise.all(commands.map((c) => timeRun(c)))
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const rss = runs.map((r) => r.rssMb)
  const cpu = runs.map((r) => r.cpuMs)
  return {
    ms,
    rssMb: rss.includes(null) ? null : Math.max(...(rss as number[])),
    cpuMs: cpu.includes(null) ? null : (cpu as number[]).reduce((a, b) => a + b, 0),
    code: runs.find((r) => r.code !== 0)?.code ?? 0,
    stderr: runs.map((r) => r.stderr).join(''),
  }
}

export function median (xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
