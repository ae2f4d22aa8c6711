/**
 * GET /ws/hibernating: the WebSocket echo, held by a Durable Object that may hibernate
 * while its sockets stay open. The route hands the upgrade to the object of its client.
 */
import { DurableObject } from 'cloudflare:workers'
import type { Handler } from 'hono'
import { logError } from '../context/context-log'
import { clientAddress, runInContext } from '../context/context-storage'
import { contextFromWorker, contextHeaders } from '../context/crossings/durable-object-context'
import {
  attachContext,
  type ContextAttachment,
  runInEachSocketContext,
  runInSocketContext,
} from '../context/crossings/socket-context'
import { plainTextResponse } from '../context/plain-text'
import { InvalidContextError, type RequestContext } from '../context/request-context'
import { echoConfig } from './config'
import { closeQuietly, newSessionState, type SessionState, WebSocketSession } from './websocket'
import { ObjectBounds } from './websocket-bound'

/**
 * One object per client address. An object runs one event at a time, so clients must
 * not share one: by address they spread over as many objects as there are clients, each
 * object starts near its client, and a busy client slows only its own sessions. Clients
 * behind one address (a NAT, or `unknown` where nothing sets cf-connecting-ip) do share
 * an object; add a shard number to the name if that matters.
 */
export const toHibernatingEcho = (): Handler<{ Bindings: Env }> => {
  return function toHibernatingEcho(c) {
    // A new request rather than the client's: the object sees only what the Worker vouches
    // for, the context included, which does not cross to the object by itself.
    return c.env.HIBERNATING_ECHO.getByName(clientAddress()).fetch(c.req.url, {
      headers: contextHeaders({ upgrade: 'websocket' }),
    })
  }
}

export interface EchoAttachment extends ContextAttachment {
  readonly session: SessionState
  /** Names the socket's bound while the object stays in memory. */
  readonly socketId: string
}

type SessionEvent = (session: WebSocketSession) => void

/**
 * Accepts sockets with `ctx.acceptWebSocket()`, so the runtime may evict the object
 * between events while its sockets stay open. Nothing lives in memory between events:
 * each one rebuilds the session from the socket's attachment, inside its context. The
 * idle timeout is an alarm, not a timer, which would keep the object from hibernating.
 */
export class HibernatingEcho extends DurableObject<Env> {
  readonly #config = echoConfig(this.env)
  readonly #bounds = new ObjectBounds(this.#config)

  override async fetch(request: Request): Promise<Response> {
    let context: RequestContext
    try {
      context = contextFromWorker(request)
    } catch (error) {
      if (!(error instanceof InvalidContextError)) throw error
      logError('context-error', error)
      return plainTextResponse(`${error.message}\n`, 400)
    }
    return runInContext(context, async () => {
      const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
      const socketId = crypto.randomUUID()
      attachContext(server, {
        context,
        session: newSessionState(),
        socketId,
      } satisfies EchoAttachment)
      this.ctx.acceptWebSocket(server)
      // One alarm serves every socket, armed for the earliest deadline: set here when none
      // is pending or the pending one is later (left by a longer IDLE_TIMEOUT_SECONDS), so
      // that a message costs no storage write: the alarm itself re-arms for the next one.
      const deadline = Date.now() + this.#config.idleTimeoutMs
      const pending = await this.ctx.storage.getAlarm()
      if (pending === null || pending > deadline) await this.ctx.storage.setAlarm(deadline)
      // Stamped here: the Worker cannot change the headers of a response from an object.
      const headers = { 'x-request-id': context.requestId }
      return new Response(null, { status: 101, webSocket: client, headers })
    })
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

  /** Ends each socket silent for the idle timeout, in its own context; re-arms for the rest. */
  override async alarm(): Promise<void> {
    const now = Date.now()
    let next = Number.POSITIVE_INFINITY
    runInEachSocketContext(this.ctx.getWebSockets(), (ws, attachment: EchoAttachment) => {
      const { session } = attachment
      if (session.ended) return
      const deadline = session.lastSeen + this.#config.idleTimeoutMs
      if (deadline <= now) this.#run(ws, attachment, (echo) => echo.onIdle())
      else next = Math.min(next, deadline)
    })
    if (next === Number.POSITIVE_INFINITY) return
    try {
      await this.ctx.storage.setAlarm(next)
    } catch (error) {
      // A failed alarm is retried; this one did its work, so say why it could not re-arm.
      logError('alarm-error', error)
    }
  }

  #handle(ws: WebSocket, event: SessionEvent): void {
    try {
      runInSocketContext(ws, (attachment: EchoAttachment) => this.#run(ws, attachment, event))
    } catch (error) {
      // No context to run in (a socket accepted by an older version of this object).
      logError('socket-error', error)
      closeQuietly(ws, 1011, 'internal error')
    }
  }

  #run(ws: WebSocket, attachment: EchoAttachment, event: SessionEvent): void {
    const { session: state, socketId } = attachment
    const bound = this.#bounds.of(ws, socketId, state.ended)
    const session = new WebSocketSession(ws, this.#config, 'websocket-hibernating', bound, state)
    event(session)
    try {
      // The object may be evicted as soon as this returns: keep the counts with the socket,
      // through the size check, as state a fork adds may outgrow it. Passing ends in 1011.
      attachContext(ws, attachment)
    } catch (error) {
      session.onFailure(error)
    }
    this.#bounds.release(socketId)
  }
}
