/** Splits a byte stream into lines that keep their terminators, with bounded memory. */

const LF = 0x0a

/**
 * Receives one line as `bytes[start, end)`, its `\n` included. Return `false` to stop.
 * Lines are handed over as ranges, not copies: the hot path allocates nothing per line.
 */
export type LineVisitor = (bytes: Uint8Array, start: number, end: number) => boolean

/** Why a push() or flush() returned: more input welcome, the visitor stopped, or a line hit the limit. */
export type SplitStatus = 'more' | 'stopped' | 'line-too-long'

/**
 * Byte-exact line splitter: `\n` and `\r\n` stay on their lines and invalid UTF-8
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
