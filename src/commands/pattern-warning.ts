import { patternTooLarge, V8_OPTIMIZED_SOURCE_MAX, type Matcher } from '../match/compile.js'

/**
 * Say so on stderr when --rules files have made the combined pattern longer
 * than V8 optimises (compile.ts): everything still works, only many times
 * slower, and nothing else would tell the user why.
 */
export function warnWhenPatternTooLarge (matcher: Matcher): void {
  if (!patternTooLarge(matcher)) return
  const n = (x: number): string => x.toLocaleString('en-US')
  process.stderr.write(`sspi-annotate: warning: with these rules the combined pattern is ${n(matcher.pattern.source.length)} characters long; V8 optimises patterns of up to ${n(V8_OPTIMIZED_SOURCE_MAX)} only, so scanning runs several times slower. Fewer or shorter names in the --rules files keep it fast.\n`)
}
