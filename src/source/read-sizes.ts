/**
 * Files annotated are read 512 KiB at a time. At the stream default of
 * 64 KiB, a million-line file took ~2,100 reads, and a CPU profile showed
 * the main thread idle for ~185 ms of a ~700 ms run, waiting on them. Not
 * 1 MiB: the line scanner's fast path needs a chunk's complete lines to span
 * no more than --max-line-length (1 MiB by default).
 */
export const BLOCK_CHUNK = 512 * 1024
