/** Echo sessions over a byte stream: raw TCP lines, or a chunked HTTP request body and response. */
import { connect, type Socket } from 'node:net'
import { CLIENT_ADDRESS, type EchoSession, lastLine } from './echo-session.ts'
import { HttpResponseParser } from './http-response-parser.ts'

const LF = 0x0a
const TAIL_CHARS = 256
const CRLF = Buffer.from('\r\n')
const LAST_CHUNK = Buffer.from('0\r\n\r\n')

const requestHead = (port: number) =>
  `POST /echo HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncf-connecting-ip: ${CLIENT_ADDRESS}\r\n` +
  'content-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n'

/** Opens a session; with `http`, resolves once the response head has arrived. */
export function openStreamSession(port: number, http: boolean, timeoutMs: number) {
  return new Promise<EchoSession>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true })
    const timer = setTimeout(() => fail(new Error(`no session within ${timeoutMs} ms`)), timeoutMs)
    const fail = (error: Error) => {
      clearTimeout(timer)
      socket.destroy()
      reject(error)
    }
    let tail = ''
    let settle: { resolve: (line: string) => void; reject: (error: Error) => void }
    const closed = new Promise<string>((resolve, reject) => {
      settle = { resolve, reject }
    })
    closed.catch(() => {})
    const session: EchoSession = {
      send: (data) => (http ? sendChunk(socket, data) : socket.write(data)),
      drain: () => new Promise((resolve) => socket.once('drain', resolve)),
      finish: () => (http ? socket.write(LAST_CHUNK) : socket.end()),
      onLines: () => {},
      closed,
    }
    const onBytes = (bytes: Buffer) => {
      let lines = 0
      for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, lf + 1)) lines++
      tail = (tail + bytes.toString('latin1', Math.max(0, bytes.length - TAIL_CHARS))).slice(
        -TAIL_CHARS
      )
      if (lines > 0) session.onLines(lines, performance.now())
    }
    const ready = () => {
      clearTimeout(timer)
      resolve(session)
    }
    if (http) {
      const parser = new HttpResponseParser({
        onHead: (status) => (status === 200 ? ready() : fail(new Error(`HTTP ${status}`))),
        onBody: onBytes,
        onEnd: () => {
          socket.end()
          settle.resolve(lastLine(tail))
        },
      })
      socket.on('data', (data: Buffer) => parser.push(data))
      socket.once('connect', () => socket.write(requestHead(port)))
    } else {
      socket.on('data', onBytes)
      socket.once('connect', ready)
    }
    socket.once('error', (error) => {
      fail(error)
      settle.reject(error)
    })
    socket.once('close', () => settle.resolve(lastLine(tail)))
  })
}

function sendChunk(socket: Socket, data: Buffer): boolean {
  socket.cork()
  socket.write(`${data.length.toString(16)}\r\n`)
  socket.write(data)
  const flowing = socket.write(CRLF)
  socket.uncork()
  return flowing
}
