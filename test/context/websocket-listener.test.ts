import { describe, expect, it } from 'vitest'
import { bindToContext, runWithContext, tryCurrentContext } from '../../src/context/context-storage'
import { testContext } from './helpers/test-context'

const context = (client: string) => testContext(client)
const seenClient = () => tryCurrentContext()?.client

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

describe('WebSocket listeners and the request context', () => {
  it('lose the context when added unbound: workerd runs each event afresh', async () => {
    const { client, server } = socketPair()
    const seen = runWithContext(context('192.0.2.20'), () =>
      nextMessage(server, (report) => () => report(seenClient()))
    )
    client.send('hello')
    expect(await seen).toBeUndefined()
  })

  it('see the context of the request that added them when bound', async () => {
    const { client, server } = socketPair()
    const seen = runWithContext(context('192.0.2.21'), () =>
      nextMessage(server, (report) => bindToContext(() => report(seenClient())))
    )
    client.send('hello')
    expect(await seen).toBe('192.0.2.21')
  })

  it('pass timers set inside a bound listener the same context', async () => {
    const { client, server } = socketPair()
    const seen = runWithContext(context('192.0.2.22'), () =>
      nextMessage(server, (report) =>
        bindToContext(() => {
          setTimeout(() => report(seenClient()), 1)
        })
      )
    )
    client.send('hello')
    expect(await seen).toBe('192.0.2.22')
  })

  it('keep each session its own context when sockets interleave', async () => {
    const sessions = ['192.0.2.23', '192.0.2.24'].map((address) => {
      const { client, server } = socketPair()
      const seen = runWithContext(context(address), () =>
        nextMessage(server, (report) => bindToContext(() => report(seenClient())))
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
