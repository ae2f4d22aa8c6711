/**
 * The client context of a hibernatable WebSocket. A Durable Object woken for a socket
 * event runs it as a fresh event with an empty AsyncLocalStorage, and its memory may be
 * gone, so the context travels in the socket's attachment, which the runtime keeps
 * across hibernation (up to 2 KiB, structured-clonable).
 */
import { type ClientContext, runWithClientContext } from './client-context'

/** What a socket's attachment holds; extend it with your own per-socket state. */
export interface ContextAttachment {
  readonly context: ClientContext
}

/**
 * Re-enters the socket's client context, then runs `handle` with its attachment. Call it
 * first thing in every webSocketMessage, webSocketClose and webSocketError handler.
 * @example
 * webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
 *   runInSocketContext(ws, () => ws.send(`${clientAddress()} said ${message}`))
 * }
 */
export function runInSocketContext<A extends ContextAttachment, R>(
  socket: WebSocket,
  handle: (attachment: A) => R
): R {
  const attachment = socket.deserializeAttachment() as A | null
  if (!attachment) throw new Error('No context on this socket: serializeAttachment() it at upgrade')
  return runWithClientContext(attachment.context, () => handle(attachment))
}
