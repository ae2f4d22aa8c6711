/**
 * A WebSocket session on a socket made in the test, built in its client's context as the
 * transports build it, so that its handlers can be driven from outside any context.
 */
import { env } from 'cloudflare:test'
import { runInContext } from '../../../src/context/context-storage'
import { echoConfig } from '../../../src/echo/config'
import { utf8Length } from '../../../src/echo/protocol'
import { WebSocketSession } from '../../../src/echo/websocket'
import type { SharedBound } from '../../../src/echo/websocket-bound'
import { SocketBound } from '../../../src/echo/websocket-bound'
import { testContext } from '../../context/helpers/test-context'

/** A client's socket as the server sees it: what it sends waits in bufferedAmount until read. */
export class ClientSocket {
  bufferedAmount = 0
  readonly messages: (string | ArrayBuffer)[] = []
  closed: { code: number; reason: string } | undefined
  send(data: string | ArrayBuffer): void {
    this.messages.push(data)
    this.bufferedAmount += typeof data === 'string' ? utf8Length(data) : data.byteLength
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason }
  }
  /** The client reads everything sent so far. */
  read(): void {
    this.bufferedAmount = 0
  }
}

/** A session of `client` on `socket`, with the default session bound, sharing `shared`. */
export function sessionOn(socket: ClientSocket, client: string, shared: SharedBound[] = []) {
  const ws = socket as unknown as WebSocket
  const budget = new SocketBound(ws, Number(env.WEBSOCKET_BUDGET_BYTES), shared)
  return runInContext(
    testContext(client, { requestId: `${client}-req` }),
    () => new WebSocketSession(ws, echoConfig(env), 'websocket', budget)
  )
}
