import { describe, expect, it } from 'vitest'
import { clientAddress, tryClientAddress } from '../../src/context/client-context'
import { type ContextAttachment, runInSocketContext } from '../../src/context/socket-context'

/** The server end of a pair made here; its attachment is what a Durable Object would keep. */
function serverSocket(): { client: WebSocket; server: WebSocket } {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
  server.accept()
  client.accept()
  return { client, server }
}

interface CountingAttachment extends ContextAttachment {
  readonly messages: number
}

describe('runInSocketContext()', () => {
  it("restores the context from the socket's attachment in an event that has none", async () => {
    const { client, server } = serverSocket()
    const attachment: CountingAttachment = { context: { clientAddress: '192.0.2.30' }, messages: 2 }
    server.serializeAttachment(attachment)
    // An unbound listener runs as a fresh event with an empty store, as a woken
    // Durable Object's webSocketMessage() does.
    const seen = new Promise<unknown[]>((resolve, reject) =>
      server.addEventListener('message', () => {
        const before = tryClientAddress()
        try {
          resolve(
            runInSocketContext(server, (restored: CountingAttachment) => [
              before,
              clientAddress(),
              restored.messages,
            ])
          )
        } catch (error) {
          reject(error)
        }
      })
    )
    client.send('hello')
    expect(await seen).toEqual([undefined, '192.0.2.30', 2])
  })

  it('keeps the restored context across awaits inside the handler', async () => {
    const { server } = serverSocket()
    server.serializeAttachment({ context: { clientAddress: '2001:db8::30' } })
    const seen = await runInSocketContext(server, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return clientAddress()
    })
    expect(seen).toBe('2001:db8::30')
    expect(tryClientAddress()).toBeUndefined()
  })

  it('refuses a socket that was never given a context, saying what to do', () => {
    const { server } = serverSocket()
    expect(() => runInSocketContext(server, () => 'unreachable')).toThrow(
      'No context on this socket: serializeAttachment() it at upgrade'
    )
  })
})
