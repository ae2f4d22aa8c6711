/** The echo protocol over one WebSocket: each message is one line. */
import { logError } from '../context/context-log'
import type { EchoConfig } from './echo-config'
import {
  isBlankLine,
  isBlankText,
  renderGoodbye,
  renderMessageTooLong,
  renderOverBudget,
  type SessionEnd,
} from './protocol/echo-protocol'
import { fitsBudget } from './protocol/send-budget'
import { utf8Length } from './protocol/utf8-length'
import { logSessionEnd, type Transport } from './session-log'

/** The ends a message can call for. */
export type MessageEnd = Extract<SessionEnd, 'blank-line' | 'line-too-long' | 'over-budget'>

// Close codes that may not be sent in a Close frame (RFC 6455 §7.4.1).
const UNSENDABLE_CLOSE_CODES = new Set([1005, 1006, 1015])

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
 * One session's rules over its state. Transports call its handlers from their listeners;
 * every handler must run inside the client context, which renderGoodbye() reads.
 */
export class WebSocketEchoSession {
  constructor(
    readonly socket: WebSocket,
    readonly config: EchoConfig,
    readonly transport: Transport,
    readonly state: SessionState = newSessionState()
  ) {}

  get ended(): boolean {
    return this.state.ended
  }

  /** Runs one event's handler; if it throws, the client gets a 1011 close, not silence. */
  handle(event: (session: this) => void): void {
    try {
      event(this)
    } catch (error) {
      this.onFailure(error)
    }
  }

  onMessage(data: string | ArrayBuffer): void {
    const end = this.echo(data)
    if (end) this.endAt(end)
  }

  /**
   * Echoes a message that is a line, or says which end it calls for. It reads nothing from
   * the context, so a transport may call it outside (GET /ws does, to save each message a
   * context switch); ending, which speaks the goodbye and logs, must run inside.
   */
  echo(data: string | ArrayBuffer): MessageEnd | undefined {
    if (this.ended) return undefined
    const size = typeof data === 'string' ? utf8Length(data) : data.byteLength
    if (size > this.config.maxLineBytes) return 'line-too-long'
    if (typeof data === 'string' ? isBlankText(data) : isBlankLine(new Uint8Array(data))) {
      return 'blank-line'
    }
    const { state } = this
    if (!fitsBudget(state.lines, state.bytes, size, this.config.websocketBudgetBytes)) {
      return 'over-budget'
    }
    this.socket.send(data)
    state.lines++
    state.bytes += size
    return undefined
  }

  /** Ends the session as a message called for: inside the context. */
  endAt(end: MessageEnd): void {
    if (end === 'blank-line') {
      this.#end('blank-line', 1000, 'goodbye')
    } else if (end === 'line-too-long') {
      this.socket.send(renderMessageTooLong(this.config.maxLineBytes))
      this.#end('line-too-long', 1009, 'message too long')
    } else {
      this.socket.send(renderOverBudget(this.config.websocketBudgetBytes))
      // 1008, policy violation: the session broke a rule of the server's, not of the protocol.
      this.#end('over-budget', 1008, 'over budget')
    }
  }

  /** The client closed first: still say goodbye, then complete the close with its code. */
  onClose(code: number, reason: string): void {
    if (this.ended) return
    this.#end('client-closed', UNSENDABLE_CLOSE_CODES.has(code) ? 1000 : code, reason)
  }

  onError(): void {
    if (this.ended) return
    this.state.ended = true
    this.#log('error')
  }

  /** A handler threw: close with 1011 rather than leave the client hanging. */
  onFailure(error: unknown): void {
    logError('websocket-error', error)
    this.state.ended = true
    try {
      this.socket.close(1011, 'internal error')
    } catch {
      // Already closed: nothing left to tell the client.
    }
  }

  onIdle(): void {
    if (this.ended) return
    this.#end('idle-timeout', 1000, 'idle timeout')
  }

  #end(end: SessionEnd, code: number, reason: string): void {
    this.state.ended = true
    try {
      this.socket.send(renderGoodbye())
      this.socket.close(code, reason)
    } finally {
      this.#log(end)
    }
  }

  #log(end: SessionEnd): void {
    const { lines, bytes, startedAt } = this.state
    const { transport } = this
    logSessionEnd({ transport, lines, bytes, end, startedAt })
  }
}
