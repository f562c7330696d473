import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileMatcher } from '../../src/match/compile.js'
import { findMessages } from '../../src/match/messages.js'
import { messagesInLine } from '../../src/match/line-messages.js'
import { loadRules } from '../../src/rules/load.js'
import { ruleSet } from '../helpers/rules.js'

const messages = compileMatcher(ruleSet, { messages: true }).messages!
const texts = [...messages.byMessage.keys()]

const shown = (hits: ReturnType<typeof findMessages> | undefined): unknown => hits?.map((h) => [h.rule.name, h.text, h.start, h.end]) ?? null
const byWalk = (line: string): unknown => shown(messagesInLine(messages, line))
const byPattern = (line: string): unknown => shown(findMessages(messages, line))

/** A message as a log might print it: any case, any run of blanks for a space, cut short now and then. */
const printed = fc.record({
  text: fc.constantFrom(...texts),
  cases: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  blanks: fc.constantFrom(' ', '  ', '\t', ' \t ', '\u00a0', '\r ', '\u2003'),
  cut: fc.option(fc.nat(), { freq: 4 }),
}).map(({ text, cases, blanks, cut }) => {
  const whole = [...text].map((c, i) => (c === ' ' ? blanks : cases[i % cases.length] ? c.toUpperCase() : c)).join('')
  return cut === null ? whole : whole.slice(0, cut % (whole.length + 1))
})
const glue = fc.constantFrom('', ' ', '.', '. ', ': ', '(', ')', ',', '-', '_', "'", 'x', '9', 'Error: ', ' failed. ', '\t')
const line = fc.array(fc.oneof(printed, glue, fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join('').replaceAll('\n', ' '))

describe('message text in one line, without the messages\' patterns', () => {
  it('finds what the messages\' patterns find: the same messages, texts and places, for any line', () => {
    fc.assert(fc.property(line, (l) => { expect(byWalk(l)).toEqual(byPattern(l)) }), { numRuns: 3000 })
  })

  it('takes the final period into the text it found', () => {
    expect(byWalk('retry: The target principal name is incorrect. Next')).toEqual([['SEC_E_WRONG_PRINCIPAL', 'The target principal name is incorrect.', 7, 46]])
  })

  it('takes the longest of two messages where one starts the other', () => {
    const hits = messagesInLine(messages, 'The function completed successfully, but must be called again to complete the context.  Early start can be used.')
    expect(hits?.map((h) => h.rule.name)).toEqual(['SEC_I_CONTINUE_NEEDED_MESSAGE_OK'])
  })

  it('takes no message that starts right after a letter or digit, or runs on into one', () => {
    expect(byWalk('xThe target principal name is incorrect')).toBeNull()
    expect(byWalk('The target principal name is incorrectly set')).toBeNull()
  })

  it('finds every message of a line, one after another', () => {
    expect(messagesInLine(messages, 'The handle specified is invalid; The target principal name is incorrect')?.map((h) => h.rule.name))
      .toEqual(['SEC_E_INVALID_HANDLE', 'SEC_E_WRONG_PRINCIPAL'])
  })

  it('leaves rules whose messages hold a letter beyond ASCII to the patterns', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-line-messages-')), 'fr.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x80090F01', category: 'general', meaning: 'Ours.', message: 'Échec de la négociation' }] }))
    const own = compileMatcher(loadRules({ rulesFiles: [file] }), { messages: true }).messages!
    expect(messagesInLine(own, 'The handle specified is invalid')).toBeUndefined()
  })
})
