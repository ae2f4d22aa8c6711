/** Captures the echo's session-end log lines, through the context log's capture. */
import { captureLog, type LogLine } from '../../context/helpers/captured-log'

export interface SessionLog extends LogLine {
  event: 'session-end'
  transport: string
  client: string
  requestId: string
  traceId: string
  lines: number
  bytes: number
  end: string
  durationMs: number
}

export function captureSessionLogs() {
  const capture = captureLog()
  return {
    /** Resolves once `count` session logs were written, or rejects after `timeoutMs`. */
    waitFor: (count: number, timeoutMs = 2000) =>
      capture.waitFor('session-end', count, timeoutMs) as Promise<SessionLog[]>,
    restore: capture.restore,
  }
}
