/** HTTP full duplex with a real curl: the echo of a line arrives while the upload is still open. */
import { describe, expect } from 'vitest'
import { logMark } from '../helpers/worker-log'
import { workerUrl } from '../helpers/worker-under-test'
import { itWithCurl } from './helpers/cli-clients'
import { curlSession } from './helpers/curl-session'
import { waitForSessionLogs } from './helpers/worker-session-logs'

describe('full duplex over HTTP with curl -sN -T .', () => {
  itWithCurl(
    'echoes each line before the next one is written, then says goodbye at Ctrl-D',
    async () => {
      const since = logMark()
      const curl = curlSession(`${workerUrl()}/echo`, '198.51.100.30')
      const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1} of 20: ${'é'.repeat(i)}\n`)
      for (const line of lines) {
        curl.write(line)
        // The next line is written only once this echo has come back through the socket.
        expect(await curl.readUntil(line, 3000)).toBe(line)
      }
      const { exitCode, stdout } = await curl.end()
      expect(exitCode).toBe(0)
      expect(stdout.toString('utf8')).toBe(`${lines.join('')}Good bye, client @ 198.51.100.30\n`)
      const bytes = Buffer.byteLength(lines.join(''))
      expect(await waitForSessionLogs(since, 1, (log) => log.bytes === bytes)).toMatchObject([
        { transport: 'http', client: '198.51.100.30', lines: 20, end: 'end-of-input' },
      ])
    }
  )
})
