/** The signals that end a run after its counts are written, and the status each exits with (a shell's 128 + signal number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const

export type StopSignal = keyof typeof SIGNAL_EXIT

/** Call `handler` on SIGINT or SIGTERM, with the signal's name, until the returned function is called. */
export function onStopSignal (handler: (name: StopSignal) => void): () => void {
  const onSigint = (): void => handler('SIGINT')
  const onSigterm = (): void => handler('SIGTERM')
  process.on('SIGINT', onSigint)
  process.on('SIGTERM', onSigterm)
  return () => {
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigterm)
  }
}
