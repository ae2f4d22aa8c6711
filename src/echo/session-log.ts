/** One log line per finished session; the context-stamped log adds who and which request. */
import { log } from '../context/context-log'
import type { SessionEnd } from './protocol'
import type { BoundName } from './websocket-bound'

export type Transport = 'http' | 'websocket' | 'websocket-hibernating'

export interface SessionSummary {
  readonly transport: Transport
  readonly lines: number
  readonly bytes: number
  readonly end: SessionEnd
  readonly startedAt: number
  /** For an over-budget end, the bound it would have passed. */
  readonly bound?: BoundName
}

export function logSessionEnd({ startedAt, ...summary }: SessionSummary): void {
  log('session-end', { ...summary, durationMs: Date.now() - startedAt })
}
