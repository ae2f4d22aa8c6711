/** GET /ws: the echo over a WebSocket held by this Worker invocation. */
import type { Handler } from 'hono'
import { bindToContext } from '../context/context-storage'
import { echoConfig } from './echo-config'
import { IdleWatchdog } from './idle-watchdog'
import { WebSocketEchoSession } from './websocket-session'

const onIdle = (session: WebSocketEchoSession) => session.onIdle()

export const websocketEcho = (): Handler<{ Bindings: Env }> => {
  return function websocketEcho(c) {
    const config = echoConfig(c.env)
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    // Binary messages would otherwise arrive as Blob (websocket_standard_binary_type).
    server.binaryType = 'arraybuffer'
    server.accept()
    const session = new WebSocketEchoSession(server, config, 'websocket')

    const watchdog = new IdleWatchdog(config.idleTimeoutMs, () => session.handle(onIdle))
    // workerd runs each event in a fresh async context: bind, or the listeners (and the
    // timers they set) would find no client in the context. One bound function serves
    // every event, as each binding costs the session memory.
    const onEvent = bindToContext(<E>(handle: (event: E) => void, event: E) => {
      session.handle(() => handle(event))
      if (session.ended) watchdog.stop()
      else watchdog.waiting()
    })
    const onMessage = (event: MessageEvent) => session.onMessage(event.data as string | ArrayBuffer)
    const onClose = (event: CloseEvent) => session.onClose(event.code, event.reason)
    const onError = () => session.onError()
    server.addEventListener('message', (event) => onEvent(onMessage, event))
    server.addEventListener('close', (event) => onEvent(onClose, event))
    server.addEventListener('error', (event) => onEvent(onError, event))
    return new Response(null, { status: 101, webSocket: client })
  }
}
