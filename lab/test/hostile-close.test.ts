/**
 * Every way a client can close a WebSocket, in raw frames where a library would refuse:
 * the client gets the goodbye and a code it may receive, never 1011, no error is logged,
 * and the session writes its one session-end line. An abrupt drop is the client gone.
 */
import { describe, expect, it } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { errorsSince, logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { CLOSE, closePayload, rawWebSocket, TEXT } from './helpers/raw-websocket'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`

describe.each(WEBSOCKET_ENDPOINTS)('a client closing $path', ({ path, transport }) => {
  let n = path === '/ws' ? 0 : 100
  const nextIp = () => `198.18.0.${++n}`

  it.each([
    // the client's code (undefined: a Close without one), the code it gets back
    [1000, 1000],
    [1001, 1001],
    [1003, 1003],
    [1007, 1007],
    [1014, 1014],
    [3000, 3000],
    [4999, 4999],
    [undefined, 1000],
    // Codes a Close frame may not carry (RFC 6455 §7.4): the client broke the protocol.
    [999, 1002],
    [1004, 1002],
    [1016, 1002],
    [2999, 1002],
    [5000, 1002],
  ])(
    'with code %s gets the goodbye, then close %i, and one session-end line',
    async (code, reply) => {
      const ip = nextIp()
      const since = logMark()
      const startedAt = Date.now()
      const ws = await rawWebSocket(workerUrl(), path, ip)
      await ws.send(TEXT, Buffer.from('hello\n'))
      await ws.send(CLOSE, closePayload(code, 'bye'))
      const frames = await ws.frames()
      expect(frames.map((f) => f.opcode)).toEqual([TEXT, TEXT, CLOSE])
      expect(frames.slice(0, 2).map((f) => f.payload.toString('utf8'))).toEqual([
        'hello\n',
        goodbye(ip),
      ])
      expect(frames[2]?.payload.readUInt16BE(0)).toBe(reply)
      const logs = await waitForSessionLogs(since, 1, (log) => log.client === ip)
      expect(logs).toMatchObject([{ transport, lines: 1, end: 'client-closed' }])
      expect((await errorsSince(startedAt)).filter((line) => line.includes(ip))).toEqual([])
    }
  )

  it('logs a connection dropped without a Close as the client gone, once', async () => {
    const ip = nextIp()
    const since = logMark()
    const startedAt = Date.now()
    const ws = await rawWebSocket(workerUrl(), path, ip)
    await ws.send(TEXT, Buffer.from('hello\n'))
    await ws.waitForText('hello\n')
    ws.connection.socket.destroy()
    const logs = await waitForSessionLogs(since, 1, (log) => log.client === ip)
    expect(logs).toMatchObject([{ transport, lines: 1, end: 'client-gone' }])
    expect((await errorsSince(startedAt)).filter((line) => line.includes(ip))).toEqual([])
  })
})
