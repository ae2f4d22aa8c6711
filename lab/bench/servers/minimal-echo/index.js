/**
 * The least a Worker does to serve GET /ws: echo each message, and say goodbye at a blank
 * one. No line limit, no bound on what a client leaves unread, no idle timer, no log, no
 * context. It is the floor the template's per-message cost is held against: serve it in
 * the no-context build's place with
 * `npm run bench -- --against lab/bench/servers/minimal-echo --only websocket-ping-pong,websocket-bulk`.
 */
import { DurableObject } from 'cloudflare:workers'

const isBlank = (data) =>
  typeof data === 'string' ? data.trim() === '' : new TextDecoder().decode(data).trim() === ''

export default {
  fetch(request) {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('GET /ws with a WebSocket upgrade\n', { status: 426 })
    }
    const client = request.headers.get('cf-connecting-ip') ?? 'unknown'
    const [socket, server] = Object.values(new WebSocketPair())
    server.binaryType = 'arraybuffer'
    server.accept()
    server.addEventListener('message', ({ data }) => {
      if (!isBlank(data)) {
        server.send(data)
        return
      }
      server.send(`Good bye, client @ ${client}\n`)
      server.close(1000, 'goodbye')
    })
    return new Response(null, { status: 101, webSocket: socket })
  },
}

// The bench serves every build with the template's Durable Object binding.
export class HibernatingEcho extends DurableObject {}
