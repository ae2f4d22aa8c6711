/**
 * Hostile `cf-connecting-ip` values: whatever a client claims, only a well-formed IP
 * address reaches the goodbye and the session log; anything else reads `unknown`.
 * The runtime refusing the request outright (400, 431) is fine too.
 */
import { describe, expect, it } from 'vitest'
import { SENDABLE_NOT_CLIENT_ADDRESSES } from '../../test/context/helpers/client-address-cases'
import { curlSession } from '../../test/e2e/echo/helpers/curl-session'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { openWebSocket, texts } from '../../test/e2e/echo/helpers/ws-client'
import { logMark, logSince } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { itWithCurl } from './helpers/cli-clients'
import { rawConnection } from './helpers/raw-connection'

const TEN_KB = 10 * 1024

/** Each case's line has its own length, which finds its log line without trusting `client`. */
const lineOfLength = (bytes: number) => `${'h'.repeat(bytes - 1)}\n`

/** A raw POST whose header block is written byte for byte as given. */
async function rawPost(url: string, headerLines: string, line: string) {
  const connection = await rawConnection(url)
  await connection.write(
    `POST /echo HTTP/1.1\r\nHost: ${new URL(url).host}\r\n${headerLines}Content-Length: ${line.length}\r\nConnection: close\r\n\r\n${line}`
  )
  const response = (await connection.closed()).toString('latin1')
  return {
    status: Number(response.split(' ')[1]),
    body: response.slice(response.indexOf('\r\n\r\n') + 4),
  }
}

describe('hostile cf-connecting-ip values', () => {
  itWithCurl.each(
    SENDABLE_NOT_CLIENT_ADDRESSES.map(([name, value], i) => [name, value, i] as const)
  )('replaces %s with unknown in the goodbye and the log (curl)', async (_, value, i) => {
    const since = logMark()
    const line = lineOfLength(300 + i)
    const curl = curlSession(`${workerUrl()}/echo`, value)
    curl.write(`${line}\n`)
    const { exitCode, stdout } = await curl.end()
    expect(exitCode).toBe(0)
    expect(stdout.toString('utf8')).toBe(`${line}Good bye, client @ unknown\n`)
    const logs = await waitForSessionLogs(since, 1, (log) => log.bytes === line.length)
    expect(logs).toMatchObject([{ transport: 'http', client: 'unknown', end: 'blank-line' }])
    expect(logSince(since)).not.toContain(value)
  })

  const lineBreaking = [
    ['a folded continuation line', 'cf-connecting-ip: 203.0.113.7\r\n x-injected-marker\r\n'],
    ['a bare CR', 'cf-connecting-ip: 203.0.113.8\rx-injected: marker\r\n'],
    ['a bare LF', 'cf-connecting-ip: 203.0.113.9\nx-injected: marker\r\n'],
    ['a NUL', 'cf-connecting-ip: 203.0.113.10\0x-injected-marker\r\n'],
    ['a tab', 'cf-connecting-ip: 203.0.113.11\tx-injected-marker\r\n'],
  ] as const
  it.each(lineBreaking)(
    'keeps a value carrying %s out of the goodbye and the log (raw socket)',
    async (_, headerLines) => {
      const since = logMark()
      const line = lineOfLength(400 + headerLines.length)
      const { status, body } = await rawPost(workerUrl(), headerLines, line)
      expect([200, 400, 431]).toContain(status)
      const ip = /\d+\.\d+\.\d+\.\d+/.exec(headerLines)?.[0]
      if (status === 200) {
        // Either the runtime split the line (and the address before the break stands
        // alone, valid) or the whole value arrived and was refused as not an address.
        expect(body).toMatch(
          new RegExp(`Good bye, client @ (unknown|${ip?.replaceAll('.', '\\.')})\\n`)
        )
        const logs = await waitForSessionLogs(since, 1, (log) => log.bytes === line.length)
        expect(['unknown', ip]).toContain(logs[0]?.client)
      }
      expect(body).not.toContain('injected')
      expect(logSince(since)).not.toContain('injected')
    }
  )

  it.each(WEBSOCKET_ENDPOINTS)(
    'answers a 10 KB value on $path with a goodbye to unknown',
    async ({ path, transport }) => {
      const since = logMark()
      const value = `2001:db8::${'f'.repeat(TEN_KB)}`
      const client = await openWebSocket(workerUrl(), value, { path })
      const line = 'ping from a 10 KB address\n'
      client.socket.send(line)
      client.socket.send('\n')
      expect(await client.closed()).toMatchObject({ code: 1000 })
      expect(texts(client.messages)).toEqual([line, 'Good bye, client @ unknown\n'])
      const logs = await waitForSessionLogs(
        since,
        1,
        (log) => log.transport === transport && log.bytes === line.length
      )
      expect(logs).toMatchObject([{ client: 'unknown', lines: 1 }])
      expect(logSince(since)).not.toContain('f'.repeat(64))
    }
  )
})
