/** The tutorial's telnet session (CRLF lines, then a blank line), over HTTP and WebSocket. */
import { describe, expect } from 'vitest'
import { curlSession } from '../../test/e2e/echo/helpers/curl-session'
import {
  type SessionLog,
  waitForSessionLogs,
} from '../../test/e2e/echo/helpers/worker-session-logs'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { itWithCurl, itWithPythonWebsockets, pythonWebsockets } from './helpers/cli-clients'

describe('the tutorial telnet session', () => {
  itWithCurl(
    'over HTTP with curl: each CRLF line echoed, the blank line brings the goodbye',
    async () => {
      const since = logMark()
      const curl = curlSession(`${workerUrl()}/echo`, '198.51.100.20')
      curl.write('hello\r\n')
      expect(await curl.readUntil('hello\r\n')).toBe('hello\r\n')
      curl.write('how are you?\r\n')
      expect(await curl.readUntil('\r\n')).toBe('how are you?\r\n')
      curl.write('\r\n')
      expect(await curl.readUntil('\n')).toBe('Good bye, client @ 198.51.100.20\n')
      const { exitCode, stdout } = await curl.end()
      expect(exitCode).toBe(0)
      expect(stdout.toString('utf8')).toBe(
        'hello\r\nhow are you?\r\nGood bye, client @ 198.51.100.20\n'
      )
      expect(
        await waitForSessionLogs(since, 1, (log) => log.transport === 'http' && log.bytes === 21)
      ).toMatchObject([
        { transport: 'http', client: '198.51.100.20', lines: 2, bytes: 21, end: 'blank-line' },
      ])
    }
  )

  for (const [i, { path, transport }] of WEBSOCKET_ENDPOINTS.entries()) {
    const ip = `2001:db8::2${i}`
    itWithPythonWebsockets(
      `over WebSocket ${path} with python3-websockets: one message per line, goodbye, close 1000`,
      async () => {
        const since = logMark()
        const python = pythonWebsockets(workerUrl(), path, ip)
        python.write('hello\r\nhow are you?\r\n\r\n')
        const { exitCode, stdout, stderr } = await python.end()
        expect(stderr).toBe('')
        expect(exitCode).toBe(0)
        expect(
          stdout
            .toString('utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line))
        ).toEqual([
          { text: 'hello\r\n' },
          { text: 'how are you?\r\n' },
          { text: `Good bye, client @ ${ip}\n` },
          { close: 1000, reason: 'goodbye' },
        ])
        const ours = (log: SessionLog) => log.transport === transport && log.bytes === 21
        expect(await waitForSessionLogs(since, 1, ours)).toMatchObject([
          { client: ip, lines: 2, end: 'blank-line' },
        ])
      }
    )
  }
})
