import { describe, expect, it } from 'vitest'
import { errnoProblem, problem, PROBLEM_WORDS, ProblemError, problemOf, problemText, type Problem, type ProblemId } from '../../src/problems.js'
import { LANGS } from '../../src/rules/lang.js'

/** One problem of each id, with values that must show in its words. */
const SAMPLES: { readonly [K in ProblemId]: Problem } = {
  noSuchFile: problem('noSuchFile'),
  permissionDenied: problem('permissionDenied'),
  isFolder: problem('isFolder'),
  pathNotFolder: problem('pathNotFolder'),
  tooManyLinks: problem('tooManyLinks'),
  tooManyOpenFiles: problem('tooManyOpenFiles'),
  cannotOpen: problem('cannotOpen', 'EIO'),
  cannotRead: problem('cannotRead', 'EIO'),
  cannotList: problem('cannotList', 'EIO'),
  notFileOrFolder: problem('notFileOrFolder'),
  compressed: problem('compressed', 'xz', 'xz -dc FILE'),
  zipArchive: problem('zipArchive'),
  sevenZipArchive: problem('sevenZipArchive'),
  evtx: problem('evtx'),
  evt: problem('evt'),
  damaged: problem('damaged', 'unexpected end of file'),
  other: problem('other', 'EIO: i/o error, read'),
  cannotWrite: problem('cannotWrite', '/srv/report.html', 'ENOSPC: no space left on device'),
  cannotWriteOutput: problem('cannotWriteOutput', 'EBADF: bad file descriptor'),
  cannotWriteSummary: problem('cannotWriteSummary', 'EROFS: read-only file system'),
  folderMissing: problem('folderMissing', '/srv/reports'),
  notAFolder: problem('notAFolder', '/srv/reports'),
  folderNotWritable: problem('folderNotWritable', '/srv/reports'),
  outputFile: problem('outputFile', '--html', '/srv/reports/r.html', 'the folder /srv/reports does not exist'),
  notJson: problem('notJson', 'Unexpected token } in JSON at position 12'),
  notASummary: problem('notASummary'),
  damagedSummary: problem('damagedSummary', 'byCode.SEC_E_TIME_SKEW.lines: expected a count, got -1'),
  interrupted: problem('interrupted', 'SIGINT', '12.5 MB', '4.1 MB'),
  readingStdin: problem('readingStdin'),
  revalued: problem('revalued', 'SEC_E_UNTRUSTED_ROOT', '0x80090325', '0x80090399', null),
  patternTooLarge: problem('patternTooLarge', '21,480', '20,000'),
  runHelp: problem('runHelp', 'sspi-annotate summarize --help'),
  noSuchCommand: problem('noSuchCommand', 'lookpu', 'lookup'),
  unknownOption: problem('unknownOption', '--sumary', 'summary'),
  wholeNumber: problem('wholeNumber', '--workers', 1),
  maxLineLength: problem('maxLineLength', '8'),
  year: problem('year'),
  targetKey: problem('targetKey'),
  fieldPath: problem('fieldPath'),
  rsyslogAlone: problem('rsyslogAlone'),
  dedupeRecords: problem('dedupeRecords'),
  dedupeAll: problem('dedupeAll'),
  dedupeWindow: problem('dedupeWindow', '5 minutes'),
  prettyText: problem('prettyText'),
  summaryInterval: problem('summaryInterval'),
}

/** Problems whose words are only the text they are given. */
const PASSED_THROUGH = new Set<ProblemId>(['other', 'outputFile'])

describe('problem words', () => {
  it('has words for the same problems in every language', () => {
    for (const lang of LANGS) expect(Object.keys(PROBLEM_WORDS[lang]).sort(), lang).toEqual(Object.keys(SAMPLES).sort())
  })

  it.each(LANGS.filter((l) => l !== 'en'))('says every problem in %s, not in English', (lang) => {
    for (const [id, p] of Object.entries(SAMPLES) as Array<[ProblemId, Problem]>) {
      if (PASSED_THROUGH.has(id)) continue
      expect(problemText(p, lang), id).not.toBe(problemText(p, 'en'))
    }
  })

  it.each(LANGS)('keeps in %s every value a problem is given (paths, codes, options)', (lang) => {
    for (const [id, p] of Object.entries(SAMPLES) as Array<[ProblemId, Problem]>) {
      const text = problemText(p, lang)
      for (const v of p.values as readonly unknown[]) if (v !== null) expect(text, `${lang} ${id}`).toContain(String(v))
    }
  })

  it.each(LANGS)('keeps each problem on one line in %s', (lang) => {
    for (const p of Object.values(SAMPLES)) expect(problemText(p, lang)).not.toMatch(/[\r\n]/)
  })

  it('crosses a worker thread as data and reads the same on the other side', () => {
    const p = SAMPLES.compressed
    expect(problemText(structuredClone(p), 'ja')).toBe(problemText(p, 'ja'))
  })
})

describe('errnoProblem', () => {
  it.each([
    ['ENOENT', 'no such file or folder'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a folder'],
    ['ENOTDIR', 'a part of the path is not a folder'],
  ])('says %s in words', (code, words) => {
    expect(problemText(errnoProblem(code, 'cannotRead'), 'en')).toBe(words)
  })

  it('names what failed, with the code, for a code without words of its own', () => {
    expect(problemText(errnoProblem('EIO', 'cannotList'), 'en')).toBe('cannot list (EIO)')
    expect(problemText(errnoProblem('EIO', 'cannotList'), 'fr')).toContain('EIO')
  })
})

describe('ProblemError', () => {
  it('is its problem in English, after the path it concerns, for logs and JSON', () => {
    expect(new ProblemError(problem('noSuchFile'), 'app.log').message).toBe('app.log: no such file or folder')
  })

  it('gives its own problem back, and any other error as the text it carries', () => {
    expect(problemOf(new ProblemError(problem('evtx')))).toEqual(problem('evtx'))
    expect(problemText(problemOf(new Error('EIO: i/o error, read')), 'ja')).toBe('EIO: i/o error, read')
  })
})
