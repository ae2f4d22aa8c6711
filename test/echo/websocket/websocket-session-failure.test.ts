/**
 * A WebSocket session whose handler throws, driven from outside any context as /ws's
 * listeners drive it: the client gets a 1011 close, and the error and the session's end
 * are logged in the client's context, which the session captured when it was built.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocketSession } from '../../../src/echo/websocket'
import { captureLog } from '../../context/helpers/captured-log'
import { ClientSocket, sessionOn } from '../helpers/socket-session'

/** A socket whose every send throws, as a bug of the Worker's would. */
class FailingSocket extends ClientSocket {
  override send(): void {
    throw new Error('send failed')
  }
}

function openSession(client: string) {
  const socket = new FailingSocket()
  return { socket, session: sessionOn(socket, client) }
}

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

describe.each([
  ['a message', (session: WebSocketSession) => session.onMessage('hello\n')],
  ['the idle timeout', (session: WebSocketSession) => session.onIdle()],
  ["the client's Close", (session: WebSocketSession) => session.onClose(1000, '')],
])('a WebSocket session whose handler throws, at %s', (_at, event) => {
  it('closes 1011 and logs the error and one session-end line, with the client', async () => {
    capture = captureLog()
    const { socket, session } = openSession('198.51.100.40')
    event(session)
    expect(socket.closed).toEqual({ code: 1011, reason: 'internal error' })
    const [error] = await capture.waitFor('websocket-error', 1)
    expect(error).toMatchObject({ client: '198.51.100.40' })
    const ends = await capture.waitFor('session-end', 1)
    expect(ends).toMatchObject([{ client: '198.51.100.40', end: 'internal-error' }])
    session.onClose(1011, '')
    expect(capture.lines.filter((line) => line.event === 'session-end')).toHaveLength(1)
  })
})
