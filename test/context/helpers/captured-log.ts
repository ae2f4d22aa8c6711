/**
 * Captures what the context-stamped log writes (the Worker runs in the test's isolate):
 * each line as the object it was, whether it was logged as an object or as JSON.
 */
import { vi } from 'vitest'
import { orUncaughtError } from './uncaught-errors'

export interface LogLine {
  readonly event: string
  readonly client?: string
  readonly requestId?: string
  readonly traceId?: string
  readonly [field: string]: unknown
}

const asLine = (logged: unknown): LogLine | undefined => {
  const line = typeof logged === 'string' && logged.startsWith('{') ? JSON.parse(logged) : logged
  return typeof line === 'object' && line !== null && 'event' in line
    ? (line as LogLine)
    : undefined
}

/** Captures console.log and console.error lines until `restore()`; nothing reaches the output. */
export function captureLog() {
  const lines: LogLine[] = []
  const keep = (logged: unknown) => {
    const line = asLine(logged)
    if (line) lines.push(line)
  }
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(keep),
    vi.spyOn(console, 'error').mockImplementation(keep),
  ]
  return {
    lines,
    /** Resolves with the first `count` lines of `event`, or rejects after `timeoutMs`. */
    waitFor(event: string, count: number, timeoutMs = 2000): Promise<LogLine[]> {
      return orUncaughtError(
        vi.waitFor(
          () => {
            const matching = lines.filter((line) => line.event === event)
            if (matching.length >= count) return matching.slice(0, count)
            throw new Error(`expected ${count} "${event}" log lines, got ${JSON.stringify(lines)}`)
          },
          { timeout: timeoutMs, interval: 5 }
        )
      )
    },
    restore: () => {
      for (const spy of spies) spy.mockRestore()
    },
  }
}
