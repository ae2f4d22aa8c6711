/**
 * The echo protocol, free of any transport and of any bound: which bytes are lines, which
 * line ends a session, and what the server says then. The goodbye reads the client from
 * the context, never a parameter.
 */
import { clientAddress } from '../context/context-storage'

/** Why a session ended; one word in the session log line. */
export type SessionEnd =
  | 'blank-line'
  | 'end-of-input'
  | 'line-too-long'
  | 'over-budget'
  | 'client-closed'
  | 'client-gone'
  | 'idle-timeout'
  | 'error'
  | 'internal-error'

const isAsciiWhitespace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)

/** True if `bytes[start, end)` is empty or only what Python's `bytes.strip()` removes. */
export function isBlankLine(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) {
    if (!isAsciiWhitespace(bytes[i] as number)) return false
  }
  return true
}

/** The same test for a text message. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isAsciiWhitespace(text.charCodeAt(i))) return false
  }
  return true
}

/** `render_goodbye()`: no arguments, the address comes from the current context. */
export function renderGoodbye(): string {
  return `Good bye, client @ ${clientAddress()}\n`
}

export function renderLineTooLong(maxLineBytes: number): string {
  return `error: line longer than ${maxLineBytes} bytes\n`
}

export function renderMessageTooLong(maxLineBytes: number): string {
  return `error: message longer than ${maxLineBytes} bytes\n`
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * How many bytes a string takes as UTF-8, counted without encoding it. Lone surrogates
 * count as the 3-byte U+FFFD that TextEncoder writes for them.
 */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    bytes += code < 0x800 ? 1 : 2
    // A surrogate pair is 2 UTF-16 units and 4 bytes: skip the low half.
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) i++
  }
  return bytes
}

const LF = 0x0a

/**
 * Receives one line as `bytes[start, end)`, its `\n` included. Return `false` to stop.
 * Lines are handed over as ranges, not copies: the hot path allocates nothing per line.
 */
export type LineVisitor = (bytes: Uint8Array, start: number, end: number) => boolean

/** Why a push() or flush() returned: more input welcome, the visitor stopped, or a line hit the limit. */
export type SplitStatus = 'more' | 'stopped' | 'line-too-long'

/**
 * Splits a byte stream into lines that keep their terminators, with bounded memory.
 * Byte-exact: `\n` and `\r\n` stay on their lines and invalid UTF-8
 * passes through. A line longer than `maxLineBytes` (terminator included) is never
 * buffered past the limit. Lines completed by one push() are ranges of one buffer that
 * starts with the first of them, so a caller can echo them with a single write.
 */
export class LineSplitter {
  readonly maxLineBytes: number
  // Pieces of the line still waiting for its "\n". Joined once when it arrives, so a
  // long line trickling in through tiny chunks costs linear, not quadratic, time.
  #pending: Uint8Array[] = []
  #pendingBytes = 0

  constructor(maxLineBytes: number) {
    this.maxLineBytes = maxLineBytes
  }

  push(chunk: Uint8Array, visit: LineVisitor): SplitStatus {
    let lf = chunk.indexOf(LF)
    if (lf === -1) return this.#hold(chunk)
    let bytes = chunk
    if (this.#pendingBytes > 0) {
      lf += this.#pendingBytes
      bytes = this.#takePending(chunk)
    }
    let start = 0
    while (lf !== -1) {
      const end = lf + 1
      if (end - start > this.maxLineBytes) return 'line-too-long'
      if (!visit(bytes, start, end)) return 'stopped'
      start = end
      lf = bytes.indexOf(LF, start)
    }
    return this.#hold(bytes.subarray(start))
  }

  /** Ends the input: hands over a last line that has no terminator, if there is one. */
  flush(visit: LineVisitor): SplitStatus {
    if (this.#pendingBytes === 0) return 'more'
    const line = this.#takePending()
    return visit(line, 0, line.length) ? 'more' : 'stopped'
  }

  #hold(rest: Uint8Array): SplitStatus {
    if (rest.length === 0) return 'more'
    this.#pendingBytes += rest.length
    if (this.#pendingBytes > this.maxLineBytes) {
      this.#pending = []
      this.#pendingBytes = 0
      return 'line-too-long'
    }
    // A copy, so that a short tail does not keep a large chunk alive.
    this.#pending.push(rest.slice())
    return 'more'
  }

  #takePending(chunk?: Uint8Array): Uint8Array {
    const joined = new Uint8Array(this.#pendingBytes + (chunk?.length ?? 0))
    let offset = 0
    for (const piece of this.#pending) {
      joined.set(piece, offset)
      offset += piece.length
    }
    if (chunk) joined.set(chunk, offset)
    this.#pending = []
    this.#pendingBytes = 0
    return joined
  }
}

const EMPTY = new Uint8Array(0)
const NEWLINE = new Uint8Array([0x0a])

/** What the echo over a byte stream does with one chunk: which bytes to send back, and whether to stop. */
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
