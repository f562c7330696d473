import { spawn } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'

/** One timed run of a command. */
export interface Run {
  readonly ms: number
  /** Peak resident set in MiB, for node commands (reported by the child itself); null otherwise. */
  readonly rssMb: number | null
  readonly code: number | null
  readonly stderr: string
}

// Node children report their own peak RSS (getrusage) on exit, so the figure
// is the command's and not the benchmark's.
const REPORT_RSS = "--import=data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxRSS='+process.resourceUsage().maxRSS+'\\n'))"

export interface RunOptions {
  /** A file to feed on stdin. */
  readonly stdinFile?: string
  /** Where stdout goes: discarded unless a file is named. */
  readonly stdoutFile?: string
}

/** Run `node script args…` (or any command with node: false) and time it, wall clock. */
export function timeRun (command: { node: boolean, file: string, args: readonly string[] }, options: RunOptions = {}): Promise<Run> {
  const argv = command.node ? [REPORT_RSS, command.file, ...command.args] : [...command.args]
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
      const rss = /maxRSS=(\d+)/.exec(stderr)
      resolve({ ms, rssMb: rss === null ? null : Number(rss[1]) / 1024, code, stderr: stderr.replace(/\n?maxRSS=\d+\n/, '') })
    })
  })
}

export function median (xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
