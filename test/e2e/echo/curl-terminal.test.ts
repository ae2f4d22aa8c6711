/**
 * `curl -sN -T .` as a person uses it: typed into a terminal (a pseudo-terminal here,
 * never a pipe), so that the test sees what README's transcript shows.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, inject, it } from 'vitest'
import { logMark } from '../helpers/worker-log'
import { inTerminal, itWithPython3 } from './helpers/cli-clients'
import { waitForSessionLogs } from './helpers/session-logs'

const curlVersion = /^curl (\S+)/.exec(
  execFileSync('curl', ['--version'], { encoding: 'utf8' })
)?.[1]
// Debian 12's curl, with which README's transcript was verified.
const KNOWN_CURL = '7.88.1'
// curl issue #17513: with -T . curl 8.14 does not read stdin at all.
const brokenCurl = curlVersion?.startsWith('8.14.') === true

const ENTER = '\r'
const CTRL_D = '\x04'
const ip = '198.51.100.40'
const goodbye = `Good bye, client @ ${ip}`

describe(`curl -sN -T . typed into a terminal (curl ${curlVersion}; verified with ${KNOWN_CURL})`, () => {
  if (brokenCurl) {
    it.skip(`curl ${curlVersion} is reported not to read stdin with -T . (curl issue #17513)`)
    return
  }

  itWithPython3(
    'echoes each line as typed, says goodbye at the blank line, and exits 0 at Ctrl-D',
    async () => {
      const since = logMark()
      const curl = inTerminal('curl', [
        '-sN',
        '-T',
        '.',
        '-H',
        `cf-connecting-ip: ${ip}`,
        `${inject('workerUrl')}/echo`,
      ])
      for (const line of ['hello', 'how are you?']) {
        curl.write(line + ENTER)
        // The terminal shows the typed line, then its echo, before the next line is typed.
        expect(await curl.readUntil(`${line}\r\n${line}\r\n`)).toBe(`${line}\r\n${line}\r\n`)
      }
      curl.write(ENTER)
      expect(await curl.readUntil(`${goodbye}\r\n`)).toBe(`\r\n${goodbye}\r\n`)
      if (curlVersion === KNOWN_CURL) {
        // curl keeps reading the terminal after the goodbye, whatever the server does:
        // the prompt comes back only at Ctrl-D.
        await expect(curl.exited(1000)).rejects.toThrow('timed out')
      }
      curl.write(CTRL_D)
      const { exitCode, stdout, stderr } = await curl.exited(5000)
      expect(exitCode).toBe(0)
      expect(stdout.toString('utf8')).toBe(
        `hello\r\nhello\r\nhow are you?\r\nhow are you?\r\n\r\n${goodbye}\r\n`
      )
      if (curlVersion === KNOWN_CURL) {
        // Meanwhile it busy-polls the terminal: close to a whole core (curl issues #2051, #17553).
        const { cpuSeconds, wallSeconds } = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}')
        expect(cpuSeconds).toBeGreaterThan(0.3 * wallSeconds)
      }
      expect(await waitForSessionLogs(since, 1, (log) => log.client === ip)).toMatchObject([
        { transport: 'http', client: ip, lines: 2, bytes: 19, end: 'blank-line' },
      ])
    },
    15_000
  )
})
