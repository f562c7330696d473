import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { CLI, ROOT, collect } from '../helpers/cli.js'

/** Run `sspi-annotate ARGS | head -1` in a shell; the CLI's status and stderr. */
async function intoHead (args: string): Promise<{ status: string, stderr: string }> {
  const sh = spawn('bash', ['-c', `set -o pipefail; node "${CLI}" ${args} 2>/tmp/closed-stdout.$$ | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat /tmp/closed-stdout.$$; rm -f /tmp/closed-stdout.$$`], { cwd: ROOT })
  const r = await collect(sh as any)
  const [status, ...rest] = r.stdout.split('\n')
  return { status: status!, stderr: rest.join('\n').trim() }
}

describe('every command ends quietly when its reader goes away', () => {
  it.each([
    ['rules export', 'rules export --to logstash'],
    ['lookup', 'lookup ' + Array.from({ length: 200 }, () => 'SEC_E_UNTRUSTED_ROOT').join(' ')],
    ['summarize', 'summarize --markdown fixtures/windows-auth-sample.log'],
  ])('%s', async (_name, args) => {
    const r = await intoHead(args)
    expect(r).toEqual({ status: '0', stderr: '' })
  })
})
