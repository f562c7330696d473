/**
 * A rules file that cannot be used. The message always names the file and,
 * where there is one, the entry and the field, so a user editing a large file
 * can go straight to the line.
 */
export class RulesError extends Error {
  readonly file: string
  readonly entry: string | null
  readonly field: string | null

  constructor (file: string, entry: string | null, field: string | null, problem: string) {
    const where = [file, entry, field === null ? null : `field "${field}"`].filter((p) => p !== null).join(': ')
    super(`${where}: ${problem}`)
    this.name = 'RulesError'
    this.file = file
    this.entry = entry
    this.field = field
  }
}
