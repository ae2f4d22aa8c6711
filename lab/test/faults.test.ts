/**
 * Clients that vanish: 200 of them hang up mid-line, mid-response or mid-handshake.
 * Afterwards the Worker still serves a normal session and has logged no unhandled error.
 */
import { describe, expect } from 'vitest'
import { curlSession } from '../../test/e2e/echo/helpers/curl-session'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { openWebSocket } from '../../test/e2e/echo/helpers/ws-client'
import { errorsSince, logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { itWithCurl } from './helpers/cli-clients'
import { chunk, postHead, rawConnection } from './helpers/raw-connection'

const PER_KIND = 50
// The WebSocket hang-ups alternate between /ws and /ws/hibernating.
const endpoint = (i: number) =>
  WEBSOCKET_ENDPOINTS[i % WEBSOCKET_ENDPOINTS.length] as { path: string; transport: string }

/** Sends a line, waits for its echo, sends half a line, hangs up. */
async function hangUpMidLine(url: string, ip: string) {
  const connection = await rawConnection(url)
  await connection.write(postHead(new URL(url).host, ip) + chunk('hello\n'))
  await connection.waitForBytes('hello\n'.length)
  await connection.write(chunk('half a li'))
  connection.socket.destroy()
}

/** Sends 1 MB of lines, hangs up as soon as the echo starts to come back. */
async function hangUpMidResponse(url: string, ip: string) {
  const connection = await rawConnection(url)
  await connection.write(postHead(new URL(url).host, ip))
  const line = chunk(`${'x'.repeat(999)}\n`)
  for (let i = 0; i < 1000; i++) connection.socket.write(line)
  await connection.waitForBytes(1, 10_000)
  connection.socket.destroy()
}

/** Sends 200 messages, terminates the TCP connection when the first echo arrives. */
async function hangUpMidWebSocketResponse(url: string, ip: string, path: string) {
  const client = await openWebSocket(url, ip, { path })
  for (let i = 0; i < 200; i++) client.socket.send(`message ${i} ${'y'.repeat(500)}\n`)
  await client.waitForMessages(1, 10_000)
  client.socket.terminate()
}

/** Sends part (or all) of a WebSocket upgrade request, hangs up before the 101. */
async function hangUpMidHandshake(url: string, ip: string, wholeHead: boolean) {
  const connection = await rawConnection(url)
  const head = `GET /ws HTTP/1.1\r\nHost: ${new URL(url).host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\ncf-connecting-ip: ${ip}\r\nSec-WebSocket-Version: 13\r\n`
  await connection.write(
    wholeHead ? `${head}Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n` : head
  )
  connection.socket.destroy()
}

describe('faults', () => {
  itWithCurl(
    'survives 200 clients hanging up mid-line, mid-response and mid-handshake',
    async () => {
      const url = workerUrl()
      const since = logMark()
      const startedAt = Date.now()
      const ips = (kind: number) =>
        Array.from({ length: PER_KIND }, (_, i) => `10.50.${kind}.${i + 1}`)
      const [midLine, midResponse, midWebSocket, midHandshake] = [0, 1, 2, 3].map(ips) as [
        string[],
        string[],
        string[],
        string[],
      ]
      await Promise.all([
        ...midLine.map((ip) => hangUpMidLine(url, ip)),
        ...midResponse.map((ip) => hangUpMidResponse(url, ip)),
        ...midWebSocket.map((ip, i) => hangUpMidWebSocketResponse(url, ip, endpoint(i).path)),
        ...midHandshake.map((ip, i) => hangUpMidHandshake(url, ip, i % 2 === 0)),
      ])

      // Every session that reached the Worker ended, once, attributed to its own client.
      const reached = new Set([...midLine, ...midResponse, ...midWebSocket])
      const logs = await waitForSessionLogs(since, reached.size, (log) => reached.has(log.client), {
        timeoutMs: 15_000,
      })
      expect(logs.map((log) => log.client).sort()).toEqual([...reached].sort())
      for (const log of logs) {
        const i = midWebSocket.indexOf(log.client)
        expect(log.transport, log.client).toBe(i === -1 ? 'http' : endpoint(i).transport)
      }

      // A normal session afterwards is served exactly as usual.
      const curl = curlSession(`${url}/echo`, '198.51.100.60')
      curl.write('still there?\n')
      expect(await curl.readUntil('\n')).toBe('still there?\n')
      curl.write('\n')
      expect(await curl.readUntil('\n')).toBe('Good bye, client @ 198.51.100.60\n')
      expect((await curl.end()).exitCode).toBe(0)
      await waitForSessionLogs(since, 1, (log) => log.client === '198.51.100.60')

      expect(await errorsSince(startedAt)).toEqual([])
    },
    60_000
  )
})
