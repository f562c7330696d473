import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { FileParts, type Task } from '../../src/summarize/file-parts.js'
import { problem, problemText } from '../../src/problems.js'
import { mergeSummaries, shiftOccurrences, SummaryCounter, type Summary } from '../../src/summary/summary.js'
import { annotateLine } from '../../src/enrich/line-event.js'
import { matcher } from '../helpers/rules.js'

/** The summary of one slice's lines, host and hour included. */
function sliceSummary (lines: readonly string[], hour: string): Summary {
  const counter = new SummaryCounter()
  for (const l of lines) {
    const codes = annotateLine(matcher, l) ?? []
    counter.countLine(codes)
    counter.countWhenWhere(codes, Date.parse(`${hour}:15:00Z`), 'web-01')
  }
  return counter.summary
}

const file = { path: '/logs/app.log', bytes: 300 }
const slice = (part: number): Task => ({ file: 0, part, path: file.path, bytes: file.bytes, slice: { range: { start: part * 100, end: part * 100 + 100 }, mode: 'text' } })

/** A slice's summary, counted as summarize counts: each line's number from the slice's start. */
function counted (lines: readonly string[], hour: string): Summary {
  const counter = new SummaryCounter()
  lines.forEach((text, i) => {
    const codes = annotateLine(matcher, text)
    counter.count({ codes, conflict: false, cut: false, malformed: false, time: codes === null ? null : Date.parse(`${hour}:15:${String(i).padStart(2, '0')}Z`), host: 'web-01', at: { source: file.path, line: i + 1, text } })
  })
  return counter.summary
}

describe('putting the slices of a file back together', () => {
  const first = sliceSummary(['a SEC_E_UNTRUSTED_ROOT', 'b SEC_E_LOGON_DENIED'], '2025-03-11T08')
  const second = sliceSummary(['c SEC_E_TIME_SKEW', 'd SEC_E_UNTRUSTED_ROOT'], '2025-03-11T09')
  const third = sliceSummary(['e SEC_E_WRONG_PRINCIPAL'], '2025-03-11T10')

  it('merges slices in file order whatever order they finish in, so the JSON is the same byte for byte', () => {
    const inOrder = new FileParts([file], [slice(0), slice(1), slice(2)])
    inOrder.done(slice(0), first)
    inOrder.done(slice(1), second)
    inOrder.done(slice(2), third)
    const shuffled = new FileParts([file], [slice(0), slice(1), slice(2)])
    shuffled.done(slice(2), third)
    shuffled.done(slice(0), first)
    shuffled.done(slice(1), second)
    expect(JSON.stringify(shuffled.results())).toBe(JSON.stringify(inOrder.results()))
    expect(Object.keys(shuffled.results()[0]!.time!.byHour)).toEqual(['2025-03-11T08', '2025-03-11T09', '2025-03-11T10'])
  })

  it('tells of a file once, when its last slice is in', () => {
    const done: string[] = []
    const parts = new FileParts([file], [slice(0), slice(1)], { onFile: (f) => done.push(f.path) })
    parts.done(slice(1), second)
    expect(done).toEqual([])
    parts.done(slice(0), first)
    expect(done).toEqual([file.path])
  })

  it('fails a file once, with the first reason, when any slice fails', () => {
    const errors: string[] = []
    const parts = new FileParts([file], [slice(0), slice(1), slice(2)], { onError: (path, p) => errors.push(`${path}: ${problemText(p, 'en')}`) })
    parts.done(slice(0), first)
    parts.failed(slice(1), problem('cannotRead', 'EIO'))
    parts.failed(slice(2), problem('other', 'later'))
    expect(errors).toEqual(['/logs/app.log: cannot read (EIO)'])
    expect(parts.results()).toEqual([null])
  })

  it('merges the slices that were read when a stopped run left others unread, and gives null for a file not begun', () => {
    const other = { path: '/logs/other.log', bytes: 100 }
    const parts = new FileParts([file, other], [slice(0), slice(1), slice(2), { file: 1, part: 0, path: other.path, bytes: other.bytes }])
    parts.done(slice(1), second)
    parts.done(slice(2), third)
    const [app, untouched] = parts.results()
    expect(app).toEqual({ ...mergeSummaries(second, third), files: 1 })
    expect(untouched).toBeNull()
  })
})

describe('where each code was seen, across the slices of a file', () => {
  it('numbers lines from the file\'s start: a slice\'s numbers move by the lines of the slices before it', () => {
    const parts = new FileParts([file], [slice(0), slice(1)])
    parts.done(slice(1), counted(['x', 'y', 'd SEC_E_UNTRUSTED_ROOT'], '2025-03-11T09'))
    parts.done(slice(0), counted(['a SEC_E_UNTRUSTED_ROOT', 'b', 'c', 'e'], '2025-03-11T08'))
    const root = parts.results()[0]!.byCode.SEC_E_UNTRUSTED_ROOT!
    expect([root.firstAt, root.lastAt].map((o) => [o!.source, o!.line, o!.text])).toEqual([[file.path, 1, 'a SEC_E_UNTRUSTED_ROOT'], [file.path, 7, 'd SEC_E_UNTRUSTED_ROOT']])
  })

  it('gives no line number after a slice that was never read, rather than a wrong one', () => {
    const parts = new FileParts([file], [slice(0), slice(1), slice(2)])
    parts.done(slice(0), counted(['a SEC_E_UNTRUSTED_ROOT'], '2025-03-11T08'))
    parts.done(slice(2), counted(['d SEC_E_UNTRUSTED_ROOT'], '2025-03-11T10'))
    expect(parts.results()[0]!.byCode.SEC_E_UNTRUSTED_ROOT!.lastAt).toMatchObject({ line: null, text: 'd SEC_E_UNTRUSTED_ROOT' })
  })
})

describe('merging the slices of a file as they come in', () => {
  const slices = [
    counted(['a SEC_E_UNTRUSTED_ROOT', 'b SEC_E_LOGON_DENIED'], '2025-03-11T08'),
    counted(['c SEC_E_TIME_SKEW', 'x', 'd SEC_E_UNTRUSTED_ROOT'], '2025-03-11T09'),
    counted(['e SEC_E_WRONG_PRINCIPAL'], '2025-03-11T10'),
    counted(['f SEC_E_UNTRUSTED_ROOT', 'y', 'z', 'g 0x80090325'], '2025-03-11T08'),
    counted(['h SEC_E_NO_CREDENTIALS', 'i SEC_E_LOGON_DENIED'], '2025-03-11T11'),
  ]
  const five = [0, 1, 2, 3, 4].map(slice)

  /** The slices read, merged at the end in file order: the later ones' lines moved by the lines before them, none after a hole. */
  function mergedAtEnd (read: readonly number[]): Summary | null {
    if (read.length === 0) return null
    if (read.length === 1 && read[0] === 0) return structuredClone(slices[0]!)
    const parts: Summary[] = []
    let before: number | null = 0
    for (let k = 0; k < slices.length; k++) {
      if (!read.includes(k)) { before = null; continue }
      const part = structuredClone(slices[k]!)
      if (k > 0) shiftOccurrences(part, before)
      if (before !== null) before += part.lines
      parts.push(part)
    }
    return { ...mergeSummaries(...parts), files: 1 }
  }

  it('gives what merging them in file order at the end gives, whatever order they come in and whichever were read', () => {
    fc.assert(fc.property(fc.shuffledSubarray([0, 1, 2, 3, 4]), (arrival) => {
      const parts = new FileParts([file], five)
      for (const k of arrival) parts.done(five[k]!, structuredClone(slices[k]!))
      expect(JSON.stringify(parts.results()[0])).toBe(JSON.stringify(mergedAtEnd([...arrival].sort((a, b) => a - b))))
    }))
  })
})
