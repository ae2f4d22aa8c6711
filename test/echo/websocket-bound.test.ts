import { describe, expect, it } from 'vitest'
import {
  QUEUED_MESSAGE_OVERHEAD_BYTES as OVERHEAD,
  renderOverBudget,
  SharedBound,
  SocketBound,
} from '../../src/echo/websocket-bound'

/** A socket whose bufferedAmount the test sets, as workerd reports what is still unread. */
const socketWith = (bufferedAmount = 0) => ({ bufferedAmount }) as WebSocket

describe('SocketBound: what the runtime holds for one client', () => {
  it.each([
    // sizes sent, bufferedAmount then, held before one more (empty) echo
    [[], 0, 0],
    [[100], 100, 100 + OVERHEAD],
    [[100, 50], 150, 150 + 2 * OVERHEAD],
    // The client read the first message: only the second waits.
    [[100, 50], 50, 50 + OVERHEAD],
    // Part of the second read: it still waits whole.
    [[100, 50], 20, 20 + OVERHEAD],
    [[100, 50], 0, 0],
  ])('after echoes of %j, with bufferedAmount %i, holds %i', (sizes, buffered, held) => {
    const socket = socketWith()
    const bound = new SocketBound(socket, 1 << 20, [])
    for (const size of sizes) {
      expect(bound.take(size)).toBeUndefined()
      // The echo is sent and waits in full until the client reads.
      socket.bufferedAmount += size
    }
    socket.bufferedAmount = buffered
    bound.take(0)
    expect(bound.held).toBe(held + OVERHEAD)
  })

  it('never counts again what the client has read, as it keeps sending and reading', () => {
    const socket = socketWith()
    const bound = new SocketBound(socket, 1 << 20, [])
    for (let i = 0; i < 10_000; i++) {
      socket.bufferedAmount = i % 2 === 0 ? 0 : 1000
      expect(bound.take(1000)).toBeUndefined()
      expect(bound.held).toBe((i % 2 === 0 ? 0 : 1000 + OVERHEAD) + 1000 + OVERHEAD)
    }
  })

  it('admits an echo up to its session bytes exactly, then names the session bound', () => {
    const socket = socketWith()
    const bound = new SocketBound(socket, 2 * (100 + OVERHEAD), [])
    expect(bound.take(100)).toBeUndefined()
    socket.bufferedAmount = 100
    expect(bound.take(100)).toBeUndefined()
    socket.bufferedAmount = 200
    expect(bound.take(0)).toEqual({ bound: 'session', bytes: 2 * (100 + OVERHEAD) })
  })

  it('counts each echo in every shared bound it joined, and frees it when it leaves', () => {
    const isolate = new SharedBound('isolate', 1 << 20)
    const object = new SharedBound('object', 1 << 20)
    const socket = socketWith()
    const bound = new SocketBound(socket, 1 << 20, [isolate, object])
    bound.take(100)
    socket.bufferedAmount = 100
    expect([isolate.total, object.total]).toEqual([100 + OVERHEAD, 100 + OVERHEAD])
    bound.leave()
    expect([isolate.total, object.total]).toEqual([0, 0])
  })

  it('refuses an echo it would not fit and counts nothing of it', () => {
    const shared = new SharedBound('isolate', 150 + OVERHEAD)
    const socket = socketWith()
    const bound = new SocketBound(socket, 1 << 20, [shared])
    expect(bound.take(100)).toBeUndefined()
    socket.bufferedAmount = 100
    expect(bound.take(100)).toBe(shared)
    expect(shared.total).toBe(100 + OVERHEAD)
  })
})

describe('renderOverBudget', () => {
  it.each([
    [
      'session',
      2048,
      'error: this session would hold more than 2048 bytes unread; reconnect to go on\n',
    ],
    [
      'isolate',
      4096,
      "error: this server's sessions would hold more than 4096 bytes unread, this one the most; reconnect to go on\n",
    ],
    [
      'object',
      8192,
      "error: this Durable Object's sessions would hold more than 8192 bytes unread, this one the most; reconnect to go on\n",
    ],
  ] as const)('names the %s bound of %i bytes', (bound, bytes, line) => {
    expect(renderOverBudget({ bound, bytes })).toBe(line)
  })
})
