import type { Lang } from '../rules/lang.js'

/** What the bar shows. */
export interface ProgressState {
  filesDone: number
  files: number
  bytesDone: number
  /** 0 when unknown (stdin). */
  bytes: number
}

const WIDTH = 24
/** Binary megabytes (2^20 bytes), named as such. */
const mib = (n: number): string => (n / 1048576).toFixed(1)

/** The bar's words in each language of --lang; sizes and rates keep one notation. */
const PROGRESS_WORDS: Readonly<Record<Lang, { files: string, left: (time: string) => string }>> = {
  en: { files: 'files', left: (t) => `, ${t} left` },
  fr: { files: 'fichiers', left: (t) => `, encore ${t}` },
  ja: { files: 'ファイル', left: (t) => `、残り ${t}` },
}

/** One frame of the bar: files and bytes done, rate, time left. */
export function progressLine (p: ProgressState, elapsedMs: number, lang: Lang = 'en'): string {
  const words = PROGRESS_WORDS[lang]
  const share = p.bytes > 0 ? Math.min(1, p.bytesDone / p.bytes) : p.files > 0 ? p.filesDone / p.files : 0
  const filled = Math.round(share * WIDTH)
  const rate = elapsedMs > 0 ? p.bytesDone / (elapsedMs / 1000) : 0
  const left = rate > 0 && p.bytes > p.bytesDone ? Math.ceil((p.bytes - p.bytesDone) / rate) : null
  const eta = left === null ? '' : words.left(left >= 60 ? `${Math.floor(left / 60)}m${String(left % 60).padStart(2, '0')}s` : `${left}s`)
  const size = p.bytes > 0 ? `${mib(p.bytesDone)}/${mib(p.bytes)} MiB` : `${mib(p.bytesDone)} MiB`
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${p.filesDone}/${p.files} ${words.files}, ${size}, ${mib(rate)} MiB/s${eta}`
}

/**
 * A progress bar redrawn in place on stderr, at most ten times a second,
 * and only when stderr is a terminal: piped or redirected, it writes nothing.
 */
export class ProgressBar {
  private readonly started = Date.now()
  private last = 0
  private drawn = false

  constructor (private readonly state: ProgressState, private readonly out: NodeJS.WriteStream = process.stderr, private readonly lang: Lang = 'en') {}

  get enabled (): boolean {
    return this.out.isTTY === true
  }

  update (): void {
    if (!this.enabled) return
    const now = Date.now()
    if (now - this.last < 100) return
    this.last = now
    this.out.write(`\r${progressLine(this.state, now - this.started, this.lang)}\u001b[K`)
    this.drawn = true
  }

  /** Clear the bar before anything else is written. */
  done (): void {
    if (this.drawn) this.out.write('\r\u001b[K')
  }
}
