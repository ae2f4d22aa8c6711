import { describe, expect, it } from 'vitest'
import {
  bindToClientContext,
  runWithClientContext,
  tryClientAddress,
} from '../../src/context/client-context'

/** A socket pair made here, not by a route: the client end sends, the server end listens. */
function socketPair(): { client: WebSocket; server: WebSocket } {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
  server.accept()
  client.accept()
  return { client, server }
}

/** Resolves with what `listen` reports from the server's message listener. */
function nextMessage(
  server: WebSocket,
  listen: (report: (seen: unknown) => void) => EventListener
) {
  return new Promise<unknown>((resolve) => server.addEventListener('message', listen(resolve)))
}

describe('WebSocket listeners and the client context', () => {
  it('lose the context when added unbound: workerd runs each event afresh', async () => {
    const { client, server } = socketPair()
    const seen = runWithClientContext({ clientAddress: '192.0.2.20' }, () =>
      nextMessage(server, (report) => () => report(tryClientAddress()))
    )
    client.send('hello')
    expect(await seen).toBeUndefined()
  })

  it('see the context of the session that added them when bound', async () => {
    const { client, server } = socketPair()
    const seen = runWithClientContext({ clientAddress: '192.0.2.21' }, () =>
      nextMessage(server, (report) => bindToClientContext(() => report(tryClientAddress())))
    )
    client.send('hello')
    expect(await seen).toBe('192.0.2.21')
  })

  it('pass timers set inside a bound listener the same context', async () => {
    const { client, server } = socketPair()
    const seen = runWithClientContext({ clientAddress: '192.0.2.22' }, () =>
      nextMessage(server, (report) =>
        bindToClientContext(() => {
          setTimeout(() => report(tryClientAddress()), 1)
        })
      )
    )
    client.send('hello')
    expect(await seen).toBe('192.0.2.22')
  })

  it('keep each session its own context when sockets interleave', async () => {
    const sessions = ['192.0.2.23', '192.0.2.24'].map((address) => {
      const { client, server } = socketPair()
      const seen = runWithClientContext({ clientAddress: address }, () =>
        nextMessage(server, (report) => bindToClientContext(() => report(tryClientAddress())))
      )
      return { client, seen }
    })
    for (const { client } of sessions.toReversed()) client.send('hello')
    expect(await Promise.all(sessions.map(({ seen }) => seen))).toEqual([
      '192.0.2.23',
      '192.0.2.24',
    ])
  })
})
