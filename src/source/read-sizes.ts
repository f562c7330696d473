/**
 * Files annotated are read 512 KiB at a time. At the stream default of
 * 64 KiB, a million-line file took ~2,100 reads, and a CPU profile showed
 * the main thread idle for ~185 ms of a ~700 ms run, waiting on them. Not
 * 1 MiB: the line scanner's fast path needs a chunk's complete lines to span
 * no more than --max-line-length (1 MiB by default).
 */
export const BLOCK_CHUNK = 512 * 1024

/**
 * Where every line makes an output of its own (--all, rsyslog), a chunk's
 * outputs are all made before backpressure is heard: chunks stay at the fs
 * stream default, since 512 KiB of --all events took ~160 MB with stdout
 * stalled. Record mode makes its outputs in batches of bytes
 * (write/byte-batch.ts) and reads as text does: on the bench's NDJSON
 * corpus, 512 KiB chunks with the batches took 568 ms against 727 with
 * 64 KiB chunks, each into a new buffer (medians of 15, paired).
 */
export const LINE_CHUNK = 64 * 1024
