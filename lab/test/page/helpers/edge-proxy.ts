/**
 * A stand-in for Cloudflare's edge in front of the Worker: forwards every request, the
 * WebSocket upgrade included, with `cf-connecting-ip` set to one address, replacing any
 * the client sent, as the edge does. The browser cannot be trusted to add it: Chromium 150
 * drops Playwright's `extraHTTPHeaders` from the WebSocket handshake (docs/testing.md).
 */
import { createServer, type IncomingMessage, request } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface EdgeProxy {
  /** http://127.0.0.1:PORT, to be used in place of the Worker's URL. */
  readonly url: string
  close(): Promise<void>
}

/** The client's header lines with `cf-connecting-ip` set to `address`; Host stays the client's. */
function edgeHeaders(incoming: IncomingMessage, address: string): [string, string][] {
  const pairs: [string, string][] = []
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    const name = incoming.rawHeaders[i] as string
    if (name.toLowerCase() !== 'cf-connecting-ip')
      pairs.push([name, incoming.rawHeaders[i + 1] as string])
  }
  pairs.push(['cf-connecting-ip', address])
  return pairs
}

export function startEdgeProxy(workerUrl: string, address: string): Promise<EdgeProxy> {
  const worker = new URL(workerUrl)
  const host = worker.hostname
  const port = Number(worker.port)
  const sockets = new Set<Socket>()

  const server = createServer(function forwardRequest(incoming, outgoing) {
    const forwarded = request(
      {
        host,
        port,
        method: incoming.method,
        path: incoming.url,
        headers: edgeHeaders(incoming, address).flat(),
      },
      function forwardAnswer(answer) {
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders)
        answer.pipe(outgoing)
      }
    )
    forwarded.once('error', () => outgoing.destroy())
    incoming.pipe(forwarded)
  })

  server.on(
    'upgrade',
    function forwardUpgrade(incoming: IncomingMessage, client: Socket, head: Buffer) {
      const upstream = connect(port, host, function sendHandshake() {
        const lines = edgeHeaders(incoming, address).map(([name, value]) => `${name}: ${value}`)
        upstream.write(
          `${incoming.method} ${incoming.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
        )
        upstream.write(head)
        client.pipe(upstream).pipe(client)
      })
      for (const socket of [client, upstream]) {
        sockets.add(socket)
        socket.once('close', () => sockets.delete(socket))
      }
      // Either end gone ends both, as a dropped connection at the edge would.
      upstream.once('error', () => client.destroy())
      client.once('error', () => upstream.destroy())
      upstream.once('close', () => client.destroy())
      client.once('close', () => upstream.destroy())
    }
  )

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port: proxyPort } = server.address() as { port: number }
      resolve({
        url: `http://127.0.0.1:${proxyPort}`,
        close() {
          for (const socket of sockets) socket.destroy()
          server.closeAllConnections()
          return new Promise((done) => server.close(() => done()))
        },
      })
    })
  })
}
