/** One log line per finished session; the context-stamped log adds who and which request. */
import { log } from '../context/context-log'
import type { SessionEnd } from './protocol/echo-protocol'

export type Transport = 'http' | 'websocket' | 'websocket-hibernating'

export interface SessionSummary {
  readonly transport: Transport
  readonly lines: number
  readonly bytes: number
  readonly end: SessionEnd
  readonly startedAt: number
}

export function logSessionEnd({ transport, lines, bytes, end, startedAt }: SessionSummary): void {
  log('session-end', { transport, lines, bytes, end, durationMs: Date.now() - startedAt })
}
