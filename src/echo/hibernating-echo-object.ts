/** The Durable Object behind GET /ws/hibernating: the WebSocket echo, able to hibernate. */
import { DurableObject } from 'cloudflare:workers'
import { parseClientAddress } from '../context/client-address'
import { type ContextAttachment, runInSocketContext } from '../context/socket-context'
import { echoConfig } from './echo-config'
import { newSessionState, type SessionState, WebSocketEchoSession } from './websocket-session'

/** Carries the address the Worker validated; the Worker sends nothing else the client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-client-address'

export interface EchoAttachment extends ContextAttachment {
  readonly session: SessionState
}

/**
 * Accepts sockets with `ctx.acceptWebSocket()`, so the runtime may evict the object
 * between events while its sockets stay open. Nothing lives in memory between events:
 * each one rebuilds the session from the socket's attachment, inside its context.
 * There is no idle timeout: a pending setTimeout would keep the object from hibernating.
 */
export class HibernatingEcho extends DurableObject<Env> {
  readonly #config = echoConfig(this.env)

  override fetch(request: Request): Response {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    this.ctx.acceptWebSocket(server)
    // Validated again: cheap, and the attachment then never holds more than 45 characters.
    const clientAddress = parseClientAddress(request.headers.get(CLIENT_ADDRESS_HEADER))
    const attachment: EchoAttachment = { context: { clientAddress }, session: newSessionState() }
    server.serializeAttachment(attachment)
    return new Response(null, { status: 101, webSocket: client })
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    this.#handle(ws, (session) => session.onMessage(message))
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    this.#handle(ws, (session) => session.onClose(code, reason))
  }

  override webSocketError(ws: WebSocket): void {
    this.#handle(ws, (session) => session.onError())
  }

  #handle(ws: WebSocket, event: (session: WebSocketEchoSession) => void): void {
    runInSocketContext(ws, (attachment: EchoAttachment) => {
      const { session: state } = attachment
      new WebSocketEchoSession(ws, this.#config, 'websocket-hibernating', state).handle(event)
      // The object may be evicted as soon as this returns: keep the counts with the socket.
      ws.serializeAttachment(attachment)
    })
  }
}
