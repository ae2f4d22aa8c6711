/**
 * The bounds on what a WebSocket session may leave unread, at their edges: a session's own
 * (WEBSOCKET_BUDGET_BYTES) and one shared by many sessions (the isolate's, the object's).
 * The session is built in its context and driven from outside it, as /ws drives it, on a socket that counts
 * bufferedAmount as workerd does: it grows with every echo until the client reads.
 */
import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import {
  QUEUED_MESSAGE_OVERHEAD_BYTES,
  renderOverBudget,
  SharedBound,
} from '../../../src/echo/websocket-bound'
import { captureSessionLogs } from '../helpers/session-logs'
import { ClientSocket, sessionOn } from '../helpers/socket-session'

const OVERHEAD = QUEUED_MESSAGE_OVERHEAD_BYTES
const BUDGET = Number(env.WEBSOCKET_BUDGET_BYTES)
// 128 messages of this size cost exactly the default budget of 8 MiB.
const MESSAGES = 128
const SIZE = BUDGET / MESSAGES - OVERHEAD
const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`
const line = (i: number, size = SIZE) => `${String(i).padStart(6, '0')}${'x'.repeat(size - 7)}\n`

/** One session on its own socket, built in its own context, sharing `shared` with others. */
function openSession(client: string, shared: SharedBound[] = []) {
  const socket = new ClientSocket()
  const session = sessionOn(socket, client, shared)
  // Called outside any context, as a listener that is not bound would call them.
  return {
    socket,
    session,
    send: (data: string | ArrayBuffer) => session.onMessage(data),
    closeFromClient: (code: number) => session.onClose(code, ''),
  }
}

let capture: ReturnType<typeof captureSessionLogs> | undefined
afterEach(() => capture?.restore())

describe('a WebSocket session’s own bound', () => {
  it('is 8 MiB unread by default, and the messages here cost exactly that', () => {
    expect(BUDGET).toBe(8 * 1024 * 1024)
    expect(MESSAGES * (SIZE + OVERHEAD)).toBe(BUDGET)
  })

  it('echoes up to exactly the bound while the client reads nothing, then ends at the next: error, goodbye, close 1008, logged', async () => {
    capture = captureSessionLogs()
    const { socket, send } = openSession('203.0.113.40')
    const sent = Array.from({ length: MESSAGES }, (_, i) => line(i))
    for (const message of [...sent, 'one more\n', 'and another\n']) send(message)
    expect(socket.closed).toEqual({ code: 1008, reason: 'over budget' })
    expect(socket.messages).toEqual([
      ...sent,
      renderOverBudget({ bound: 'session', bytes: BUDGET }),
      goodbye('203.0.113.40'),
    ])
    expect(await capture.waitFor(1)).toMatchObject([
      {
        client: '203.0.113.40',
        lines: MESSAGES,
        bytes: MESSAGES * SIZE,
        end: 'over-budget',
        bound: 'session',
      },
    ])
  })

  it('refuses a message that would pass the bound by one byte, and echoes nothing of it', () => {
    const { socket, send } = openSession('203.0.113.41')
    const sent = Array.from({ length: MESSAGES - 1 }, (_, i) => line(i))
    for (const message of sent) send(message)
    send(line(MESSAGES - 1, SIZE + 1))
    expect(socket.messages).toEqual([
      ...sent,
      renderOverBudget({ bound: 'session', bytes: BUDGET }),
      goodbye('203.0.113.41'),
    ])
  })

  it('counts a binary message by its bytes', () => {
    const { socket, send } = openSession('203.0.113.42')
    const sent = Array.from(
      { length: MESSAGES },
      (_, i) => new TextEncoder().encode(line(i)).buffer as ArrayBuffer
    )
    for (const message of sent) send(message)
    expect(socket.closed).toBeUndefined()
    send(Uint8Array.from([0x01]).buffer as ArrayBuffer)
    expect(socket.closed).toEqual({ code: 1008, reason: 'over budget' })
  })

  it('never cuts a client that reads as it goes: ten times the bound comes back whole', () => {
    const { socket, send } = openSession('203.0.113.43')
    const sent = Array.from({ length: MESSAGES * 10 }, (_, i) => line(i))
    for (const message of sent) {
      send(message)
      socket.read()
    }
    send('\n')
    expect(socket.messages).toEqual([...sent, goodbye('203.0.113.43')])
    expect(socket.closed).toEqual({ code: 1000, reason: 'goodbye' })
  })

  it('lets a client that stopped go on once it has read what waited', () => {
    const { socket, send } = openSession('203.0.113.44')
    for (let i = 0; i < MESSAGES; i++) send(line(i))
    socket.read()
    for (let i = 0; i < MESSAGES; i++) send(line(i))
    expect(socket.closed).toBeUndefined()
    expect(socket.messages).toHaveLength(2 * MESSAGES)
  })
})

describe('a bound shared by many sessions', () => {
  // Room for four of the messages here.
  const SHARED = 4 * (SIZE + OVERHEAD)

  it('ends the session that holds the most when an echo would pass it, naming the bound; the lighter one goes on', async () => {
    capture = captureSessionLogs()
    const shared = new SharedBound('isolate', SHARED)
    const heavy = openSession('198.51.100.1', [shared])
    const light = openSession('198.51.100.2', [shared])
    for (const i of [0, 1, 2]) heavy.send(line(i))
    light.send(line(3))
    // Past the bound: heavy holds the most, so heavy is to end, not light, which sent.
    light.send(line(4))
    expect(light.socket.closed).toBeUndefined()
    // An event of one request may not touch another's socket: heavy ends at its next echo.
    heavy.send(line(5))
    expect(heavy.socket.closed).toEqual({ code: 1008, reason: 'over budget' })
    expect(heavy.socket.messages).toEqual([
      line(0),
      line(1),
      line(2),
      renderOverBudget({ bound: 'isolate', bytes: SHARED }),
      goodbye('198.51.100.1'),
    ])
    expect(light.socket.closed).toBeUndefined()
    expect(light.socket.messages).toEqual([line(3), line(4)])
    expect(await capture.waitFor(1)).toMatchObject([
      { client: '198.51.100.1', end: 'over-budget', bound: 'isolate', lines: 3 },
    ])
  })

  it('ends the sending session itself when it holds the most', () => {
    const shared = new SharedBound('object', SHARED)
    const heavy = openSession('198.51.100.3', [shared])
    const light = openSession('198.51.100.4', [shared])
    light.send(line(0))
    for (const i of [1, 2, 3, 4]) heavy.send(line(i))
    expect(light.socket.closed).toBeUndefined()
    expect(heavy.socket.messages).toEqual([
      line(1),
      line(2),
      line(3),
      renderOverBudget({ bound: 'object', bytes: SHARED }),
      goodbye('198.51.100.3'),
    ])
  })

  it('counts an ended session until its socket is gone, then makes its room free', () => {
    const shared = new SharedBound('isolate', SHARED)
    const first = openSession('198.51.100.5', [shared])
    const second = openSession('198.51.100.6', [shared])
    for (const i of [0, 1, 2]) first.send(line(i))
    second.send(line(3))
    second.send(line(4))
    first.send(line(5))
    expect(first.session.ended).toBe(true)
    // What first's client has not read is still held: second, the heaviest still live, ends.
    second.send(line(5))
    expect(second.session.ended).toBe(true)
    expect(second.socket.messages.slice(0, 3)).toEqual([
      line(3),
      line(4),
      renderOverBudget({ bound: 'isolate', bytes: SHARED }),
    ])
    const third = openSession('198.51.100.7', [shared])
    first.closeFromClient(1000)
    second.closeFromClient(1000)
    for (const i of [0, 1, 2, 3]) third.send(line(i))
    expect(third.session.ended).toBe(false)
  })

  it('lets a session picked to end go on if its client has read by its next echo', () => {
    const shared = new SharedBound('isolate', SHARED)
    const reader = openSession('198.51.100.8', [shared])
    const other = openSession('198.51.100.9', [shared])
    for (const i of [0, 1, 2]) reader.send(line(i))
    reader.socket.read()
    // Counted as of its last echo, reader looks heaviest and is picked, not other.
    for (const i of [3, 4]) other.send(line(i))
    reader.send(line(6))
    other.send(line(5))
    expect(reader.socket.messages).toEqual([0, 1, 2, 6].map((i) => line(i)))
    expect(reader.session.ended).toBe(false)
    expect(other.session.ended).toBe(false)
  })
})
