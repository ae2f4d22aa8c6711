/**
 * What one WebSocket session may make the runtime hold. workerd's `send()` has no
 * backpressure and no `bufferedAmount`: it queues each message until the client reads it,
 * and goes on delivering the client's messages meanwhile, so a client that sends without
 * reading makes the Worker hold everything it echoes, outside V8's heap, where no heap
 * limit stops it. Nothing tells such a client from one that reads, so a session has a
 * budget of echoed bytes instead, and ends when the next echo would pass it.
 */

// What workerd holds for each queued message besides its payload (its queue entry and
// the message's own allocation): about 100 bytes, measured with floods of short messages.
export const QUEUED_MESSAGE_OVERHEAD_BYTES = 128

/** What `lines` echoed messages of `bytes` in all have cost a session's budget. */
export const budgetSpent = (lines: number, bytes: number): number =>
  bytes + lines * QUEUED_MESSAGE_OVERHEAD_BYTES

/** True if one more echo of `size` bytes keeps the session within `budgetBytes`. */
export const fitsBudget = (
  lines: number,
  bytes: number,
  size: number,
  budgetBytes: number
): boolean => budgetSpent(lines + 1, bytes + size) <= budgetBytes
