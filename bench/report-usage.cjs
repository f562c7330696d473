// Preloaded into the bench's Node children (measure.ts, REPORT_USAGE): on
// exit, the child writes its peak RSS (VmHWM where Linux has it) and its
// CPU time to stderr, for the bench to read. CommonJS, loaded with
// --require: an ES module loaded with --import brings Node's ES module
// loader into every child, which the command itself does not load.
'use strict'
const { readFileSync } = require('node:fs')
process.on('exit', () => {
  const u = process.resourceUsage()
  let peak = u.maxRSS
  try {
    peak = parseInt(readFileSync('/proc/self/status', 'utf8').split('VmHWM:')[1]) || peak
  } catch {}
  process.stderr.write('\nmaxRSS=' + peak + ' cpu=' + (u.userCPUTime + u.systemCPUTime) + '\n')
})
