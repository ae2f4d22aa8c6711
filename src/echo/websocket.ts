/**
 * The echo over a WebSocket, where each message is one line: the session's rules, and
 * GET /ws, which holds the socket in this Worker invocation. The Durable Object of
 * GET /ws/hibernating (hibernating-echo.ts) runs the same session.
 */
import type { Handler } from 'hono'
import { logError } from '../context/context-log'
import { captureContext, type RunInContext } from '../context/context-storage'
import { type EchoConfig, echoConfig } from './config'
import {
  isBlankLine,
  isBlankText,
  renderGoodbye,
  renderMessageTooLong,
  type SessionEnd,
  utf8Length,
} from './protocol'
import { logSessionEnd, type Transport } from './session-log'
import { isolateBound, type PassedBound, renderOverBudget, SocketBound } from './websocket-bound'

// What a client's Close code calls for in reply (RFC 6455 §7.4): its own code where a Close
// frame may carry it; 1000 for a Close without one (1005); else 1002, as the client broke
// the protocol. workerd's close() refuses the codes it may not send, so never echo them.
export function closeReply(code: number): number {
  const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
  if (sendable || (code >= 3000 && code <= 4999)) return code
  return code === 1005 ? 1000 : 1002
}

/** Closes `socket`, unless it is closed already: then nothing is left to tell the client. */
export function closeQuietly(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason)
  } catch {
    // Already closed.
  }
}

/**
 * What a session remembers between messages: plain data, so that a hibernating
 * transport can keep it in the socket's attachment and rebuild the session per event.
 */
export interface SessionState {
  lines: number
  bytes: number
  ended: boolean
  readonly startedAt: number
  /** When the client last sent a message (or connected): the session's idle clock. */
  lastSeen: number
}

export const newSessionState = (now = Date.now()): SessionState => ({
  lines: 0,
  bytes: 0,
  ended: false,
  startedAt: now,
  lastSeen: now,
})

/**
 * One session's rules over its state. Build it inside the client's context: it captures
 * that context and enters it only where something reads it (the goodbye and the log
 * lines), so transports may call its handlers from listeners that are not bound, and a
 * message that is only echoed never pays to enter it. Each handler catches its own
 * failure: the client gets a 1011 close, not silence.
 */
export class WebSocketSession {
  readonly #runInContext: RunInContext = captureContext()

  constructor(
    readonly socket: WebSocket,
    readonly config: EchoConfig,
    readonly transport: Transport,
    readonly bound: SocketBound,
    readonly state: SessionState = newSessionState()
  ) {}

  get ended(): boolean {
    return this.state.ended
  }

  /** Echoes a message that is a line, else ends the session as the message calls for. */
  onMessage(data: string | ArrayBuffer): void {
    const { state } = this
    if (state.ended) return
    try {
      state.lastSeen = Date.now()
      const text = typeof data === 'string'
      const size = text ? utf8Length(data) : data.byteLength
      if (size > this.config.maxLineBytes) {
        this.socket.send(renderMessageTooLong(this.config.maxLineBytes))
        this.#end('line-too-long', 1009, 'message too long')
      } else if (text ? isBlankText(data) : isBlankLine(new Uint8Array(data))) {
        this.#end('blank-line', 1000, 'goodbye')
      } else {
        const over = this.bound.take(size)
        if (over) {
          this.#endOver(over)
          return
        }
        this.socket.send(data)
        state.lines++
        state.bytes += size
      }
    } catch (error) {
      this.onFailure(error)
    }
  }

  /**
   * The client closed first: still say goodbye, then complete the close with a code it may
   * receive. 1006 is no Close at all but the connection lost: nobody is left to answer.
   */
  onClose(code: number, reason: string): void {
    try {
      this.bound.leave()
      if (this.ended) return
      if (code === 1006) this.#stop('client-gone')
      else this.#end('client-closed', closeReply(code), reason)
    } catch (error) {
      this.onFailure(error)
    }
  }

  onError(): void {
    try {
      this.bound.leave()
      if (!this.ended) this.#stop('error')
    } catch (error) {
      this.onFailure(error)
    }
  }

  onIdle(): void {
    try {
      if (!this.ended) this.#end('idle-timeout', 1000, 'idle timeout')
    } catch (error) {
      this.onFailure(error)
    }
  }

  /** Something failed: close with 1011 rather than leave the client hanging, and say so. */
  onFailure(error: unknown): void {
    this.#runInContext(logError, 'websocket-error', error)
    // Even after an end: a close that has gone already makes this one a no-op.
    closeQuietly(this.socket, 1011, 'internal error')
    if (!this.ended) this.#stop('internal-error')
  }

  #endOver(over: PassedBound): void {
    this.socket.send(renderOverBudget(over))
    // 1008, policy violation: the session broke a rule of the server's, not of the protocol.
    this.#end('over-budget', 1008, 'over budget', over)
  }

  #end(end: SessionEnd, code: number, reason: string, over?: PassedBound): void {
    try {
      this.socket.send(this.#runInContext(renderGoodbye))
      this.socket.close(code, reason)
    } catch (error) {
      // The goodbye did not go: the session ends as a failure, and the socket still closes.
      this.onFailure(error)
      return
    }
    this.#stop(end, over)
  }

  /** Marks the session ended and writes its one session-end line. */
  #stop(end: SessionEnd, over?: PassedBound): void {
    this.state.ended = true
    this.bound.sessionEnded = true
    const { lines, bytes, startedAt } = this.state
    const { transport } = this
    this.#runInContext(logSessionEnd, {
      transport,
      lines,
      bytes,
      end,
      startedAt,
      ...(over && { bound: over.bound }),
    })
  }
}

/**
 * Every event of one /ws socket. workerd runs each in a fresh async context, where the
 * store is empty; the session enters the context it was built in wherever it reads it, so
 * nothing here is bound. Messages go to a function of their own, as an object's
 * handleEvent() costs each message more CPU than a function does (lab/benchmark.md);
 * close and error, which come once a session, go to the listener object itself, which
 * costs less memory per socket than a closure for each. The idle timeout is one timer a
 * session, not one a message: a message only moves the session's lastSeen, and the timer
 * re-arms itself for whatever time is left.
 */
class SocketListener {
  readonly #session: WebSocketSession
  #idleTimer: ReturnType<typeof setTimeout>

  constructor(session: WebSocketSession) {
    this.#session = session
    this.#idleTimer = setTimeout(this.#checkIdle, session.config.idleTimeoutMs)
  }

  handleEvent(event: Event): void {
    if (event.type === 'close') {
      this.#session.onClose((event as CloseEvent).code, (event as CloseEvent).reason)
    } else {
      this.#session.onError()
    }
    clearTimeout(this.#idleTimer)
  }

  readonly onMessage = (event: MessageEvent): void => {
    this.#session.onMessage(event.data)
    if (this.#session.ended) clearTimeout(this.#idleTimer)
  }

  #checkIdle = (): void => {
    const { state, config } = this.#session
    const left = state.lastSeen + config.idleTimeoutMs - Date.now()
    if (left > 0) this.#idleTimer = setTimeout(this.#checkIdle, left)
    else this.#session.onIdle()
  }
}

/** GET /ws: the echo over a WebSocket held by this Worker invocation. */
export const acceptedSocketEcho = (): Handler<{ Bindings: Env }> => {
  return function acceptedSocketEcho(c) {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
    // Binary messages would otherwise arrive as Blob (websocket_standard_binary_type).
    server.binaryType = 'arraybuffer'
    server.accept()
    const config = echoConfig(c.env)
    const isolate = isolateBound(config.websocketIsolateBudgetBytes)
    const bound = new SocketBound(server, config.websocketBudgetBytes, [isolate])
    const session = new WebSocketSession(server, config, 'websocket', bound)
    const listener = new SocketListener(session)
    server.addEventListener('message', listener.onMessage)
    server.addEventListener('close', listener)
    server.addEventListener('error', listener)
    return new Response(null, { status: 101, webSocket: client })
  }
}
