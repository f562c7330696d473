import { once } from 'node:events'
import { createConsumer, type ConsumerOptions } from '../queue/consumer.js'
import { writeOutputFile } from './output-file.js'
import { onStopSignal } from './stop-signals.js'
import { oneLine } from '../one-line.js'
import { compileRegExpsToMachineCode } from '../runtime/regexp-tier.js'
import { scavengeAloneWhenCoresAreBusy } from '../runtime/scavenge-alone.js'

/**
 * `consume URL --group G --out …`: a worker of a consumer group. SIGTERM
 * and SIGINT finish the batch in hand (written and acknowledged), write the
 * counts, and end with status 0: stopping a worker is how a pool shrinks.
 */
export async function runConsume (options: Omit<ConsumerOptions, 'out'> & { readonly out: string, readonly summaryFile: string | null }): Promise<number> {
  scavengeAloneWhenCoresAreBusy(1)
  compileRegExpsToMachineCode()
  const toStdout = options.out === '-'
  const write = async (text: string): Promise<void> => {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain')
  }
  const consumer = createConsumer({ ...options, out: toStdout ? write : options.out })
  const stopListening = onStopSignal(() => { consumer.stop() })
  try {
    const summary = await consumer.run()
    if (options.summaryFile !== null && !writeOutputFile(options.summaryFile, JSON.stringify(summary) + '\n')) return 1
    return 0
  } catch (err) {
    process.stderr.write(`sspi-annotate consume: ${oneLine((err as Error).message)}\n`)
    if (options.summaryFile !== null) writeOutputFile(options.summaryFile, JSON.stringify(consumer.summary) + '\n')
    return 1
  } finally {
    stopListening()
  }
}
