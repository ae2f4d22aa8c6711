/** Plain Hono's WebSocket session: the template's rules, with who it serves held as a field. */
import type { EchoConfig } from '../../../src/echo/echo-config'
import {
  isBlankLine,
  isBlankText,
  renderMessageTooLong,
  renderOverBudget,
  type SessionEnd,
} from '../../../src/echo/protocol/echo-protocol'
import type { BoundName } from '../../../src/echo/protocol/shared-budget'
import { utf8Length } from '../../../src/echo/protocol/utf8-length'
import type { Transport } from '../../../src/echo/session-log'
import type { SocketBudget } from '../../../src/echo/websocket/socket-budget'
import {
  closeQuietly,
  closeReply,
  type SessionState,
} from '../../../src/echo/websocket/websocket-session'
import { goodbye, log, logError } from './plain-log'
import type { RequestInfo } from './request-info'

export class PlainWebSocketSession {
  #over: BoundName = 'session'

  constructor(
    readonly socket: WebSocket,
    readonly config: EchoConfig,
    readonly transport: Transport,
    readonly info: RequestInfo,
    readonly budget: SocketBudget,
    readonly state: SessionState
  ) {}

  get ended(): boolean {
    return this.state.ended
  }

  handle(event: (session: this) => void): void {
    try {
      event(this)
    } catch (error) {
      this.#fail(error)
    }
  }

  #fail(error: unknown): void {
    logError('websocket-error', this.info, error)
    closeQuietly(this.socket, 1011, 'internal error')
    if (!this.ended) this.#stop('internal-error')
  }

  onMessage(data: string | ArrayBuffer): void {
    if (this.ended) return
    const size = typeof data === 'string' ? utf8Length(data) : data.byteLength
    if (size > this.config.maxLineBytes) {
      this.socket.send(renderMessageTooLong(this.config.maxLineBytes))
      this.#end('line-too-long', 1009, 'message too long')
    } else if (typeof data === 'string' ? isBlankText(data) : isBlankLine(new Uint8Array(data))) {
      this.#end('blank-line', 1000, 'goodbye')
    } else {
      const over = this.budget.check(size)
      if (over) {
        this.#endOver(over.bound, over.bytes)
        return
      }
      this.socket.send(data)
      this.budget.sent(size)
      this.state.lines++
      this.state.bytes += size
    }
  }

  #endOver(bound: BoundName, bytes: number): void {
    this.#over = bound
    this.socket.send(renderOverBudget(bound, bytes))
    this.#end('over-budget', 1008, 'over budget')
  }

  onClose(code: number, reason: string): void {
    this.budget.leave()
    if (this.ended) return
    if (code === 1006) {
      this.#stop('client-gone')
      return
    }
    this.#end('client-closed', closeReply(code), reason)
  }

  onError(): void {
    this.budget.leave()
    if (this.ended) return
    this.#stop('error')
  }

  onIdle(): void {
    if (this.ended) return
    this.#end('idle-timeout', 1000, 'idle timeout')
  }

  #end(end: SessionEnd, code: number, reason: string): void {
    try {
      this.socket.send(goodbye(this.info))
      this.socket.close(code, reason)
    } catch (error) {
      this.#fail(error)
      return
    }
    this.#stop(end)
  }

  #stop(end: SessionEnd): void {
    this.state.ended = true
    this.budget.closed = true
    const { lines, bytes, startedAt } = this.state
    const { transport } = this
    const bound = end === 'over-budget' ? { bound: this.#over } : {}
    log('session-end', this.info, {
      transport,
      lines,
      bytes,
      end,
      ...bound,
      durationMs: Date.now() - startedAt,
    })
  }
}
