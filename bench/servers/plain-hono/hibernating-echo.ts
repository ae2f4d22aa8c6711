/**
 * Plain Hono's GET /ws/hibernating and its Durable Object: the template's, with who the
 * socket serves sent in a header, kept in the attachment and handed to each event.
 */
import { DurableObject } from 'cloudflare:workers'
import type { Handler } from 'hono'
import { parseClientAddress } from '../../../src/context/client-address'
import { isRequestId } from '../../../src/context/request-id'
import { isTraceId } from '../../../src/context/trace-context'
import { echoConfig } from '../../../src/echo/echo-config'
import { ObjectSocketBudgets } from '../../../src/echo/websocket/socket-budget'
import { newSessionState, type SessionState } from '../../../src/echo/websocket/websocket-session'
import { logError } from './plain-log'
import type { RequestInfo } from './request-info'
import { PlainWebSocketSession } from './websocket-session'

const INFO_HEADER = 'x-request-info'

interface PlainAttachment {
  readonly info: RequestInfo
  readonly session: SessionState
  readonly socketId: string
}

export const hibernatingEcho = (): Handler<{ Bindings: Env }> => {
  return function hibernatingEcho(c) {
    const info = c.get('requestInfo')
    return c.env.HIBERNATING_ECHO.getByName(info.client).fetch(c.req.url, {
      headers: { upgrade: 'websocket', [INFO_HEADER]: encodeURIComponent(JSON.stringify(info)) },
    })
  }
}

function infoFrom(request: Request): RequestInfo | undefined {
  try {
    const sent = JSON.parse(decodeURIComponent(request.headers.get(INFO_HEADER) ?? ''))
    const client = parseClientAddress(sent.client)
    return client === sent.client &&
      isRequestId(sent.requestId) &&
      isTraceId(sent.traceId) &&
      typeof sent.traceSampled === 'boolean'
      ? {
          client,
          requestId: sent.requestId,
          traceId: sent.traceId,
          traceSampled: sent.traceSampled,
        }
      : undefined
  } catch {
    return undefined
  }
}

export class HibernatingEcho extends DurableObject<Env> {
  readonly #config = echoConfig(this.env)
  readonly #budgets = new ObjectSocketBudgets(this.#config)

  override async fetch(request: Request): Promise<Response> {
    const info = infoFrom(request)
    if (!info) return new Response(`bad ${INFO_HEADER}\n`, { status: 400 })
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    const attachment = { info, session: newSessionState(), socketId: crypto.randomUUID() }
    server.serializeAttachment(attachment satisfies PlainAttachment)
    this.ctx.acceptWebSocket(server)
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + this.#config.idleTimeoutMs)
    }
    return new Response(null, { status: 101, webSocket: client })
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    this.#run(ws, (session) => {
      session.state.lastSeen = Date.now()
      session.onMessage(message)
    })
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string): void {
    this.#run(ws, (session) => session.onClose(code, reason))
  }

  override webSocketError(ws: WebSocket): void {
    this.#run(ws, (session) => session.onError())
  }

  override async alarm(): Promise<void> {
    const now = Date.now()
    let next = Number.POSITIVE_INFINITY
    for (const ws of this.ctx.getWebSockets()) {
      const { session } = ws.deserializeAttachment() as PlainAttachment
      if (session.ended) continue
      const deadline = session.lastSeen + this.#config.idleTimeoutMs
      if (deadline <= now) this.#run(ws, (echo) => echo.onIdle())
      else next = Math.min(next, deadline)
    }
    if (next !== Number.POSITIVE_INFINITY) await this.ctx.storage.setAlarm(next)
  }

  #run(ws: WebSocket, event: (session: PlainWebSocketSession) => void): void {
    const attachment = ws.deserializeAttachment() as PlainAttachment
    const { info, session: state, socketId } = attachment
    const budget = this.#budgets.of(ws, socketId, state.ended)
    try {
      new PlainWebSocketSession(
        ws,
        this.#config,
        'websocket-hibernating',
        info,
        budget,
        state
      ).handle(event)
    } catch (error) {
      logError('socket-error', info, error)
    }
    ws.serializeAttachment(attachment)
    this.#budgets.release(socketId)
  }
}
