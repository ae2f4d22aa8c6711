/**
 * A lost context fails a test at once, with its own message: code that reads the context
 * where workerd dropped it throws, and the waits of the tests' helpers fail with that
 * error as soon as the Worker reports it, instead of timing out.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientAddress } from '../../src/context/context-storage'
import { withRequestContext } from '../../src/context/with-request-context'
import { orUncaughtError, takeUncaughtErrors } from './helpers/uncaught-errors'

/** An app whose WebSocket listener reads the context unbound: the mistake this catches. */
const app = new Hono().get('/socket', () => {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
  server.accept()
  server.addEventListener('message', () => server.send(clientAddress()))
  return new Response(null, { status: 101, webSocket: client })
})

describe('a lost context', () => {
  it('fails the wait for an answer at once, with the message that names the mistake', async () => {
    const request = new Request('http://example.com/socket', { headers: { upgrade: 'websocket' } })
    const response = await withRequestContext(app.fetch)(request, {}, {} as ExecutionContext)
    const socket = response.webSocket as WebSocket
    socket.accept()
    const answer = new Promise((resolve) => socket.addEventListener('message', resolve))
    const startedAt = Date.now()
    socket.send('hello')
    await expect(orUncaughtError(answer)).rejects.toThrow('No request context')
    expect(Date.now() - startedAt).toBeLessThan(5000)
    expect(takeUncaughtErrors()).toHaveLength(1)
  })
})
