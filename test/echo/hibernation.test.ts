import { evictDurableObject, runInDurableObject } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tryClientAddress } from '../../src/context/client-context'
import {
  CLIENT_ADDRESS_HEADER,
  type EchoAttachment,
  type HibernatingEcho,
} from '../../src/echo/hibernating-echo-object'
import { serializedSize } from './helpers/serialized-size'
import { captureSessionLogs } from './helpers/session-logs'
import { acceptWebSocket, openWebSocket } from './helpers/websocket-client'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`
const objectFor = (name: string) => env.HIBERNATING_ECHO.getByName(name)
// Also keeps the objects' log lines out of the test output.
let capture: ReturnType<typeof captureSessionLogs>
beforeEach(() => {
  capture = captureSessionLogs()
})
afterEach(() => capture.restore())

/** Opens a socket straight at the object `name`, as the Worker would for client `ip`. */
async function openAtObject(name: string, ip: string) {
  const response = await objectFor(name).fetch('http://example.com/ws/hibernating', {
    headers: { upgrade: 'websocket', [CLIENT_ADDRESS_HEADER]: ip },
  })
  return acceptWebSocket(response)
}

describe('GET /ws/hibernating across hibernation', () => {
  it('says goodbye to the right client after the object was evicted between messages', async () => {
    const ws = await openWebSocket('198.51.100.1', '/ws/hibernating')
    ws.socket.send('before\n')
    await ws.waitForMessages(1)
    await evictDurableObject(objectFor('198.51.100.1'))
    ws.socket.send('after\n')
    ws.socket.send('\n')
    expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
    expect(ws.messages).toEqual(['before\n', 'after\n', goodbye('198.51.100.1')])
    // The counts live in the attachment too, so the log covers the whole session.
    expect((await capture.waitFor(1))[0]).toMatchObject({
      transport: 'websocket-hibernating',
      client: '198.51.100.1',
      lines: 2,
      bytes: 13,
    })
  })

  it('restores the context in a handler called from a fresh event with no store', async () => {
    const ws = await openWebSocket('198.51.100.2', '/ws/hibernating')
    await runInDurableObject(objectFor('198.51.100.2'), (echo: HibernatingEcho, state) => {
      expect(tryClientAddress()).toBeUndefined()
      const [server] = state.getWebSockets()
      echo.webSocketMessage(server as WebSocket, '\n')
    })
    expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
    expect(ws.messages).toEqual([goodbye('198.51.100.2')])
  })

  type Handler = (echo: HibernatingEcho, ws: WebSocket) => void
  it.each<[string, string, string, Handler]>([
    [
      'webSocketClose',
      '198.51.100.3',
      'client-closed',
      (echo, ws) => echo.webSocketClose(ws, 4000, 'bye'),
    ],
    ['webSocketError', '198.51.100.7', 'error', (echo, ws) => echo.webSocketError(ws)],
  ])('restores the context in %s called from a fresh event', async (_name, ip, end, call) => {
    await openWebSocket(ip, '/ws/hibernating')
    await runInDurableObject(objectFor(ip), (echo: HibernatingEcho, state) => {
      expect(tryClientAddress()).toBeUndefined()
      call(echo, state.getWebSockets()[0] as WebSocket)
    })
    expect((await capture.waitFor(1))[0]).toMatchObject({ client: ip, end })
  })

  it('keeps each socket its own client when clients share one object', async () => {
    const addresses = ['192.0.2.1', '2001:db8::2', '192.0.2.3']
    const sockets = await Promise.all(addresses.map((ip) => openAtObject('shared', ip)))
    await evictDurableObject(objectFor('shared'))
    for (const ws of sockets.toReversed()) ws.socket.send('\n')
    const transcripts = await Promise.all(sockets.map((ws) => ws.waitForMessages(1)))
    expect(transcripts).toEqual(addresses.map((ip) => [goodbye(ip)]))
  })

  it('routes each client address to an object of its own', async () => {
    await Promise.all(
      ['198.51.100.4', '198.51.100.5'].map((ip) => openWebSocket(ip, '/ws/hibernating'))
    )
    const held = await Promise.all(
      ['198.51.100.4', '198.51.100.5'].map((ip) =>
        runInDurableObject(objectFor(ip), (_echo, state) =>
          state.getWebSockets().map((ws) => ws.deserializeAttachment().context.clientAddress)
        )
      )
    )
    expect(held).toEqual([['198.51.100.4'], ['198.51.100.5']])
  })

  it('takes the address from cf-connecting-ip, never from a client-sent x-client-address', async () => {
    const response = await exports.default.fetch('http://example.com/ws/hibernating', {
      headers: {
        upgrade: 'websocket',
        'cf-connecting-ip': '198.51.100.6',
        [CLIENT_ADDRESS_HEADER]: '192.0.2.66',
      },
    })
    const ws = acceptWebSocket(response)
    ws.socket.send('\n')
    await ws.closed()
    expect(ws.messages).toEqual([goodbye('198.51.100.6')])
  })

  it('keeps the attachment under 2 KiB for the longest address and largest counts', async () => {
    const longest = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255'
    expect(longest).toHaveLength(45)
    await openWebSocket(longest, '/ws/hibernating')
    const attachment = await runInDurableObject(objectFor(longest), (_echo, state) => {
      return state.getWebSockets()[0]?.deserializeAttachment() as EchoAttachment
    })
    expect(attachment.context.clientAddress).toBe(longest)
    attachment.session.lines = Number.MAX_SAFE_INTEGER
    attachment.session.bytes = Number.MAX_SAFE_INTEGER
    // Calibration: a 20,000-character string is its bytes plus header, tag and length.
    expect(serializedSize('x'.repeat(20_000))).toBe(20_006)
    expect(serializedSize(attachment)).toBeLessThan(2048)
  })
})
