import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileMatcher } from '../../src/match/compile.js'
import { messageLiterals, requiredLiterals } from '../../src/match/literals.js'
import { signedDecimal, unsignedDecimal } from '../../src/match/hresult.js'
import { loadRules } from '../../src/rules/load.js'
import { hresultRules, hasCheapSpellings, ruleSet } from '../helpers/rules.js'

const matcher = compileMatcher(ruleSet, { messages: true })
const literals = requiredLiterals(matcher)!

/** Whether `text` holds a literal, as the prefilter's contract reads one (candidates.ts). */
const holdsLiteral = (text: string): boolean => {
  const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  return literals.some((l) => new RegExp(l.split(' ').map((w) => w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('[\\t\\v\\f\\r \\u0080-\\uffff]+')).test(folded))
}

describe('the literals every hit holds', () => {
  it('are found in every name of the table, and in its markdown-escaped spelling', () => {
    for (const r of ruleSet.rules) {
      expect(holdsLiteral(r.name), r.name).toBe(true)
      expect(holdsLiteral(r.name.replaceAll('_', '\\_')), r.name).toBe(true)
    }
  })

  it('are found in every number spelling the matcher takes', () => {
    for (const r of hresultRules.filter((c) => c.value !== 0)) {
      const hex = r.hresult.slice(2)
      const spellings = [`0x${hex}`, `0x${hex.toLowerCase()}`, `0xFFFFFFFF${hex}`, ...(hasCheapSpellings(r) ? [hex] : [])]
      if (r.severity === 'error') spellings.push(signedDecimal(r.value), ...(hasCheapSpellings(r) ? [unsignedDecimal(r.value)] : []))
      for (const s of spellings) expect(holdsLiteral(s), `${r.name} ${s}`).toBe(true)
    }
  })

  it('are found in every message, however it is spaced and cased', () => {
    for (const message of matcher.messages!.byMessage.keys()) {
      expect(holdsLiteral(message), message).toBe(true)
      expect(holdsLiteral(message.toUpperCase().replaceAll(' ', ' \t ')), message).toBe(true)
    }
  })

  it('of the messages alone are the messages\' own in the full list, which the prefilter marks lines by', () => {
    const own = messageLiterals(matcher)!
    expect(own.length).toBe(matcher.messages!.byMessage.size)
    expect(own.every((l) => literals.includes(l))).toBe(true)
    expect(literals.filter((l) => !own.includes(l)).sort()).toEqual(requiredLiterals(compileMatcher(ruleSet, { messages: false }))!)
  })

  it('of the messages alone are none without message text', () => {
    expect(messageLiterals(compileMatcher(ruleSet, { messages: false }))).toBeNull()
  })

  it('take a message whole, so that a line with only some of its words goes by', () => {
    expect(matcher.messages!.byMessage.has('clock skew too great')).toBe(true)
    expect(holdsLiteral('w32time: clock skew of 3 s corrected')).toBe(false)
    expect(holdsLiteral('KDC: Clock  skew too great.')).toBe(true)
  })

  it('cut a message to its words within a length when asked, and the message still holds its literal', () => {
    const cut = requiredLiterals(matcher, 24)!
    for (const message of matcher.messages!.byMessage.keys()) {
      const own = cut.filter((l) => message.startsWith(l) && (l.length === message.length || message[l.length] === ' '))
      expect(own.length, message).toBeGreaterThan(0)
      expect(Math.min(...own.map((l) => l.length)), message).toBeLessThanOrEqual(Math.max(24, message.split(' ')[0]!.length))
    }
  })

  it('take the longest ASCII run of a message that starts with a letter beyond ASCII, so that a rules file of them keeps its prefilter', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-literals-')), 'fr.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x80090F01', category: 'general', meaning: 'Ours.', message: 'Échec de l\'authentification Kerberos sur le contrôleur.' }] }))
    const fr = requiredLiterals(compileMatcher(loadRules({ rulesFiles: [file] }), { messages: true }))
    expect(fr).toContain("chec de l'authentification kerberos sur le contr")
  })

  it('are none when a message gives no ASCII literal to go by: every line then goes to the pattern', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sspi-literals-')), 'ja.json')
    writeFileSync(file, JSON.stringify({ codes: [{ name: 'SEC_E_HOUSE_RULE', hresult: '0x80090F01', category: 'general', meaning: 'Ours.', message: '資格情報が無効です' }] }))
    expect(requiredLiterals(compileMatcher(loadRules({ rulesFiles: [file] }), { messages: true }))).toBeNull()
  })
})
