import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runInContext, tryCurrentContext } from '../../src/context/context-storage'
import { CONTEXT_HEADER, contextHeaders } from '../../src/context/crossings/durable-object-context'
import type { EchoAttachment, HibernatingEcho } from '../../src/echo/hibernating-echo'
import { serializedSize } from '../context/helpers/serialized-size'
import { testContext } from '../context/helpers/test-context'
import { captureSessionLogs } from './helpers/session-logs'
import { acceptWebSocket, openWebSocket } from './helpers/websocket-client'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`
const ray = (n: number) => `${n.toString(16).padStart(16, '0')}-LHR`
const trace = (n: number) => n.toString(16).padStart(32, '0')
const objectFor = (name: string) => env.HIBERNATING_ECHO.getByName(name)
const IDLE_MS = Number(env.IDLE_TIMEOUT_SECONDS) * 1000
// Also keeps the objects' log lines out of the test output.
let capture: ReturnType<typeof captureSessionLogs>
beforeEach(() => {
  capture = captureSessionLogs()
})
afterEach(() => capture.restore())

/** Opens a socket straight at the object `name`, as the Worker would for `client`'s request. */
async function openAtObject(name: string, client: string, requestId = ray(1)) {
  const context = testContext(client, { requestId, traceId: trace(Number.parseInt(requestId, 16)) })
  const headers = runInContext(context, () => contextHeaders({ upgrade: 'websocket' }))
  return acceptWebSocket(
    await objectFor(name).fetch('http://example.com/ws/hibernating', { headers })
  )
}

/** When the object `name`'s alarm is due, or null. */
const pendingAlarm = (name: string) =>
  runInDurableObject(objectFor(name), (_echo, state) => state.storage.getAlarm())

/** The attachments of the object's sockets, rewritten by `change` (as time passing would). */
const rewriteAttachments = (name: string, change: (attachment: EchoAttachment) => void) =>
  runInDurableObject(objectFor(name), (_echo, state) => {
    for (const ws of state.getWebSockets()) {
      const attachment = ws.deserializeAttachment() as EchoAttachment
      change(attachment)
      ws.serializeAttachment(attachment)
    }
  })

describe('GET /ws/hibernating across hibernation', () => {
  it('says goodbye to the right client, and logs its request id, after eviction between messages', async () => {
    const ws = await openWebSocket('198.51.100.1', '/ws/hibernating', ray(0x1a))
    expect(ws.upgrade.headers.get('x-request-id')).toBe(ray(0x1a))
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
      requestId: ray(0x1a),
      lines: 2,
      bytes: 13,
    })
  })

  it('restores the context in a handler called from a fresh event with no store', async () => {
    const ws = await openWebSocket('198.51.100.2', '/ws/hibernating')
    await runInDurableObject(objectFor('198.51.100.2'), (echo: HibernatingEcho, state) => {
      expect(tryCurrentContext()).toBeUndefined()
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
      expect(tryCurrentContext()).toBeUndefined()
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
          state.getWebSockets().map((ws) => ws.deserializeAttachment().context.client)
        )
      )
    )
    expect(held).toEqual([['198.51.100.4'], ['198.51.100.5']])
  })
})

describe('the context crossing from the Worker to the object', () => {
  it('is the Worker’s, never one the client sent: a forged x-request-context is ignored', async () => {
    const forged = encodeURIComponent(
      JSON.stringify({ client: '192.0.2.66', requestId: ray(0x66) })
    )
    const response = await exports.default.fetch('http://example.com/ws/hibernating', {
      headers: {
        upgrade: 'websocket',
        'cf-connecting-ip': '198.51.100.6',
        'cf-ray': ray(0x6),
        [CONTEXT_HEADER]: forged,
      },
    })
    const ws = acceptWebSocket(response)
    ws.socket.send('\n')
    await ws.closed()
    expect(ws.messages).toEqual([goodbye('198.51.100.6')])
    expect((await capture.waitFor(1))[0]).toMatchObject({
      client: '198.51.100.6',
      requestId: ray(0x6),
    })
  })

  it('is required by the object, which answers 400 without it', async () => {
    const response = await objectFor('no-context').fetch('http://example.com/ws/hibernating', {
      headers: { upgrade: 'websocket' },
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toBe(`no ${CONTEXT_HEADER} header\n`)
  })

  it('keeps the attachment under 2 KiB for the longest address, id and counts', async () => {
    const longest = 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255'
    expect(longest).toHaveLength(45)
    await openAtObject('longest', longest, crypto.randomUUID())
    const attachment = await runInDurableObject(objectFor('longest'), (_echo, state) => {
      return state.getWebSockets()[0]?.deserializeAttachment() as EchoAttachment
    })
    expect(attachment.context.client).toBe(longest)
    attachment.session.lines = Number.MAX_SAFE_INTEGER
    attachment.session.bytes = Number.MAX_SAFE_INTEGER
    // Calibration: a 20,000-character string is its bytes plus header, tag and length.
    expect(serializedSize('x'.repeat(20_000))).toBe(20_006)
    expect(serializedSize(attachment)).toBeLessThan(2048)
  })
})

describe('GET /ws/hibernating idle timeout, by alarm', () => {
  it('arms one alarm at the first socket, and leaves it for the next ones', async () => {
    const before = Date.now()
    await openAtObject('alarm-arming', '192.0.2.50')
    const first = await pendingAlarm('alarm-arming')
    expect(first).toBeGreaterThanOrEqual(before + IDLE_MS)
    expect(first).toBeLessThanOrEqual(Date.now() + IDLE_MS)
    const ws = await openAtObject('alarm-arming', '192.0.2.51')
    ws.socket.send('a message writes no alarm\n')
    await ws.waitForMessages(1)
    const later = await pendingAlarm('alarm-arming')
    expect(later).toBe(first)
  })

  it('arms it sooner when the pending one is later, as a lowered IDLE_TIMEOUT_SECONDS leaves it', async () => {
    const farOff = Date.now() + 100 * IDLE_MS
    await runInDurableObject(objectFor('alarm-lowered'), (_e, s) => s.storage.setAlarm(farOff))
    const before = Date.now()
    await openAtObject('alarm-lowered', '192.0.2.56')
    const armed = await pendingAlarm('alarm-lowered')
    expect(armed).toBeGreaterThanOrEqual(before + IDLE_MS)
    expect(armed).toBeLessThanOrEqual(Date.now() + IDLE_MS)
  })

  it('ends each silent socket in its own context: goodbye, close 1000, its own log line', async () => {
    const sockets = await Promise.all([
      openAtObject('alarm-expired', '192.0.2.52', ray(0x52)),
      openAtObject('alarm-expired', '2001:db8::53', ray(0x53)),
    ])
    await rewriteAttachments('alarm-expired', (a) => {
      a.session.lastSeen -= IDLE_MS
    })
    expect(await runDurableObjectAlarm(objectFor('alarm-expired'))).toBe(true)
    for (const ws of sockets)
      expect(await ws.closed()).toEqual({ code: 1000, reason: 'idle timeout' })
    expect(sockets.map((ws) => ws.messages)).toEqual([
      [goodbye('192.0.2.52')],
      [goodbye('2001:db8::53')],
    ])
    const logs = await capture.waitFor(2)
    const ended = logs.map(({ client, requestId, traceId, end }) => ({
      client,
      requestId,
      traceId,
      end,
    }))
    expect(ended).toEqual(
      expect.arrayContaining([
        { client: '192.0.2.52', requestId: ray(0x52), traceId: trace(0x52), end: 'idle-timeout' },
        { client: '2001:db8::53', requestId: ray(0x53), traceId: trace(0x53), end: 'idle-timeout' },
      ])
    )
  })

  it('leaves a socket that spoke recently open, and re-arms for its deadline', async () => {
    const quiet = await openAtObject('alarm-rearm', '192.0.2.54', ray(0x54))
    const chatty = await openAtObject('alarm-rearm', '192.0.2.55', ray(0x55))
    const lastSeen = Date.now() - 1000
    await rewriteAttachments('alarm-rearm', (a) => {
      a.session.lastSeen = a.context.client === '192.0.2.54' ? lastSeen - IDLE_MS : lastSeen
    })
    await runDurableObjectAlarm(objectFor('alarm-rearm'))
    expect(await quiet.closed()).toEqual({ code: 1000, reason: 'idle timeout' })
    expect(chatty.messages).toEqual([])
    const next = await pendingAlarm('alarm-rearm')
    expect(next).toBe(lastSeen + IDLE_MS)
    chatty.socket.send('still here\n')
    expect(await chatty.waitForMessages(1)).toEqual(['still here\n'])
  })

  it('sets no alarm once every socket has ended', async () => {
    const ws = await openAtObject('alarm-last', '192.0.2.56')
    await rewriteAttachments('alarm-last', (a) => {
      a.session.lastSeen -= IDLE_MS
    })
    await runDurableObjectAlarm(objectFor('alarm-last'))
    await ws.closed()
    const next = await pendingAlarm('alarm-last')
    expect(next).toBeNull()
  })
})

describe('GET /ws/hibernating when a socket’s attachment goes wrong', () => {
  let capture: ReturnType<typeof captureSessionLogs> | undefined
  afterEach(() => capture?.restore())

  it('ends a session whose attachment outgrows 2 KiB with 1011, a logged error and its session-end line', async () => {
    capture = captureSessionLogs()
    const ws = await openAtObject('grown', '198.51.100.30')
    // State a fork adds per socket, grown past Cloudflare's limit (local workerd allows it).
    await rewriteAttachments('grown', (attachment) => {
      Object.assign(attachment, { notes: 'x'.repeat(2100) })
    })
    ws.socket.send('hello\n')
    expect(await ws.closed(5000)).toEqual({ code: 1011, reason: 'internal error' })
    expect(await capture.waitFor(1)).toMatchObject([
      { client: '198.51.100.30', end: 'internal-error' },
    ])
  })

  it('ends a socket that has no attachment (accepted by an older version) with 1011', async () => {
    const ws = await openAtObject('bare', '198.51.100.31')
    await runInDurableObject(objectFor('bare'), (_echo, state) => {
      for (const socket of state.getWebSockets()) socket.serializeAttachment(null)
    })
    ws.socket.send('hello\n')
    expect(await ws.closed(5000)).toEqual({ code: 1011, reason: 'internal error' })
  })
})
