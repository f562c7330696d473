import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Vitest global setup: one temporary folder for the whole run, removed at
 * its end. Specs make their folders with mkdtempSync(join(tmpdir(), …)), and
 * tmpdir() reads TMPDIR, which the test workers and the CLI processes they
 * spawn inherit; left in /tmp, each full run leaked ~250 MB of generated
 * corpora there, and repeated runs filled the disk.
 */
export default function setup (): () => void {
  const root = mkdtempSync(join(tmpdir(), 'sspi-tests-'))
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}
