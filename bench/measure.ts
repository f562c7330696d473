import { spawn } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'

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

// Node children report their own peak RSS and CPU time (getrusage) on exit,
// so the figures are the command's and not the benchmark's.
const REPORT_USAGE = "--import=data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nmaxRSS='+u.maxRSS+' cpu='+(u.userCPUTime+u.systemCPUTime)+'\\n')})"

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
    const child = spawn(bin, argv, { stdio: [stdin, stdout, 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (b: Buffer) => { stderr += b.toString() })
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (typeof stdin === 'number') closeSync(stdin)
      if (typeof stdout === 'number') closeSync(stdout)
      const usage = /\n?maxRSS=(\d+) cpu=(\d+)\n/.exec(stderr)
      resolve({
        ms,
        rssMb: usage === null ? null : Number(usage[1]) / 1024,
        cpuMs: usage === null ? null : Number(usage[2]) / 1000,
        code,
        stderr: usage === null ? stderr : stderr.replace(usage[0], ''),
      })
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
