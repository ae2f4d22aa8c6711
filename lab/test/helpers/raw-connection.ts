/** A raw TCP connection to the Worker, for requests no polite client would send. */
import { connect, type Socket } from 'node:net'
import { onTestFinished } from 'vitest'
import { eventWithin, notifiedWaits } from '../../../test/e2e/helpers/wait-for'

export interface RawConnection {
  readonly socket: Socket
  /** Writes bytes as they are; resolves once the kernel has them. */
  write(data: string | Uint8Array): Promise<void>
  /** Waits until at least `bytes` bytes arrived. */
  waitForBytes(bytes: number, timeoutMs?: number): Promise<Buffer>
  /** Waits until the server closed the connection; returns all it sent. */
  closed(timeoutMs?: number): Promise<Buffer>
}

export async function rawConnection(httpUrl: string, timeoutMs = 5000): Promise<RawConnection> {
  const { hostname, port } = new URL(httpUrl)
  const socket = connect(Number(port), hostname)
  onTestFinished(() => {
    socket.destroy()
  })
  const chunks: Buffer[] = []
  let length = 0
  let ended = false
  const waits = notifiedWaits()
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk)
    length += chunk.length
    waits.notify()
  })
  socket.on('close', () => {
    ended = true
    waits.notify()
  })
  await eventWithin(socket, 'connect', timeoutMs, `a connection to ${httpUrl}`)
  // A reset by the peer is one of the outcomes the tests provoke; `closed` reports it.
  socket.on('error', () => {})
  const received = () => Buffer.concat(chunks, length)
  const got = (what: string) => () =>
    `${what}; got ${JSON.stringify(received().subarray(0, 300).toString('latin1'))}`
  return {
    socket,
    write: (data) =>
      new Promise<void>((resolve, reject) =>
        socket.write(data, (error) => (error ? reject(error) : resolve()))
      ),
    waitForBytes: (bytes, wait = 5000) =>
      waits.until(() => (length >= bytes ? received() : undefined), wait, got(`${bytes} bytes`)),
    closed: (wait = 5000) =>
      waits.until(() => (ended ? received() : undefined), wait, got('the close')),
  }
}

/** One piece of an HTTP/1.1 chunked body. */
export const chunk = (data: string): string =>
  `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`

/** The head of a streamed POST /echo, as raw text. */
export const postHead = (host: string, clientIp: string): string =>
  `POST /echo HTTP/1.1\r\nHost: ${host}\r\ncf-connecting-ip: ${clientIp}\r\nTransfer-Encoding: chunked\r\n\r\n`
