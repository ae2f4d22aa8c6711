/** The echo protocol over one WebSocket: each message is one line. */
import { logError } from '../../context/context-log'
import { captureContext, type InContext } from '../../context/context-storage'
import type { EchoConfig } from '../echo-config'
import {
  isBlankLine,
  isBlankText,
  renderGoodbye,
  renderMessageTooLong,
  renderOverBudget,
  type SessionEnd,
} from '../protocol/echo-protocol'
import { utf8Length } from '../protocol/utf8-length'
import { logSessionEnd, type Transport } from '../session-log'
import type { PassedBound, SocketBudget } from './socket-budget'

/** The ends a message can call for. */
type MessageEnd = Extract<SessionEnd, 'blank-line' | 'line-too-long' | 'over-budget'>

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
  /** When the client last sent a message (or connected): a hibernating socket's idle clock. */
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
export class WebSocketEchoSession {
  readonly #inContext: InContext = captureContext()
  /** The bound the session would pass, once it has: the error line names it. */
  #over: PassedBound | undefined

  constructor(
    readonly socket: WebSocket,
    readonly config: EchoConfig,
    readonly transport: Transport,
    readonly budget: SocketBudget,
    readonly state: SessionState = newSessionState()
  ) {}

  get ended(): boolean {
    return this.state.ended
  }

  onMessage(data: string | ArrayBuffer): void {
    try {
      const end = this.#echo(data)
      if (end) this.#endAt(end)
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
      this.budget.leave()
      if (this.ended) return
      if (code === 1006) this.#stop('client-gone')
      else this.#end('client-closed', closeReply(code), reason)
    } catch (error) {
      this.onFailure(error)
    }
  }

  onError(): void {
    try {
      this.budget.leave()
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
    this.#inContext(logError, 'websocket-error', error)
    // Even after an end: a close that has gone already makes this one a no-op.
    closeQuietly(this.socket, 1011, 'internal error')
    if (!this.ended) this.#stop('internal-error')
  }

  /** Echoes a message that is a line, or says which end it calls for. */
  #echo(data: string | ArrayBuffer): MessageEnd | undefined {
    if (this.ended) return undefined
    const size = typeof data === 'string' ? utf8Length(data) : data.byteLength
    if (size > this.config.maxLineBytes) return 'line-too-long'
    if (typeof data === 'string' ? isBlankText(data) : isBlankLine(new Uint8Array(data))) {
      return 'blank-line'
    }
    this.#over = this.budget.check(size)
    if (this.#over) return 'over-budget'
    this.socket.send(data)
    this.budget.sent(size)
    this.state.lines++
    this.state.bytes += size
    return undefined
  }

  #endAt(end: MessageEnd): void {
    if (end === 'blank-line') {
      this.#end('blank-line', 1000, 'goodbye')
    } else if (end === 'line-too-long') {
      this.socket.send(renderMessageTooLong(this.config.maxLineBytes))
      this.#end('line-too-long', 1009, 'message too long')
    } else {
      const { bound, bytes } = this.#over ?? { bound: 'session', bytes: this.budget.sessionBytes }
      this.socket.send(renderOverBudget(bound, bytes))
      // 1008, policy violation: the session broke a rule of the server's, not of the protocol.
      this.#end('over-budget', 1008, 'over budget')
    }
  }

  #end(end: SessionEnd, code: number, reason: string): void {
    try {
      this.socket.send(this.#inContext(renderGoodbye))
      this.socket.close(code, reason)
    } catch (error) {
      // The goodbye did not go: the session ends as a failure, and the socket still closes.
      this.onFailure(error)
      return
    }
    this.#stop(end)
  }

  /** Marks the session ended and writes its one session-end line. */
  #stop(end: SessionEnd): void {
    this.state.ended = true
    this.budget.closed = true
    const { lines, bytes, startedAt } = this.state
    const { transport } = this
    const bound = end === 'over-budget' ? this.#over?.bound : undefined
    this.#inContext(logSessionEnd, {
      transport,
      lines,
      bytes,
      end,
      startedAt,
      ...(bound && { bound }),
    })
  }
}
