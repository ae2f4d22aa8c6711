/** Plain Hono's GET /ws: listeners need no binding, as nothing is read from a context. */
import type { Handler } from 'hono'
import { echoConfig } from '../../../src/echo/echo-config'
import { IdleWatchdog } from '../../../src/echo/idle-watchdog'
import { SocketBudget, sharedByIsolate } from '../../../src/echo/websocket/socket-budget'
import { newSessionState } from '../../../src/echo/websocket/websocket-session'
import { PlainWebSocketSession } from './websocket-session'

const onIdle = (session: PlainWebSocketSession) => session.onIdle()

export const websocketEcho = (): Handler<{ Bindings: Env }> => {
  return function websocketEcho(c) {
    const config = echoConfig(c.env)
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    server.binaryType = 'arraybuffer'
    server.accept()
    const isolate = sharedByIsolate(config.websocketIsolateBudgetBytes)
    const budget = new SocketBudget(server, config.websocketBudgetBytes, [isolate])
    const session = new PlainWebSocketSession(
      server,
      config,
      'websocket',
      c.get('requestInfo'),
      budget,
      newSessionState()
    )
    const watchdog = new IdleWatchdog(config.idleTimeoutMs, () => session.handle(onIdle))
    const onEvent = <E>(handle: (event: E) => void, event: E) => {
      session.handle(() => handle(event))
      if (session.ended) watchdog.stop()
      else watchdog.waiting()
    }
    const onMessage = (event: MessageEvent) => session.onMessage(event.data as string | ArrayBuffer)
    const onClose = (event: CloseEvent) => session.onClose(event.code, event.reason)
    const onError = () => session.onError()
    server.addEventListener('message', (event) => onEvent(onMessage, event))
    server.addEventListener('close', (event) => onEvent(onClose, event))
    server.addEventListener('error', (event) => onEvent(onError, event))
    return new Response(null, { status: 101, webSocket: client })
  }
}
