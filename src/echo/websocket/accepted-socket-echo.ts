/** GET /ws: the echo over a WebSocket held by this Worker invocation. */
import type { Handler } from 'hono'
import { currentContext, runWithContext } from '../../context/context-storage'
import type { RequestContext } from '../../context/request-context'
import { echoConfig } from '../echo-config'
import { IdleWatchdog } from '../idle-watchdog'
import { SocketBudget, sharedByIsolate } from './socket-budget'
import { type MessageEnd, WebSocketEchoSession } from './websocket-session'

/**
 * Every event of one socket. workerd runs each in a fresh async context, where the store
 * is empty: the listener re-enters the context of the request that opened the socket for
 * whatever reads it, the goodbye and the log line when the session ends. A message that
 * is only echoed reads nothing from it and goes without: entering it costs each message
 * about a tenth of its CPU time. Messages go to a function of their own, as an object's
 * handleEvent() cost each message 4 to 8% more CPU than a function (measured side by side);
 * close and error, once a session, go to the object. It holds the context itself rather
 * than a snapshot of the request's async frame, as whatever a session keeps costs memory.
 */
class SocketListener {
  readonly #context: RequestContext
  readonly #session: WebSocketEchoSession
  readonly #watchdog: IdleWatchdog

  constructor(session: WebSocketEchoSession, context: RequestContext) {
    this.#context = context
    this.#session = session
    this.#watchdog = new IdleWatchdog(session.config.idleTimeoutMs, () => session.handle(onIdle))
  }

  handleEvent(event: Event): void {
    runWithContext(this.#context, onOther, this.#session, event)
    this.#afterEvent()
  }

  readonly onMessage = (event: MessageEvent): void => {
    let end: MessageEnd | undefined
    try {
      end = this.#session.echo(event.data)
    } catch (error) {
      runWithContext(this.#context, fail, this.#session, error)
    }
    if (end) runWithContext(this.#context, endAt, this.#session, end)
    this.#afterEvent()
  }

  #afterEvent(): void {
    if (this.#session.ended) this.#watchdog.stop()
    else this.#watchdog.waiting()
  }
}

const onIdle = (session: WebSocketEchoSession) => session.onIdle()
const fail = (session: WebSocketEchoSession, error: unknown) => session.onFailure(error)
const endAt = (session: WebSocketEchoSession, end: MessageEnd) =>
  session.handle((s) => s.endAt(end))
const onOther = (session: WebSocketEchoSession, event: Event) =>
  session.handle((s) =>
    event.type === 'close'
      ? s.onClose((event as CloseEvent).code, (event as CloseEvent).reason)
      : s.onError()
  )

export const acceptedSocketEcho = (): Handler<{ Bindings: Env }> => {
  return function acceptedSocketEcho(c) {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    // Binary messages would otherwise arrive as Blob (websocket_standard_binary_type).
    server.binaryType = 'arraybuffer'
    server.accept()
    const config = echoConfig(c.env)
    const context = currentContext()
    const isolate = sharedByIsolate(config.websocketIsolateBudgetBytes)
    const budget = new SocketBudget(server, config.websocketBudgetBytes, [isolate])
    const session = new WebSocketEchoSession(server, config, 'websocket', budget)
    const listener = new SocketListener(session, context)
    server.addEventListener('message', listener.onMessage)
    server.addEventListener('close', listener)
    server.addEventListener('error', listener)
    return new Response(null, { status: 101, webSocket: client })
  }
}
