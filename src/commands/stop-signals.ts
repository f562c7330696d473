/** The signals that end a run after its counts are written, and the status each exits with (a shell's 128 + signal number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const

export type StopSignal = keyof typeof SIGNAL_EXIT
