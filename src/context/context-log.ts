/**
 * The context-stamped log: one line per event, carrying the whole current context (the
 * client, the request id, the trace ids, and any field a fork adds) beside the event's
 * own fields.
 * Every line the Worker and its Durable Objects log goes through here.
 */
import { env } from 'cloudflare:workers'
import { tryCurrentContext } from './context-storage'
import { type LogSettings, logSettingsOrSafest } from './log-settings'

export type LogFields = Readonly<Record<string, unknown>>

/**
 * The line for `event`: its name, the context (outside one: none), then its fields. A field
 * named like the event or a key of the context does not replace it: the line would
 * otherwise claim another client or request.
 */
export function logLine(event: string, fields: LogFields, settings: LogSettings): object | string {
  const context = tryCurrentContext()
  let line: Record<string, unknown> = { event, ...context, ...fields, ...context }
  line.event = event
  if (!settings.clientAddress && context) {
    const { client: _omitted, ...rest } = line
    line = rest
  }
  return settings.format === 'json' ? JSON.stringify(line) : line
}

/** Logs `event` with the current context. */
export function log(event: string, fields: LogFields = {}): void {
  console.log(logLine(event, fields, logSettingsOrSafest(env)))
}

/** Logs an error (at error level) with the current context: its message and where it came from. */
export function logError(event: string, error: unknown, fields: LogFields = {}): void {
  const details =
    error instanceof Error
      ? { error: error.message, errorName: error.name, stack: error.stack }
      : { error: String(error) }
  console.error(logLine(event, { ...details, ...fields }, logSettingsOrSafest(env)))
}
