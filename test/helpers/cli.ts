import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url))

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: end-to-end specs run the built CLI; run "npm run build" (npm test does it)`)

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Start the built CLI as a real process, in the repository root. The locale
 * is pinned to C (English texts) unless a spec sets it: the CLI takes its
 * default --lang from LC_ALL, LC_MESSAGES and LANG.
 */
export function spawnCli (args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...env } })
}

/** Run the CLI to completion, feeding `input` on stdin (then closing it). */
export function runCli (args: readonly string[], input?: string | Buffer, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawnCli(args, env)
  const done = collect(child)
  child.stdin.on('error', () => {}) // the child may exit before reading everything
  if (input !== undefined) child.stdin.end(input)
  else child.stdin.end()
  return done
}

/** Gather a child's output until it exits. Its stdin is left to the caller. */
export function collect (child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }))
  })
}

/** Parse NDJSON output, failing loudly on a line that is not JSON. */
export function ndjson (text: string): any[] {
  return text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l))
}

/** Resolve when `stream` has produced text matching `pattern`; reject after `ms`. */
export function waitFor (stream: NodeJS.ReadableStream, pattern: RegExp, ms = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => { stream.off('data', onData); reject(new Error(`timed out waiting for ${pattern}; saw: ${seen.slice(-500)}`)) }, ms)
    const onData = (b: Buffer): void => {
      seen += b.toString('utf8')
      if (pattern.test(seen)) {
        clearTimeout(timer)
        stream.off('data', onData)
        resolve(seen)
      }
    }
    stream.on('data', onData)
  })
}
