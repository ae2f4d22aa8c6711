/**
 * `curl -sN -T .` as a person uses it: typed into a terminal (a pseudo-terminal here,
 * never a pipe), so that the test sees what README's transcript shows.
 */
import { spawnSync } from 'node:child_process'
import { describe, expect } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { inTerminal, itWithCurlInTerminal } from './helpers/cli-clients'

// Undefined where curl is missing: its tests then skip (or fail in CI) naming the package.
const curlVersion = /^curl (\S+)/.exec(
  spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout ?? ''
)?.[1]
// curl issue #17513: with -T . curl 8.14 does not read stdin at all.
const brokenCurl = curlVersion?.startsWith('8.14.') === true

const ENTER = '\r'
const CTRL_D = '\x04'
const ip = '198.51.100.40'
const goodbye = `Good bye, client @ ${ip}`

describe(`curl -sN -T . typed into a terminal (curl ${curlVersion ?? 'not installed'})`, () => {
  if (brokenCurl) {
    itWithCurlInTerminal.skip(
      `curl ${curlVersion} is reported not to read stdin with -T . (curl issue #17513)`
    )
    return
  }

  itWithCurlInTerminal(
    'echoes each line as typed, says goodbye at the blank line, and exits 0 at Ctrl-D',
    async () => {
      const since = logMark()
      const curl = inTerminal('curl', [
        '-sN',
        '-T',
        '.',
        '-H',
        `cf-connecting-ip: ${ip}`,
        `${workerUrl()}/echo`,
      ])
      for (const line of ['hello', 'how are you?']) {
        curl.write(line + ENTER)
        // The terminal shows the typed line, then its echo, before the next line is typed.
        expect(await curl.readUntil(`${line}\r\n${line}\r\n`)).toBe(`${line}\r\n${line}\r\n`)
      }
      curl.write(ENTER)
      expect(await curl.readUntil(`${goodbye}\r\n`)).toBe(`\r\n${goodbye}\r\n`)
      // The Worker's side of the session is over (it drained the upload for up to 5 s, then
      // wrote its session-end line), and still the prompt is not back: as README says, curl
      // keeps reading the terminal until Ctrl-D.
      expect(await waitForSessionLogs(since, 1, (log) => log.client === ip)).toMatchObject([
        { transport: 'http', client: ip, lines: 2, bytes: 19, end: 'blank-line' },
      ])
      expect(curl.running()).toBe(true)
      curl.write(CTRL_D)
      const { exitCode, stdout } = await curl.exited(10_000)
      expect(exitCode).toBe(0)
      expect(stdout.toString('utf8')).toBe(
        `hello\r\nhello\r\nhow are you?\r\nhow are you?\r\n\r\n${goodbye}\r\n`
      )
    },
    30_000
  )
})
