import { describe, expect, it } from 'vitest'
import {
  echoCost,
  QUEUED_MESSAGE_OVERHEAD_BYTES,
  SendQueue,
} from '../../../src/echo/protocol/send-budget'

const OVERHEAD = QUEUED_MESSAGE_OVERHEAD_BYTES

describe('SendQueue: what the runtime holds for one client', () => {
  it('charges a waiting echo its bytes and the runtime’s queue entry', () => {
    expect(OVERHEAD).toBe(128)
    expect(echoCost(0)).toBe(OVERHEAD)
    expect(echoCost(100)).toBe(100 + OVERHEAD)
  })

  it.each([
    // sizes sent, bufferedAmount now, held
    [[], 0, 0],
    [[100], 100, 100 + OVERHEAD],
    [[100, 50], 150, 150 + 2 * OVERHEAD],
    // The client read the first message: only the second waits.
    [[100, 50], 50, 50 + OVERHEAD],
    // Part of the second read: it still waits whole.
    [[100, 50], 20, 20 + OVERHEAD],
    [[100, 50], 0, 0],
  ])('after messages of %j, with bufferedAmount %i, holds %i', (sizes, buffered, held) => {
    const queue = new SendQueue()
    for (const size of sizes) queue.sent(size)
    expect(queue.held(buffered)).toBe(held)
  })

  it('never counts again what the client has read, as it keeps sending and reading', () => {
    const queue = new SendQueue()
    for (let i = 0; i < 10_000; i++) {
      queue.sent(1000)
      expect(queue.held(i % 2 === 0 ? 1000 : 0)).toBe(i % 2 === 0 ? 1000 + OVERHEAD : 0)
    }
    queue.sent(10)
    queue.sent(10)
    expect(queue.held(20)).toBe(20 + 2 * OVERHEAD)
  })
})
