/** One JSON log line per finished session, attributed to the client from the context. */
import { clientAddress } from '../context/client-context'
import type { SessionEnd } from './echo-protocol'

export type Transport = 'http' | 'websocket' | 'websocket-hibernating'

export interface SessionSummary {
  readonly transport: Transport
  readonly lines: number
  readonly bytes: number
  readonly end: SessionEnd
  readonly startedAt: number
}

export function logSessionEnd({ transport, lines, bytes, end, startedAt }: SessionSummary): void {
  console.log(
    JSON.stringify({
      event: 'session-end',
      transport,
      client: clientAddress(),
      lines,
      bytes,
      end,
      durationMs: Date.now() - startedAt,
    })
  )
}
