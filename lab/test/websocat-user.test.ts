/** What a websocat user sees, message by message, from the websocat-style client (clients/). */
import { describe, expect, it } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { websocatLike } from './helpers/cli-clients'

/** The client's stderr trace: one JSON event per message received, sent Close, or close. */
const events = (stderr: string): unknown[] =>
  stderr
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))

describe.each(WEBSOCKET_ENDPOINTS)('a websocat user of $path', ({ path, transport }) => {
  // Addresses of its own per endpoint: /ws/hibernating keeps one object per address.
  const ip = (n: number) => `203.0.113.${path === '/ws' ? n : n + 100}`

  it('sees each line echoed as typed, and the goodbye after Ctrl-D before the close', async () => {
    const since = logMark()
    const websocat = websocatLike(workerUrl(), path, ip(90))
    websocat.write('hello\n')
    expect(await websocat.readUntil('\n')).toBe('hello\n')
    websocat.write('how are you?\n')
    expect(await websocat.readUntil('\n')).toBe('how are you?\n')
    const { exitCode, stdout, stderr } = await websocat.end()
    expect(stdout.toString('utf8')).toBe(`hello\nhow are you?\nGood bye, client @ ${ip(90)}\n`)
    // Message by message: each echo keeps its "\n"; the goodbye comes after our Close
    // frame, then the Worker completes the close with our code.
    expect(events(stderr)).toEqual([
      { text: 'hello\n' },
      { text: 'how are you?\n' },
      { sent: 'close' },
      { text: `Good bye, client @ ${ip(90)}\n` },
      { close: 1000, reason: '' },
    ])
    expect(exitCode).toBe(0)
    expect(await waitForSessionLogs(since, 1, (log) => log.client === ip(90))).toMatchObject([
      { transport, lines: 2, bytes: 19, end: 'client-closed' },
    ])
  })

  it('sees the goodbye and the end of the session after typing a blank line', async () => {
    const websocat = websocatLike(workerUrl(), path, ip(91))
    websocat.write('hello\n')
    expect(await websocat.readUntil('\n')).toBe('hello\n')
    websocat.write('\n')
    // The Worker closes: websocat exits by itself, its stdin still open.
    const { exitCode, stdout, stderr } = await websocat.exited()
    expect(stdout.toString('utf8')).toBe(`hello\nGood bye, client @ ${ip(91)}\n`)
    expect(events(stderr)).toEqual([
      { text: 'hello\n' },
      { text: `Good bye, client @ ${ip(91)}\n` },
      { close: 1000, reason: 'goodbye' },
    ])
    expect(exitCode).toBe(0)
  })
})
