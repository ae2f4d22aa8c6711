/** GET /ws: the echo over a WebSocket held by this Worker invocation. */
import type { Handler } from 'hono'
import { bindToClientContext } from '../context/client-context'
import { echoConfig } from './echo-config'
import { renderUpgradeRequired } from './usage'
import { WebSocketEchoSession } from './websocket-session'

// The Upgrade token is case-insensitive (RFC 9110); Hono's upgradeWebSocket compares it exactly.
export const isWebSocketUpgrade = (upgrade: string | undefined): boolean =>
  upgrade?.toLowerCase() === 'websocket'

export const websocketEcho = (): Handler<{ Bindings: Env }> => {
  return function websocketEcho(c) {
    if (!isWebSocketUpgrade(c.req.header('upgrade'))) {
      return c.text(renderUpgradeRequired(c.req.url), 426, { upgrade: 'websocket' })
    }
    const config = echoConfig(c.env)
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    // Binary messages would otherwise arrive as Blob (websocket_standard_binary_type).
    server.binaryType = 'arraybuffer'
    server.accept()
    const session = new WebSocketEchoSession(server, config, 'websocket')

    let idleTimer: ReturnType<typeof setTimeout> | undefined
    const onIdle = () => session.handle(() => session.onIdle())
    // workerd runs each event in a fresh async context: bind, or the listeners (and the
    // timers they set) would find no client in the context.
    const listen = <K extends 'message' | 'close' | 'error'>(
      type: K,
      handle: (event: WebSocketEventMap[K]) => void
    ) =>
      server.addEventListener(
        type,
        bindToClientContext((event: WebSocketEventMap[K]) => {
          session.handle(() => handle(event))
          clearTimeout(idleTimer)
          if (!session.ended) idleTimer = setTimeout(onIdle, config.idleTimeoutMs)
        })
      )
    listen('message', (event) => session.onMessage(event.data as string | ArrayBuffer))
    listen('close', (event) => session.onClose(event.code, event.reason))
    listen('error', () => session.onError())
    idleTimer = setTimeout(onIdle, config.idleTimeoutMs)
    return new Response(null, { status: 101, webSocket: client })
  }
}
