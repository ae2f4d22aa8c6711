/**
 * The floor for WebSocket and hello: GET / and the echo over `ws` in plain Node, to show
 * the load client outruns the Workers it measures. Usage: node-websocket-echo.ts; it listens
 * on a port the system picks and reports it on fd 3, as workerd's --control-fd does.
 */
import { writeSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

const isBlank = (text: string): boolean => /^[\t\n\v\f\r ]*$/.test(text)

const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
  response.end(`hello from ${request.headers.host}\n`)
})

new WebSocketServer({ server, path: '/ws' }).on('connection', (socket, request) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary || !isBlank(data.toString())) return socket.send(data, { binary: isBinary })
    socket.send(`Good bye, client @ ${request.socket.remoteAddress}\n`)
    socket.close(1000, 'goodbye')
  })
})

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  writeSync(3, `${JSON.stringify({ event: 'listen', port })}\n`)
})
