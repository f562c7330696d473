// Bundled in place of `string-width` for yargs' help layout (cliui,
// wrap-ansi, yargs). yargs renders a subcommand's whole help before running
// it, even when no help is shown (yargs' command.js caches it for failures),
// and string-width 7 segments every string with Intl.Segmenter, called once
// per character by wrap-ansi: node --cpu-prof put that at ~20 ms of
// summarize's ~150 ms start. A run of printable ASCII is one column per
// character in string-width's own rules, so only other strings go to it.
// string-width is loaded only then: loading it builds an Intl.Segmenter and
// an RGI_Emoji regex, ~6 ms of every start (cpu-prof, 20 µs samples).

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** string-width, measuring printable ASCII itself; `load` gives string-width when a string needs it. */
export function asciiFirst (load) {
  let stringWidth
  return function asciiFirstStringWidth (string, options) {
    if (typeof string === 'string' && PRINTABLE_ASCII.test(string)) return string.length
    stringWidth ??= load()
    return stringWidth(string, options)
  }
}
