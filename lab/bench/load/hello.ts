/** GET / over keep-alive connections: requests per second for a small response. */
import { connect, type Socket } from 'node:net'
import { Samples } from '../samples.ts'
import { CLIENT_ADDRESS } from './echo-session.ts'
import { HttpResponseParser } from './http-response-parser.ts'
import { SESSION_TIMEOUT_MS, within } from './open-session.ts'

export interface HelloResult {
  readonly requests: number
  readonly seconds: number
  readonly latencyMs: Samples
}

export async function hello(port: number, clients: number, ms: number): Promise<HelloResult> {
  const sockets = await Promise.all(Array.from({ length: clients }, () => connected(port)))
  const latencyMs = new Samples()
  const deadline = performance.now() + ms
  try {
    const counts = await within(
      Promise.all(sockets.map((socket) => helloClient(socket, port, deadline, latencyMs))),
      ms + SESSION_TIMEOUT_MS,
      'hello'
    )
    return { requests: counts.reduce((a, b) => a + b, 0), seconds: ms / 1000, latencyMs }
  } finally {
    for (const socket of sockets) socket.destroy()
  }
}

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true })
    socket.once('connect', () => resolve(socket))
    socket.once('error', reject)
  })
}

function helloClient(socket: Socket, port: number, deadline: number, latencyMs: Samples) {
  const request = `GET / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncf-connecting-ip: ${CLIENT_ADDRESS}\r\n\r\n`
  return new Promise<number>((resolve, reject) => {
    let done = 0
    let sentAt = 0
    const send = () => {
      sentAt = performance.now()
      socket.write(request)
    }
    const parser = new HttpResponseParser({
      onHead: (status) => {
        if (status !== 200) reject(new Error(`GET / answered ${status}`))
      },
      onBody: () => {},
      onEnd: () => {
        const at = performance.now()
        if (at > deadline) return resolve(done)
        done++
        latencyMs.push(at - sentAt)
        send()
      },
    })
    socket.on('data', (data: Buffer) => parser.push(data))
    socket.once('error', reject)
    socket.once('close', () => reject(new Error('GET /: connection closed')))
    send()
  })
}
