/**
 * Text for a one-line stderr message: line breaks and tabs written as JSON
 * writes them. JSON.parse quotes the text it failed on, "nope\n" included,
 * which broke "sspi-annotate: FILE: not JSON: …" across two lines.
 */
export function oneLine (text: string): string {
  return text.replace(/[\r\n\t]/g, (c) => JSON.stringify(c).slice(1, -1))
}
