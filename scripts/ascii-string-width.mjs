// Bundled in place of `string-width` for yargs' help layout (cliui and
// wrap-ansi). yargs renders a subcommand's whole help before running it,
// even when no help is shown (yargs' command.js caches it for failures), and
// string-width 7 segments every string with Intl.Segmenter, called once per
// character by wrap-ansi: node --cpu-prof put that at ~20 ms of summarize's
// ~150 ms start. A run of printable ASCII is one column per character in
// string-width's own rules, so only other strings go to it.
import stringWidth from 'string-width'

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

export default function asciiFirstStringWidth (string, options) {
  return typeof string === 'string' && PRINTABLE_ASCII.test(string) ? string.length : stringWidth(string, options)
}
