/**
 * The send budget of a WebSocket session, at its edges, on both endpoints with
 * wrangler.toml's default: a session may echo WEBSOCKET_BUDGET_BYTES, each message
 * counting QUEUED_MESSAGE_OVERHEAD_BYTES more than its size.
 */
import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { renderOverBudget } from '../../src/echo/protocol/echo-protocol'
import { QUEUED_MESSAGE_OVERHEAD_BYTES } from '../../src/echo/protocol/send-budget'
import { captureSessionLogs } from './helpers/session-logs'
import { openWebSocket } from './helpers/websocket-client'
import { WEBSOCKET_ENDPOINTS } from './helpers/websocket-endpoints'

const BUDGET = Number(env.WEBSOCKET_BUDGET_BYTES)
// 320 messages of this size cost exactly the default budget of 20 MiB.
const MESSAGES = 320
const SIZE = BUDGET / MESSAGES - QUEUED_MESSAGE_OVERHEAD_BYTES
const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`
const line = (i: number, size = SIZE) => `${String(i).padStart(6, '0')}${'x'.repeat(size - 7)}\n`
const WAIT_MS = 10_000

let capture: ReturnType<typeof captureSessionLogs> | undefined
afterEach(() => capture?.restore())

describe.each(WEBSOCKET_ENDPOINTS)('GET $path, the send budget', ({ path, transport }) => {
  it('is 20 MiB by default, and the messages here cost exactly that', () => {
    expect(BUDGET).toBe(20 * 1024 * 1024)
    expect(MESSAGES * (SIZE + QUEUED_MESSAGE_OVERHEAD_BYTES)).toBe(BUDGET)
  })

  it('echoes every message up to exactly the budget, then ends at the next: error, goodbye, close 1008, logged', async () => {
    capture = captureSessionLogs()
    const ws = await openWebSocket('203.0.113.40', path)
    const sent = Array.from({ length: MESSAGES }, (_, i) => line(i))
    for (const message of sent) ws.socket.send(message)
    ws.socket.send('one more\n')
    ws.socket.send('and another\n')
    expect(await ws.closed(WAIT_MS)).toEqual({ code: 1008, reason: 'over budget' })
    expect(ws.messages).toEqual([...sent, renderOverBudget(BUDGET), goodbye('203.0.113.40')])
    const [log] = await capture.waitFor(1)
    expect(log).toMatchObject({
      event: 'session-end',
      transport,
      client: '203.0.113.40',
      lines: MESSAGES,
      bytes: MESSAGES * SIZE,
      end: 'over-budget',
    })
  })

  it('refuses a message that would pass the budget by one byte, and echoes nothing of it', async () => {
    const ws = await openWebSocket('203.0.113.41', path)
    const sent = Array.from({ length: MESSAGES - 1 }, (_, i) => line(i))
    for (const message of sent) ws.socket.send(message)
    ws.socket.send(line(MESSAGES - 1, SIZE + 1))
    expect(await ws.closed(WAIT_MS)).toEqual({ code: 1008, reason: 'over budget' })
    expect(ws.messages).toEqual([...sent, renderOverBudget(BUDGET), goodbye('203.0.113.41')])
  })

  it('counts a binary message by its bytes, as binary', async () => {
    const ws = await openWebSocket('203.0.113.42', path)
    const sent = Array.from({ length: MESSAGES }, (_, i) => new TextEncoder().encode(line(i)))
    for (const message of sent) ws.socket.send(message)
    ws.socket.send(Uint8Array.from([0x01]))
    expect(await ws.closed(WAIT_MS)).toEqual({ code: 1008, reason: 'over budget' })
    const binary = ws.messages.slice(0, MESSAGES)
    expect(binary.every((echo) => echo instanceof ArrayBuffer)).toBe(true)
    expect(binary.map((echo) => new Uint8Array(echo as ArrayBuffer))).toEqual(sent)
    expect(ws.messages.slice(MESSAGES)).toEqual([renderOverBudget(BUDGET), goodbye('203.0.113.42')])
  })

  it.each([
    ['a blank line: the goodbye and close 1000', '\n', { code: 1000, reason: 'goodbye' }, []],
    [
      'a message over MAX_LINE_BYTES: its own error and close 1009',
      'y'.repeat(65537),
      { code: 1009, reason: 'message too long' },
      ['error: message longer than 65536 bytes\n'],
    ],
  ])('at the budget, still ends as it would on %s', async (_name, last, close, errors) => {
    const ws = await openWebSocket('203.0.113.43', path)
    const sent = Array.from({ length: MESSAGES }, (_, i) => line(i))
    for (const message of sent) ws.socket.send(message)
    ws.socket.send(last)
    expect(await ws.closed(WAIT_MS)).toEqual(close)
    expect(ws.messages).toEqual([...sent, ...errors, goodbye('203.0.113.43')])
  })
})
