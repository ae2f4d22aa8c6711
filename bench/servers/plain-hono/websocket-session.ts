/** Plain Hono's WebSocket session: the template's rules, with who it serves held as a field. */
import type { EchoConfig } from '../../../src/echo/echo-config'
import {
  isBlankLine,
  isBlankText,
  renderMessageTooLong,
  renderOverBudget,
  type SessionEnd,
} from '../../../src/echo/protocol/echo-protocol'
import { fitsBudget } from '../../../src/echo/protocol/send-budget'
import { utf8Length } from '../../../src/echo/protocol/utf8-length'
import type { Transport } from '../../../src/echo/session-log'
import type { SessionState } from '../../../src/echo/websocket-session'
import { goodbye, log, logError } from './plain-log'
import type { RequestInfo } from './request-info'

const UNSENDABLE_CLOSE_CODES = new Set([1005, 1006, 1015])

export class PlainWebSocketSession {
  constructor(
    readonly socket: WebSocket,
    readonly config: EchoConfig,
    readonly transport: Transport,
    readonly info: RequestInfo,
    readonly state: SessionState
  ) {}

  get ended(): boolean {
    return this.state.ended
  }

  handle(event: (session: this) => void): void {
    try {
      event(this)
    } catch (error) {
      logError('websocket-error', this.info, error)
      this.state.ended = true
      try {
        this.socket.close(1011, 'internal error')
      } catch {}
    }
  }

  onMessage(data: string | ArrayBuffer): void {
    if (this.ended) return
    const size = typeof data === 'string' ? utf8Length(data) : data.byteLength
    if (size > this.config.maxLineBytes) {
      this.socket.send(renderMessageTooLong(this.config.maxLineBytes))
      this.#end('line-too-long', 1009, 'message too long')
    } else if (typeof data === 'string' ? isBlankText(data) : isBlankLine(new Uint8Array(data))) {
      this.#end('blank-line', 1000, 'goodbye')
    } else if (
      !fitsBudget(this.state.lines, this.state.bytes, size, this.config.websocketBudgetBytes)
    ) {
      this.socket.send(renderOverBudget(this.config.websocketBudgetBytes))
      this.#end('over-budget', 1008, 'over budget')
    } else {
      this.socket.send(data)
      this.state.lines++
      this.state.bytes += size
    }
  }

  onClose(code: number, reason: string): void {
    if (this.ended) return
    this.#end('client-closed', UNSENDABLE_CLOSE_CODES.has(code) ? 1000 : code, reason)
  }

  onError(): void {
    if (this.ended) return
    this.state.ended = true
    this.#log('error')
  }

  onIdle(): void {
    if (this.ended) return
    this.#end('idle-timeout', 1000, 'idle timeout')
  }

  #end(end: SessionEnd, code: number, reason: string): void {
    this.state.ended = true
    try {
      this.socket.send(goodbye(this.info))
      this.socket.close(code, reason)
    } finally {
      this.#log(end)
    }
  }

  #log(end: SessionEnd): void {
    const { lines, bytes, startedAt } = this.state
    const { transport } = this
    log('session-end', this.info, {
      transport,
      lines,
      bytes,
      end,
      durationMs: Date.now() - startedAt,
    })
  }
}
