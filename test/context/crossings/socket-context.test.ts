import { describe, expect, it } from 'vitest'
import { clientAddress, tryCurrentContext } from '../../../src/context/context-storage'
import {
  attachContext,
  type ContextAttachment,
  runInEachSocketContext,
  runInSocketContext,
} from '../../../src/context/crossings/socket-context'
import type { RequestContext } from '../../../src/context/request-context'
import { captureLog } from '../helpers/captured-log'
import { serializedSize } from '../helpers/serialized-size'
import { testContext } from '../helpers/test-context'

const context = (client: string): RequestContext => testContext(client)

/** A pair made here; the server end's attachment is what a Durable Object would keep. */
function socketPair(): { client: WebSocket; server: WebSocket } {
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
    const { client, server } = socketPair()
    attachContext(server, { context: context('192.0.2.30'), messages: 2 })
    // An unbound listener runs as a fresh event with an empty store, as a woken
    // Durable Object's webSocketMessage() does.
    const seen = new Promise<unknown[]>((resolve, reject) =>
      server.addEventListener('message', () => {
        const before = tryCurrentContext()
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
    const { server } = socketPair()
    attachContext(server, { context: context('2001:db8::30') })
    const seen = await runInSocketContext(server, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return clientAddress()
    })
    expect(seen).toBe('2001:db8::30')
    expect(tryCurrentContext()).toBeUndefined()
  })

  it('refuses a socket that was never given a context, saying what to do', () => {
    const { server } = socketPair()
    expect(() => runInSocketContext(server, () => 'unreachable')).toThrow(
      'No context on this socket: attachContext() it at upgrade'
    )
  })
})

describe('runInEachSocketContext()', () => {
  it('runs each socket in its own context, as an alarm with none must', () => {
    const sockets = ['192.0.2.31', '2001:db8::31', '192.0.2.32'].map((client) => {
      const { server } = socketPair()
      attachContext(server, { context: context(client) })
      return server
    })
    const seen: (string | undefined)[] = []
    runInEachSocketContext(sockets, () => {
      seen.push(tryCurrentContext()?.client)
    })
    expect(seen).toEqual(['192.0.2.31', '2001:db8::31', '192.0.2.32'])
    expect(tryCurrentContext()).toBeUndefined()
  })

  it('logs a socket whose handler throws, in its context, and goes on with the others', () => {
    const capture = captureLog()
    try {
      const sockets = ['192.0.2.33', '192.0.2.34'].map((client) => {
        const { server } = socketPair()
        attachContext(server, { context: context(client) })
        return server
      })
      const done: string[] = []
      runInEachSocketContext(sockets, () => {
        if (clientAddress() === '192.0.2.33') throw new Error('this socket failed')
        done.push(clientAddress())
      })
      expect(done).toEqual(['192.0.2.34'])
      expect(capture.lines).toMatchObject([
        { event: 'socket-error', client: '192.0.2.33', error: 'this socket failed' },
      ])
    } finally {
      capture.restore()
    }
  })
})

describe('attachContext()', () => {
  it('refuses, at upgrade, an attachment that would pass Cloudflare’s 2 KiB', () => {
    const { server } = socketPair()
    const attachment = { context: context('192.0.2.35'), note: 'x'.repeat(2048) }
    expect(() => attachContext(server, attachment)).toThrow(
      /socket attachment of \d+ bytes passes Cloudflare's 2048/
    )
    expect(server.deserializeAttachment()).toBeNull()
  })

  it.each([
    ['ASCII', 'x'],
    ['Latin-1', 'é'],
    ['other UTF-16', '€'],
    ['astral', '😀'],
  ])(
    'never lets through what the runtime serializes to more than its count (%s text)',
    (_name, char) => {
      // The check counts the attachment's JSON as UTF-8: never less than workerd's own bytes.
      for (const length of [0, 10, 300, 600]) {
        const attachment = { context: context('192.0.2.36'), note: char.repeat(length), n: 2 ** 52 }
        const json = new TextEncoder().encode(JSON.stringify(attachment)).length
        expect(serializedSize(attachment)).toBeLessThanOrEqual(json)
      }
    }
  )
})
