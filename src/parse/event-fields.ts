import { valueAt } from './fields.js'

/**
 * Where shippers put a Windows event ID: Winlogbeat's winlog.event_id,
 * NXLog's and Windows' own EventID, Vector's and Fluent Bit's event_id or
 * EventId. As text, which is what ECS keeps in event.code.
 */
const EVENT_ID_FIELDS = ['winlog.event_id', 'EventID', 'EventId', 'event_id', 'eventId']

/** The record's Windows event ID, as text; null when it carries none. */
export function windowsEventId (record: Record<string, unknown>): string | null {
  for (const path of EVENT_ID_FIELDS) {
    const v = valueAt(record, path)
    if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d{1,5}$/.test(v))) return String(v)
  }
  return null
}

/** Events whose `Status` is a Kerberos error number: 4768 (TGT), 4769 (service ticket), 4771 (pre-authentication). */
const KERBEROS_EVENTS = new Set(['4768', '4769', '4771'])

/** Where the same shippers put an event's `Status` data field. */
const STATUS_FIELDS = ['winlog.event_data.Status', 'event_data.Status', 'EventData.Status', 'Status']

/** A small hex number as Windows writes these fields: `0x18`, zero-padded `0x00000018`. */
const SMALL_HEX = /^0x0*[0-9A-Fa-f]{1,2}$/

/**
 * The `Status` of a Kerberos ticket event (4768, 4769, 4771) as its path, its
 * text and its number; null for any other record. The same events carry
 * encryption types and ticket options with the same small numbers, under
 * other names, and are not read.
 */
export function kerberosStatus (record: Record<string, unknown>): { path: string, text: string, value: number } | null {
  const id = windowsEventId(record)
  if (id === null || !KERBEROS_EVENTS.has(id)) return null
  for (const path of STATUS_FIELDS) {
    const v = valueAt(record, path)
    if (typeof v === 'string' && SMALL_HEX.test(v)) return { path, text: v, value: Number.parseInt(v.slice(2), 16) }
  }
  return null
}
