import { exports } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { SENDABLE_NOT_CLIENT_ADDRESSES } from '../../context/helpers/client-address-cases'
import { captureSessionLogs } from '../helpers/session-logs'
import { openWebSocket } from '../helpers/websocket-client'
import { WEBSOCKET_ENDPOINTS } from '../helpers/websocket-endpoints'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`
let capture: ReturnType<typeof captureSessionLogs> | undefined
afterEach(() => capture?.restore())

describe.each(WEBSOCKET_ENDPOINTS)('GET $path', ({ path, transport }) => {
  const open = (ip?: string) => openWebSocket(ip, path)

  it('echoes text messages verbatim, as text', async () => {
    const ws = await open('203.0.113.1')
    ws.socket.send('hello\n')
    ws.socket.send('no newline')
    ws.socket.send('é😀\r\n')
    expect(await ws.waitForMessages(3)).toEqual(['hello\n', 'no newline', 'é😀\r\n'])
  })

  it('echoes binary messages verbatim, as binary', async () => {
    const ws = await open('203.0.113.2')
    const bytes = Uint8Array.from([0xff, 0x00, 0xc3, 0x28, 0x0a])
    ws.socket.send(bytes)
    const [echo] = await ws.waitForMessages(1)
    expect(echo).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(echo as ArrayBuffer)]).toEqual([...bytes])
  })

  it.each([
    ['a blank line as websocat sends it', '\n'],
    ['an empty message', ''],
    ['whitespace only', ' \t\r\n'],
  ])('says goodbye and closes 1000 on %s', async (_name, blank) => {
    const ws = await open('203.0.113.3')
    ws.socket.send('one\n')
    ws.socket.send(blank)
    ws.socket.send('after\n')
    expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
    expect(ws.messages).toEqual(['one\n', goodbye('203.0.113.3')])
  })

  it('treats a blank binary message as a blank line', async () => {
    const ws = await open('203.0.113.3')
    ws.socket.send(Uint8Array.from([0x0d, 0x0a]))
    expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
    expect(ws.messages).toEqual([goodbye('203.0.113.3')])
  })

  it('keeps the context across messages: the goodbye after several names this client', async () => {
    const ws = await open('2001:db8::4')
    for (let i = 0; i < 5; i++) ws.socket.send(`line ${i}\n`)
    ws.socket.send('\n')
    await ws.closed()
    expect(ws.messages.at(-1)).toBe(goodbye('2001:db8::4'))
  })

  it('refuses a message over MAX_LINE_BYTES: error, goodbye, close 1009', async () => {
    const ws = await open('203.0.113.5')
    ws.socket.send('x'.repeat(65537))
    expect(await ws.closed()).toEqual({ code: 1009, reason: 'message too long' })
    expect(ws.messages).toEqual([
      'error: message longer than 65536 bytes\n',
      goodbye('203.0.113.5'),
    ])
  })

  it('counts a text message in UTF-8 bytes against the limit', async () => {
    const ws = await open('203.0.113.5')
    ws.socket.send('é'.repeat(32768)) // 65536 bytes: accepted
    ws.socket.send(`é${'é'.repeat(32768)}`) // 65538 bytes: refused
    expect((await ws.closed()).code).toBe(1009)
    expect(ws.messages[0]).toBe('é'.repeat(32768))
  })

  it('says goodbye when the client closes first, then completes the close with its code', async () => {
    const ws = await open('203.0.113.6')
    ws.socket.send('last\n')
    await ws.waitForMessages(1)
    ws.socket.close(4000, 'end of input')
    expect(await ws.closed()).toEqual({ code: 4000, reason: 'end of input' })
    expect(ws.messages).toEqual(['last\n', goodbye('203.0.113.6')])
  })

  it.each(SENDABLE_NOT_CLIENT_ADDRESSES)(
    'says goodbye to unknown for %s in cf-connecting-ip',
    async (_name, value) => {
      const ws = await open(value)
      ws.socket.send('\n')
      await ws.closed()
      expect(ws.messages).toEqual([goodbye('unknown')])
    }
  )

  it('logs one line per session, with the client and the upgrade request id from the context', async () => {
    capture = captureSessionLogs()
    const ray = path === '/ws' ? '0123456789abcdef-SJC' : '0123456789abcdee-SJC'
    const ws = await openWebSocket('203.0.113.8', path, ray)
    expect(ws.upgrade.headers.get('x-request-id')).toBe(ray)
    ws.socket.send('ab\n')
    ws.socket.send('\n')
    await ws.closed()
    const [log] = await capture.waitFor(1)
    expect(log).toMatchObject({
      event: 'session-end',
      transport,
      client: '203.0.113.8',
      requestId: ray,
      lines: 1,
      bytes: 3,
      end: 'blank-line',
    })
  })

  it('accepts the Upgrade token in any case', async () => {
    const response = await exports.default.fetch(`http://example.com${path}`, {
      headers: { upgrade: 'WebSocket' },
    })
    expect(response.status).toBe(101)
    response.webSocket?.accept()
    response.webSocket?.close(1000)
  })

  it('answers 426 with Upgrade and instructions without an Upgrade header', async () => {
    const response = await exports.default.fetch(`http://example.com${path}`)
    expect(response.status).toBe(426)
    expect(response.headers.get('upgrade')).toBe('websocket')
    expect(await response.text()).toContain(`npx wscat -c ws://example.com${path}`)
  })

  it('answers other methods with 405 and Allow: GET', async () => {
    const response = await exports.default.fetch(`http://example.com${path}`, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })
})
