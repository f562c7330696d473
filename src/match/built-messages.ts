/**
 * The message tables (messages.ts) of the built-in rules, made when the
 * command was built (scripts/bundle-cli.mjs) and written into its bundles,
 * keyed by every field of the rules they are made from (messagesKey). The
 * library, built by tsc alone, makes them at start-up, as a command does
 * for any other rules (a --rules file, another language of texts).
 */
import type { MessageTables } from './messages.js'

declare const SSPI_BUILT_MESSAGES: Readonly<Record<string, MessageTables>> | undefined

/** The tables built for rules of this key, or null. */
export function builtMessages (key: string): MessageTables | null {
  if (typeof SSPI_BUILT_MESSAGES === 'undefined') return null
  return SSPI_BUILT_MESSAGES[key] ?? null
}
