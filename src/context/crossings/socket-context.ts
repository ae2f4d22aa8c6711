/**
 * The context of a hibernatable WebSocket. A Durable Object woken for a socket event (or
 * an alarm) runs with an empty AsyncLocalStorage, and its memory may be gone, so the
 * context travels in the socket's attachment, which the runtime keeps across hibernation.
 */
import { logError } from '../context-log'
import { runInContext } from '../context-storage'
import type { RequestContext } from '../request-context'

/** What a socket's attachment holds; extend it with your own per-socket state. */
export interface ContextAttachment {
  readonly context: RequestContext
}

const encoder = new TextEncoder()

/** Cloudflare's limit on a serialized attachment (local workerd allows 16 KiB). */
export const MAX_ATTACHMENT_BYTES = 2048

/**
 * Stores `attachment` on the socket, refusing one whose JSON (as UTF-8, an upper bound of
 * what the runtime's serializer writes) passes 2 KiB: it would work locally and fail in
 * production. Call it at upgrade; a context a fork grows too far fails there, clearly.
 */
export function attachContext<A extends ContextAttachment>(socket: WebSocket, attachment: A): void {
  const bytes = encoder.encode(JSON.stringify(attachment)).length
  if (bytes > MAX_ATTACHMENT_BYTES) {
    throw new Error(
      `socket attachment of ${bytes} bytes passes Cloudflare's ${MAX_ATTACHMENT_BYTES}: keep the context and per-socket state smaller`
    )
  }
  socket.serializeAttachment(attachment)
}

/**
 * Re-enters the socket's context, then runs `handle` with its attachment. Call it first
 * thing in every webSocketMessage, webSocketClose and webSocketError handler.
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
  if (!attachment) throw new Error('No context on this socket: attachContext() it at upgrade')
  return runInContext(attachment.context, handle, attachment)
}

/**
 * Runs `handle` for each socket inside its own context, as an alarm must: it starts with
 * none, and one object holds many clients' sockets. A socket whose handler throws is
 * logged (in its context) and skipped, so the others still run and the caller never throws.
 */
export function runInEachSocketContext<A extends ContextAttachment>(
  sockets: readonly WebSocket[],
  handle: (socket: WebSocket, attachment: A) => void
): void {
  for (const socket of sockets) {
    try {
      runInSocketContext(socket, (attachment: A) => {
        try {
          handle(socket, attachment)
        } catch (error) {
          logError('socket-error', error)
        }
      })
    } catch (error) {
      logError('socket-error', error)
    }
  }
}
