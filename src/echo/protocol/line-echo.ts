/** The echo protocol over a byte stream: which bytes to echo for each chunk, and when to stop. */
import { isBlankLine, type SessionEnd } from './echo-protocol'
import { LineSplitter, type SplitStatus } from './line-splitter'

const EMPTY = new Uint8Array(0)
const NEWLINE = new Uint8Array([0x0a])

export interface EchoStep {
  /** Bytes to send back: zero or more whole lines, verbatim, as one buffer. */
  readonly echo: Uint8Array
  /** Set when the session ends with this step. */
  readonly end?: Extract<SessionEnd, 'blank-line' | 'line-too-long' | 'end-of-input'>
}

/**
 * Echoes every line until a blank one, a line over the limit, or the end of input.
 * One step per received chunk, so the transport writes once per chunk, not per line.
 */
export class LineEcho {
  lines = 0
  bytes = 0
  #splitter: LineSplitter
  #echoFrom: Uint8Array = EMPTY
  #echoEnd = 0

  constructor(maxLineBytes: number) {
    this.#splitter = new LineSplitter(maxLineBytes)
  }

  push(chunk: Uint8Array): EchoStep {
    return this.#step(this.#splitter.push(chunk, this.#accept), false)
  }

  /** The input ended: a last unterminated line is echoed with a `\n` added. */
  finish(): EchoStep {
    const step = this.#step(this.#splitter.flush(this.#accept), true)
    if (step.end !== 'end-of-input' || step.echo.length === 0) return step
    const echo = new Uint8Array(step.echo.length + 1)
    echo.set(step.echo)
    echo.set(NEWLINE, step.echo.length)
    this.bytes += 1
    return { echo, end: 'end-of-input' }
  }

  #accept = (bytes: Uint8Array, start: number, end: number): boolean => {
    if (isBlankLine(bytes, start, end)) return false
    this.#echoFrom = bytes
    this.#echoEnd = end
    this.lines++
    return true
  }

  #step(status: SplitStatus, finishing: boolean): EchoStep {
    const echo = this.#echoEnd === 0 ? EMPTY : this.#echoFrom.subarray(0, this.#echoEnd)
    this.#echoFrom = EMPTY
    this.#echoEnd = 0
    this.bytes += echo.length
    if (status === 'stopped') return { echo, end: 'blank-line' }
    if (status === 'line-too-long') return { echo, end: 'line-too-long' }
    return finishing ? { echo, end: 'end-of-input' } : { echo }
  }
}
