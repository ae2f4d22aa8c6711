import { AsyncLocalStorage } from 'node:async_hooks'
import { Hono } from 'hono'
import { contextStorage, getContext } from 'hono/context-storage'
import { describe, expect, it } from 'vitest'
import {
  captureContext,
  runInContext,
  tryCurrentContext,
  withCurrentContext,
} from '../../src/context/context-storage'
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
    const seen = runInContext(context('192.0.2.20'), () =>
      nextMessage(server, (report) => () => report(seenClient()))
    )
    client.send('hello')
    expect(await seen).toBeUndefined()
  })

  it('see the context captured by captureContext() inside inContext(), and none around it', async () => {
    const { client, server } = socketPair()
    const seen = runInContext(context('192.0.2.26'), () => {
      const inContext = captureContext()
      return nextMessage(
        server,
        (report) => () => report({ around: seenClient(), inside: inContext(seenClient) })
      )
    })
    client.send('hello')
    expect(await seen).toEqual({ around: undefined, inside: '192.0.2.26' })
  })
})

/** A listener that enters the captured context for the whole of every event. */
function enteredOnEveryEvent<A extends unknown[], R>(fn: (...args: A) => R) {
  const inContext = captureContext()
  return (...args: A): R => inContext(fn, ...args)
}

describe.each([
  ['withCurrentContext', withCurrentContext],
  ['captureContext', enteredOnEveryEvent],
])('WebSocket listeners bound with %s()', (_name, bind) => {
  it('see the context of the request that added them', async () => {
    const { client, server } = socketPair()
    const seen = runInContext(context('192.0.2.21'), () =>
      nextMessage(server, (report) => bind(() => report(seenClient())))
    )
    client.send('hello')
    expect(await seen).toBe('192.0.2.21')
  })

  it('pass timers set inside the listener the same context', async () => {
    const { client, server } = socketPair()
    const seen = runInContext(context('192.0.2.22'), () =>
      nextMessage(server, (report) =>
        bind(() => {
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
      const seen = runInContext(context(address), () =>
        nextMessage(server, (report) => bind(() => report(seenClient())))
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

/** What a listener sees of every store: ours, Hono's contextStorage() and a library's. */
const library = new AsyncLocalStorage<string>()
function seenStores() {
  let honoPath: string | null = null
  try {
    honoPath = getContext().req.path
  } catch {}
  return { client: seenClient() ?? null, honoPath, library: library.getStore() ?? null }
}

/** A Hono route with contextStorage() that adds a listener bound by `bind`, as a fork's would. */
async function storesSeenBy(bind: typeof withCurrentContext) {
  const { client, server } = socketPair()
  let seen: Promise<unknown> | undefined
  const app = new Hono()
  app.use(contextStorage())
  app.get('/chat', (c) => {
    seen = nextMessage(server, (report) => bind(() => report(seenStores())))
    return c.text('listening')
  })
  await runInContext(context('192.0.2.25'), () =>
    library.run('library-value', () => app.request('/chat'))
  )
  client.send('hello')
  return seen
}

describe('what a bound listener keeps of the other stores', () => {
  it("withCurrentContext() keeps them all: Hono's contextStorage(), a library's AsyncLocalStorage", async () => {
    expect(await storesSeenBy(withCurrentContext)).toEqual({
      client: '192.0.2.25',
      honoPath: '/chat',
      library: 'library-value',
    })
  })

  it('captureContext() keeps ours alone: Hono’s getContext() and other stores are empty', async () => {
    expect(await storesSeenBy(enteredOnEveryEvent)).toEqual({
      client: '192.0.2.25',
      honoPath: null,
      library: null,
    })
  })
})
