import { patternLength, patternTooLarge, V8_OPTIMIZED_SOURCE_MAX, type Matcher } from '../match/compile.js'
import { problem, tell } from '../problems.js'
import type { Lang } from '../rules/lang.js'

/**
 * Say so on stderr when --rules files have made the combined pattern longer
 * than V8 optimises (compile.ts): everything still works, only many times
 * slower, and nothing else would tell the user why.
 */
export function warnWhenPatternTooLarge (matcher: Matcher, lang: Lang): void {
  if (!patternTooLarge(matcher)) return
  const n = (x: number): string => x.toLocaleString('en-US')
  tell(lang, problem('patternTooLarge', n(patternLength(matcher)), n(V8_OPTIMIZED_SOURCE_MAX)))
}
