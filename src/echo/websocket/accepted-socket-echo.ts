/** GET /ws: the echo over a WebSocket held by this Worker invocation. */
import type { Handler } from 'hono'
import { echoConfig } from '../echo-config'
import { IdleWatchdog } from '../idle-watchdog'
import { SocketBudget, sharedByIsolate } from './socket-budget'
import { WebSocketEchoSession } from './websocket-session'

/**
 * Every event of one socket. workerd runs each in a fresh async context, where the store
 * is empty; the session enters the context it was built in wherever it reads it, so
 * nothing here is bound. Messages go to a function of their own, as an object's
 * handleEvent() costs each message more CPU than a function does (lab/benchmark.md);
 * close and error, which come once a session, go to the listener object itself, which
 * costs less memory per socket than a closure for each.
 */
class SocketListener {
  readonly #session: WebSocketEchoSession
  readonly #watchdog: IdleWatchdog

  constructor(session: WebSocketEchoSession) {
    this.#session = session
    this.#watchdog = new IdleWatchdog(session.config.idleTimeoutMs, () => session.onIdle())
  }

  handleEvent(event: Event): void {
    if (event.type === 'close') {
      this.#session.onClose((event as CloseEvent).code, (event as CloseEvent).reason)
    } else {
      this.#session.onError()
    }
    this.#afterEvent()
  }

  readonly onMessage = (event: MessageEvent): void => {
    this.#session.onMessage(event.data)
    this.#afterEvent()
  }

  #afterEvent(): void {
    if (this.#session.ended) this.#watchdog.stop()
    else this.#watchdog.waiting()
  }
}

export const acceptedSocketEcho = (): Handler<{ Bindings: Env }> => {
  return function acceptedSocketEcho(c) {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    // Binary messages would otherwise arrive as Blob (websocket_standard_binary_type).
    server.binaryType = 'arraybuffer'
    server.accept()
    const config = echoConfig(c.env)
    const isolate = sharedByIsolate(config.websocketIsolateBudgetBytes)
    const budget = new SocketBudget(server, config.websocketBudgetBytes, [isolate])
    const session = new WebSocketEchoSession(server, config, 'websocket', budget)
    const listener = new SocketListener(session)
    server.addEventListener('message', listener.onMessage)
    server.addEventListener('close', listener)
    server.addEventListener('error', listener)
    return new Response(null, { status: 101, webSocket: client })
  }
}
