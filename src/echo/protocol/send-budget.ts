/**
 * What the runtime still holds for one WebSocket client. `send()` has no backpressure: each
 * echo waits in workerd until the client reads it, outside V8's heap, where no heap limit
 * stops it. `bufferedAmount` counts those bytes; each queued message also costs its queue
 * entry, so the queue counts the messages not yet read as well. A client that keeps reading
 * holds next to nothing, however much it echoes over a session's life.
 */

// What workerd holds for each queued message besides its payload: about 100 bytes,
// measured with floods of short messages (docs/limits-and-security.md).
export const QUEUED_MESSAGE_OVERHEAD_BYTES = 128

/** What one more echo of `size` bytes costs while it waits. */
export const echoCost = (size: number): number => size + QUEUED_MESSAGE_OVERHEAD_BYTES

export class SendQueue {
  #sent = 0
  /** Where each message not yet known to be read ends, in bytes sent so far. */
  #ends: number[] = []
  #head = 0

  /** Counts a message of `size` bytes just sent. */
  sent(size: number): void {
    this.#sent += size
    this.#ends.push(this.#sent)
  }

  /** What the runtime holds, given the socket's `bufferedAmount` now. */
  held(bufferedAmount: number): number {
    const read = this.#sent - bufferedAmount
    const ends = this.#ends
    while (this.#head < ends.length && (ends[this.#head] as number) <= read) this.#head++
    if (this.#head > 1024 && this.#head * 2 > ends.length) {
      this.#ends = ends.slice(this.#head)
      this.#head = 0
    }
    return bufferedAmount + (this.#ends.length - this.#head) * QUEUED_MESSAGE_OVERHEAD_BYTES
  }
}
