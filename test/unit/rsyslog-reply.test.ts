import { describe, expect, it } from 'vitest'
import { rsyslogReply } from '../../src/formats/rsyslog.js'
import { SummaryCounter } from '../../src/summary/summary.js'
import { readRecordThroughSink } from '../helpers/record-path.js'

/** The reply to one message line, counted as the rsyslog sink counts it. */
const replyTo = (line: string, counter = new SummaryCounter()): string => rsyslogReply(readRecordThroughSink(line, { fields: ['msg'], counter }).reading, 'sspi')

/** One rsyslog message object as mmexternal's fulljson interface sends it. */
const message = (msg: string): string => JSON.stringify({ msg, rawmsg: `<13>Mar 11 08:14:02 web-02 app[7]: ${msg}`, hostname: 'web-02', 'programname': 'app', syslogtag: 'app[7]:' })

interface Reply { '$!'?: { sspi?: { codes: Array<{ name: string }>, conflict?: boolean, conflictNote?: string } } }

function reply (msg: string, counter = new SummaryCounter()): Reply {
  return JSON.parse(replyTo(message(msg), counter)) as Reply
}

describe('the rsyslog reply', () => {
  it('adds $!sspi with the codes of a message that has some', () => {
    expect(reply('schannel: SEC_E_UNTRUSTED_ROOT (0x80090325)')['$!']?.sspi?.codes.map((c) => c.name)).toEqual(['SEC_E_UNTRUSTED_ROOT'])
  })

  it('changes nothing for a message without codes', () => {
    expect(replyTo(message('GET /health 200'))).toBe('{}')
  })

  it('changes nothing for a line that is not a JSON object, and counts it as malformed', () => {
    const counter = new SummaryCounter()
    expect(replyTo('{"msg": "cut', counter)).toBe('{}')
    expect(counter.summary.input.malformedRecords).toBe(1)
  })

  it('flags a name written beside a different code\'s number, as record mode does', () => {
    const sspi = reply('InitializeSecurityContext: 0x8009030D (SEC_E_INVALID_TOKEN)')['$!']?.sspi
    expect(sspi?.codes.map((c) => c.name).sort()).toEqual(['SEC_E_INVALID_TOKEN', 'SEC_E_UNKNOWN_CREDENTIALS'])
    expect(sspi?.conflict).toBe(true)
    expect(sspi?.conflictNote).toBe('SEC_E_INVALID_TOKEN is written beside 0x8009030D, which is SEC_E_UNKNOWN_CREDENTIALS; SEC_E_INVALID_TOKEN is 0x80090308')
  })

  it('counts the conflicts it flags', () => {
    const counter = new SummaryCounter()
    reply('InitializeSecurityContext: 0x8009030D (SEC_E_INVALID_TOKEN)', counter)
    reply('schannel: SEC_E_UNTRUSTED_ROOT (0x80090325)', counter)
    expect(counter.summary.conflicts).toBe(1)
  })

  it('leaves the conflict keys out when name and number agree', () => {
    expect(reply('schannel: SEC_E_UNTRUSTED_ROOT (0x80090325)')['$!']?.sspi).not.toHaveProperty('conflict')
  })
})
