/** Opens an echo session to a target on loopback, by its transport. */
import type { EchoSession, Target } from './echo-session.ts'
import { openStreamSession } from './stream-session.ts'
import { openWebSocketSession } from './websocket-session.ts'

export const SESSION_TIMEOUT_MS = 10_000

export function openSession({ port, transport }: Target): Promise<EchoSession> {
  return transport === 'websocket'
    ? openWebSocketSession(port, SESSION_TIMEOUT_MS)
    : openStreamSession(port, transport === 'http', SESSION_TIMEOUT_MS)
}

/** Settles with `promise`, or rejects after `ms`: every load is bounded in time. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Checks the session ended as the protocol says: with this bench client's goodbye. */
export function expectGoodbye(line: string): void {
  if (!line.startsWith('Good bye, client @ ')) {
    throw new Error(`session ended without a goodbye; last line: ${JSON.stringify(line)}`)
  }
}
