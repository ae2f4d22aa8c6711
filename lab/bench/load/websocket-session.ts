/** Echo sessions over a WebSocket, one message per line, with the `ws` client. */
import WebSocket from 'ws'
import { CLIENT_ADDRESS, type EchoSession, lastLine } from './echo-session.ts'

const BLANK = Buffer.from('\n')
// ws queues without limit; past this many unsent bytes the sender waits.
const HIGH_WATER_BYTES = 256 * 1024

export function openWebSocketSession(port: number, timeoutMs: number): Promise<EchoSession> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
      headers: { 'cf-connecting-ip': CLIENT_ADDRESS },
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    })
    let last = ''
    const closed = new Promise<string>((resolve, reject) => {
      socket.once('close', () => resolve(lastLine(last)))
      socket.once('error', reject)
    })
    closed.catch(() => {})
    const session: EchoSession = {
      send: (data) => {
        socket.send(data, { binary: false })
        return socket.bufferedAmount < HIGH_WATER_BYTES
      },
      drain: async () => {
        while (socket.bufferedAmount >= HIGH_WATER_BYTES / 2) {
          await new Promise((resolve) => setImmediate(resolve))
        }
      },
      finish: () => socket.send(BLANK, { binary: false }),
      onLines: () => {},
      closed,
    }
    socket.on('message', (data) => {
      last = data.toString()
      session.onLines(1, performance.now())
    })
    socket.once('open', () => resolve(session))
    socket.once('error', reject)
  })
}
