/**
 * Odd WebSocket traffic from the `ws` client, on both endpoints: binary messages (any
 * bytes), empty messages, a message over the limit, and a socket that closes without a word.
 */
import { describe, expect, it } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { openWebSocket, texts } from '../../test/e2e/echo/helpers/ws-client'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { seededRandom } from './helpers/seeded-random'

const MAX_LINE_BYTES = 65536 // wrangler.toml [vars]

describe.each(WEBSOCKET_ENDPOINTS)('hostile messages to $path', ({ path, transport }) => {
  // Addresses of its own per endpoint: /ws/hibernating keeps one object per address.
  const ip = (n: number) => `203.0.113.${path === '/ws' ? n : n + 100}`
  const open = (clientIp: string) => openWebSocket(workerUrl(), clientIp, { path })

  it('echoes binary messages as binary, byte-exact, at sizes around the frame-length boundaries', async () => {
    const random = seededRandom(0xb17)
    const sizes = [1, 125, 126, 127, 65535, MAX_LINE_BYTES]
    const payloads = sizes.map((size) => Buffer.from(random.bytes(size)))
    // A payload that is all whitespace would count as blank and end the session.
    for (const payload of payloads) payload[0] = 0xff
    const client = await open(ip(80))
    for (const payload of payloads) client.socket.send(payload)
    const echoes = await client.waitForMessages(payloads.length)
    echoes.forEach((echo, i) => {
      expect(echo.binary, `message ${i} (${sizes[i]} bytes) stays binary`).toBe(true)
      expect(
        echo.data.equals(payloads[i] as Buffer),
        `message ${i} (${sizes[i]} bytes) byte-exact`
      ).toBe(true)
    })
    client.socket.send('\n')
    expect(await client.closed()).toEqual({ code: 1000, reason: 'goodbye' })
    expect(texts(client.messages.slice(payloads.length))).toEqual([
      `Good bye, client @ ${ip(80)}\n`,
    ])
  })

  it.each([
    ['an empty text message', ''],
    ['an empty binary message', Buffer.alloc(0)],
    ['a binary message of whitespace', Buffer.from(' \t\r\n')],
  ])('takes %s as the blank line: goodbye, close 1000, nothing echoed', async (_, blank) => {
    const since = logMark()
    const client = await open(ip(81))
    client.socket.send('before\n')
    client.socket.send(blank)
    expect(await client.closed()).toEqual({ code: 1000, reason: 'goodbye' })
    expect(client.messages.map((m) => [m.binary, m.data.toString('utf8')])).toEqual([
      [false, 'before\n'],
      [false, `Good bye, client @ ${ip(81)}\n`],
    ])
    expect(await waitForSessionLogs(since, 1, (log) => log.client === ip(81))).toMatchObject([
      { transport, lines: 1, bytes: 7, end: 'blank-line' },
    ])
  })

  it('answers a message over MAX_LINE_BYTES with an error, the goodbye and close 1009', async () => {
    const client = await open(ip(82))
    client.socket.send(Buffer.alloc(MAX_LINE_BYTES + 1, 'x'))
    expect(await client.closed()).toMatchObject({ code: 1009 })
    expect(texts(client.messages)).toEqual([
      `error: message longer than ${MAX_LINE_BYTES} bytes\n`,
      `Good bye, client @ ${ip(82)}\n`,
    ])
  })

  it('says goodbye to a socket that connects and closes without a message, with its close code', async () => {
    const since = logMark()
    const client = await open(ip(83))
    client.socket.close(4000, 'nothing to say')
    expect(await client.closed()).toEqual({ code: 4000, reason: 'nothing to say' })
    expect(texts(client.messages)).toEqual([`Good bye, client @ ${ip(83)}\n`])
    expect(await waitForSessionLogs(since, 1, (log) => log.client === ip(83))).toMatchObject([
      { transport, lines: 0, bytes: 0, end: 'client-closed' },
    ])
  })
})
